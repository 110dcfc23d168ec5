import ArgumentParser
import RosterCore

extension Roster {
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Rewrite files of an older schemaVersion in the current format.",
            discussion: """
                roster reads older record files by migrating them in memory (and warns with \
                [schema-version-old]); `roster migrate` writes the migrated files in canonical form. \
                Files with a newer schemaVersion than this roster understands are refused: upgrade roster. \
                Nothing is written when any file has an error (a symbolic link under data/, content/ \
                or site-templates/ is one). migrate takes the same lock as the verbs that change records.

                Example:
                  roster migrate   # rewrites each old file; "nothing to migrate" when none is
                """
        )

        @OptionGroup var root: RootOptions

        func run() throws {
            report(RecordRewrite.migrate(root: root.path, lockWait: try lockWait()))
        }
    }
}
