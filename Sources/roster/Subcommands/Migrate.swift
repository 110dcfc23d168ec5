import ArgumentParser
import RosterCore

extension Roster {
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rewrite files of an older schemaVersion in the current format.",
            discussion: """
                roster reads older record files by migrating them in memory (and warns with \
                [schema-version-old]); `roster migrate` writes the migrated files in canonical form. \
                Files with a newer schemaVersion than this roster understands are refused: upgrade roster. \
                Nothing is written when any file has an error (a symbolic link under data/, content/ \
                or site-templates/ is one). migrate takes the same lock as the verbs that change records.
                """
        )

        @OptionGroup var root: RootOptions

        func run() throws {
            let lock = try takeChangeLock(root: root.path)
            defer { lock.release() }
            let snapshot = RecordStore.load(root: root.path)
            let errors = snapshot.loadFindings.filter { $0.severity == .error }
            if !errors.isEmpty {
                let located = FindingLocator.locate(errors, sources: snapshot.sources)
                print(FindingReport.render(located, format: .text), terminator: "")
                printError("migrate: nothing written; fix the errors above first")
                throw ExitCode(1)
            }
            let targets = Formatter.differences(snapshot).filter { snapshot.outdatedPaths.contains($0.path) }
            for d in targets {
                try AtomicWriter.write(d.canonical, to: root.path + "/" + d.path)
                print("migrated \(d.path) to schemaVersion \(currentSchemaVersion)")
            }
            if targets.isEmpty { print("every file is at schemaVersion \(currentSchemaVersion); nothing to migrate") }
        }
    }
}
