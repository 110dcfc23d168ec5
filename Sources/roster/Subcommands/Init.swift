import ArgumentParser
import Foundation
import RosterCore
import RosterSite

extension Roster {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Scaffold a new marketplace repository.",
            discussion: """
                Creates DIR (default: the current directory) with data/marketplace.json, empty \
                data/orgs/ and data/shares/, the JSON Schemas in schemas/, starter docs in content/ and \
                site-templates/. Refuses when DIR already holds data/marketplace.json; never overwrites \
                a file.

                Example:
                  roster init acme-marketplace --provider "Acme Data"
                """
        )

        @Argument(help: "The folder to create the repository in.")
        var directory: String = "."

        @Option(help: "The provider's name, shown in the portal.")
        var provider: String = "My Marketplace"

        func run() throws {
            let dir = URL(fileURLWithPath: directory).standardizedFileURL.path
            if FileManager.default.fileExists(atPath: dir + "/" + Snapshot.marketplacePath) {
                printError("init: \(dir)/\(Snapshot.marketplacePath) already exists; this is a roster repository already")
                throw ExitCode(1)
            }
            let files = Scaffold.files(providerName: provider) + DefaultTemplates.files.map { Scaffold.File(path: $0.path, text: $0.text) }
            let clashes = files.filter { FileManager.default.fileExists(atPath: dir + "/" + $0.path) }
            if !clashes.isEmpty {
                for f in clashes { printError("init: \(dir)/\(f.path) already exists") }
                printError("init: nothing written; run it in an empty folder")
                throw ExitCode(1)
            }
            for f in files {
                try AtomicWriter.write(Array(f.text.utf8), to: dir + "/" + f.path)
            }
            print("created a roster repository in \(dir) (\(files.count) files)")
            print("next: cd \(directory) && roster org create \"First Customer\" && roster validate")
        }
    }
}
