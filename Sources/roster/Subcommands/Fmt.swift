import ArgumentParser
import RosterCore

struct Fmt: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rewrite record files in canonical form.",
        discussion: """
        Canonical form: keys in the documented order, two-space indent, members sorted by \
        e-mail, teams, shares and consumers sorted by id, one trailing newline. Whatever roster \
        writes is canonical, so a hand edit followed by `roster fmt` and the same change made \
        through a roster verb give identical files.

        With --check nothing is written: the files that are not canonical are listed and the \
        exit code is 1 (use it in CI). A file with load errors (invalid JSON, unknown fields...) \
        is never rewritten: fix it first (`roster validate` says where).
        """
    )

    @OptionGroup var root: RootOptions

    @Flag(help: "Write nothing; exit 1 if a file is not canonical.")
    var check = false

    func run() throws {
        let snapshot = RecordStore.load(root: root.path)
        let differences = Formatter.differences(snapshot)
        let broken = Formatter.unformattable(snapshot)
        for path in broken {
            printError("\(path): not formatted: it has errors; run `roster validate` to see them")
        }
        if check {
            for d in differences { print("\(d.path): not in canonical form") }
            if differences.isEmpty && broken.isEmpty {
                print("all \(snapshot.sources.count) record files are canonical")
                return
            }
            print("\(differences.count) file\(differences.count == 1 ? "" : "s") to format; run `roster fmt`")
            throw ExitCode(1)
        }
        for d in differences {
            try AtomicWriter.write(d.canonical, to: root.path + "/" + d.path)
            print("formatted \(d.path)")
        }
        if differences.isEmpty { print("nothing to format") }
        if !broken.isEmpty { throw ExitCode(1) }
    }
}
