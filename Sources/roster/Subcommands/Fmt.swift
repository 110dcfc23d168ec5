import ArgumentParser
import RosterCore

extension Roster {
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
                is never rewritten: fix it first (`roster validate` says where). A symbolic link \
                under data/, content/ or site-templates/ makes fmt write nothing. fmt takes the same \
                lock as the verbs that change records.
                """
        )

        @OptionGroup var root: RootOptions

        @Flag(help: "Write nothing; exit 1 if a file is not canonical.")
        var check = false

        func run() throws {
            // Writing takes the change lock, like the verbs: a verb's change made meanwhile would
            // otherwise be overwritten by this run's older copy of the file.
            let lock = check ? nil : try takeChangeLock(root: root.path)
            defer { lock?.release() }
            let snapshot = RecordStore.load(root: root.path)
            if !check { try refuseLinks(snapshot) }
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

        /// A symbolic link anywhere roster reads makes fmt write nothing, as it makes the verbs.
        func refuseLinks(_ snapshot: Snapshot) throws {
            let links = snapshot.loadFindings.filter { $0.rule == SymlinkScan.rule }
            guard !links.isEmpty else { return }
            print(FindingReport.render(links, format: .text), terminator: "")
            printError("fmt: nothing written; replace the symbolic links above with the files themselves first")
            throw ExitCode(1)
        }
    }
}
