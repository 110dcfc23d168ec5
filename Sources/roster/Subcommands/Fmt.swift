import ArgumentParser
import RosterCore

extension Roster {
    struct Fmt: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fmt",
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

                Examples:
                  roster fmt --check   # CI: list files not in canonical form; exit 1 if any
                  roster fmt           # rewrite them: "formatted data/orgs/initech.json"
                """
        )

        @OptionGroup var root: RootOptions

        @Flag(help: "Write nothing; exit 1 if a file is not canonical.")
        var check = false

        func run() throws {
            let outcome = RecordRewrite.format(root: root.path, check: check, lockWait: check ? 0 : try lockWait())
            report(outcome)
        }
    }
}
