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
                a file, nor writes through a symbolic link in DIR (such as data/ pointing elsewhere).

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
            // A link in DIR (`data -> ~/x`) would take the files outside it: refused, as every
            // other verb refuses a link under data/, content/ or site-templates/. A link in a
            // file's own place counts as that file, even when it points nowhere.
            let links = Self.linksOnTheWay(files.map(\.path), in: dir)
            if !links.isEmpty {
                for link in links { printError("init: \(dir)/\(link) is a symbolic link; roster writes nothing through a link") }
                printError("init: nothing written; replace the link with a folder of its own, or run it in an empty folder")
                throw ExitCode(1)
            }
            let clashes = files.filter { Self.exists(dir + "/" + $0.path) }
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

        /// Whether something is at `path`, a link included (not followed).
        static func exists(_ path: String) -> Bool {
            var info = stat()
            return lstat(path, &info) == 0
        }

        /// The folders on the way to `paths` (relative to `dir`) that exist and are not folders:
        /// symbolic links, where a file would be written outside `dir`.
        static func linksOnTheWay(_ paths: [String], in dir: String) -> [String] {
            var folders = Set<String>()
            for path in paths {
                var walked = ""
                for part in path.split(separator: "/").dropLast() {
                    walked += (walked.isEmpty ? "" : "/") + part
                    folders.insert(walked)
                }
            }
            return folders.sorted().filter { folder in
                var info = stat()
                return lstat(dir + "/" + folder, &info) == 0 && (info.st_mode & S_IFMT) != S_IFDIR
            }
        }
    }
}
