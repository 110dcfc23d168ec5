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
    /// A set made in memory (the Markdown catalogue's empty one, tests).
    public init(library: [String: PageTemplate], assets: [(name: String, bytes: [UInt8])], fingerprint: UInt64) {
        self.library = library
        self.assets = assets
        self.fingerprint = fingerprint
        resolved = ResolvedLibrary(library)
    }

    /// The library, each partial resolved once (``ResolvedLibrary``): what every render reads.
    let resolved: ResolvedLibrary

    public static func load(directory: String, required: [String] = requiredTemplates) throws(Failure) -> TemplateSet {
        // Read without following any link: a linked asset or partial would publish a file from
        // outside the repository (`/etc/passwd`, the build's environment) in the portal.
        let files: [FileAccess.TreeFile]
        let folder = String(directory.split(separator: "/").last ?? "site-templates")
        switch FileAccess.readTree(root: AtomicWriter.parent(of: directory), folder) {
        case .success(let read): files = read
        case .failure(let failure):
            let display = "site-templates" + failure.path.dropFirst(folder.count)
            throw Failure(path: display, line: 1, column: 1, message: message(failure.reason, missing: display == "site-templates"))
        }
        var library: [String: PageTemplate] = [:]
        var displayPaths: [String: String] = [:]
        var assets: [(String, [UInt8])] = []
        var hasher = FNV1a()
        for file in files {
            let relative = file.path, data = file.bytes
            let display = "site-templates/" + relative
            hasher.add(relative)
            hasher.add(data)
            if relative.hasSuffix(".mustache") {
                let name = String(relative.dropLast(".mustache".count))
                do throws(PageTemplate.SyntaxError) {
                    library[name] = try PageTemplate(String(decoding: data, as: UTF8.self))
                } catch {
                    throw Failure(path: display, line: error.line, column: error.column, message: "template syntax: \(error.message)")
                }
                displayPaths[name] = display
            } else if relative.hasPrefix("assets/") {
                assets.append((String(relative.dropFirst("assets/".count)), data))
            }
        }
        for name in required where library[name] == nil {
            throw Failure(
                path: "site-templates/\(name).mustache", line: 1, column: 1, message: "the template is missing; every portal page needs one")
        }
        // An unknown partial would render as nothing: every {{> name}} must exist.
        for name in library.keys.sorted() {
            for partial in library[name]!.partials where library[partial.name] == nil {
                throw Failure(
                    path: displayPaths[name]!, line: partial.line, column: partial.column,
                    message: "the partial \"\(partial.name)\" does not exist (no site-templates/\(partial.name).mustache)")
            }
        }
        return TemplateSet(library: library, assets: assets, fingerprint: hasher.value)
    }

    static func message(_ reason: FileAccess.ReadError, missing: Bool) -> String {
        switch reason {
        case .symbolicLink:
            "this is a symbolic link; templates and assets are read only from regular files and folders (a link could publish a file from outside the repository): replace it with the file itself"
        case .notRegularFile: "expected a regular file or folder"
        case .system(let reason): missing ? "the templates folder is missing; `roster init` creates one" : "cannot read: \(reason)"
        }
    }

    /// Renders with `context` (nothing for an unknown template); with `escape: false` (plain-text
    /// e-mails), `{{name}}` writes the value as it is.
    public func render(_ context: [String: TemplateValue], template: String, escape: Bool = true) -> [UInt8] {
        var out: [UInt8] = []
        render([.value(.object(context))], model: nil, template: template, escape: escape, into: &out)
        return out
    }

    /// Renders with a stack of values, the last looked at first (see ``PageTemplate``).
    public func render(frames: [TemplateValue], template: String) -> [UInt8] {
        var out: [UInt8] = []
        render(frames: frames, template: template, into: &out)
        return out
    }

    /// Renders with a stack of values after the bytes `out` holds (nothing for an unknown template).
    public func render(frames: [TemplateValue], template: String, into out: inout [UInt8]) {
        render(frames.map(TemplateFrame.value), model: nil, template: template, escape: true, into: &out)
    }

    /// Renders with a stack of values and levels of `model` after the bytes `out` holds.
    public func render(frames: [TemplateFrame], model: any TemplateModel, template: String, into out: inout [UInt8]) {
        render(frames, model: model, template: template, escape: true, into: &out)
    }

    private func render(_ frames: [TemplateFrame], model: (any TemplateModel)?, template: String, escape: Bool, into out: inout [UInt8]) {
        guard let index = resolved.index[template] else { return }
        resolved.render(index, frames: frames, model: model, escape: escape, into: &out)
    }
}
