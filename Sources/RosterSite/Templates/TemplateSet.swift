import Foundation
import RosterCore

/// The Mustache templates of `site-templates/` (see ``PageTemplate``), loaded strictly: a syntax error, a missing
/// template or a partial that does not exist is an error naming the file and line, never an
/// empty page.
public struct TemplateSet: Sendable {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "\(path):\(line):\(column): error: \(message)" }
    }

    public let library: [String: PageTemplate]
    /// Non-template files (CSS, JS, images) to copy to `assets/`, by name.
    public let assets: [(name: String, bytes: [UInt8])]
    /// Changes when any template or asset changes.
    public let fingerprint: UInt64

    public static let requiredTemplates = ["index", "orgs", "org", "shares", "share", "registrations", "doc", "404"]

    /// Loads every `*.mustache` under `directory` (names without the extension, subfolders kept:
    /// `partials/head`), and every file under `directory/assets`.
    public static func load(directory: String, required: [String] = requiredTemplates) throws(Failure) -> TemplateSet {
        let fm = FileManager.default
        guard let paths = try? fm.subpathsOfDirectory(atPath: directory) else {
            throw Failure(path: directory, line: 1, column: 1, message: "the templates folder is missing; `roster init` creates one")
        }
        var library: [String: PageTemplate] = [:]
        var displayPaths: [String: String] = [:]
        var assets: [(String, [UInt8])] = []
        var hasher = FNV1a()
        for relative in paths.sorted() {
            let full = directory + "/" + relative
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue else { continue }
            let display = "site-templates/" + relative
            guard let data = fm.contents(atPath: full) else { throw Failure(path: display, line: 1, column: 1, message: "cannot read the file") }
            hasher.add(relative)
            hasher.add(Array(data))
            if relative.hasSuffix(".mustache") {
                let name = String(relative.dropLast(".mustache".count))
                do throws(PageTemplate.SyntaxError) {
                    library[name] = try PageTemplate(String(decoding: data, as: UTF8.self))
                } catch {
                    throw Failure(path: display, line: error.line, column: error.column, message: "template syntax: \(error.message)")
                }
                displayPaths[name] = display
            } else if relative.hasPrefix("assets/") {
                assets.append((String(relative.dropFirst("assets/".count)), Array(data)))
            }
        }
        for name in required where library[name] == nil {
            throw Failure(path: "site-templates/\(name).mustache", line: 1, column: 1, message: "the template is missing; every portal page needs one")
        }
        // An unknown partial would render as nothing: every {{> name}} must exist.
        for name in library.keys.sorted() {
            for partial in library[name]!.partials where library[partial.name] == nil {
                throw Failure(path: displayPaths[name]!, line: partial.line, column: partial.column,
                              message: "the partial \"\(partial.name)\" does not exist (no site-templates/\(partial.name).mustache)")
            }
        }
        return TemplateSet(library: library, assets: assets, fingerprint: hasher.value)
    }

    public func render(_ context: [String: TemplateValue], template: String) -> [UInt8] {
        library[template]?.render(context, library: library) ?? []
    }
}
