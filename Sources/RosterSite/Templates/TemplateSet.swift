import Foundation
import Mustache

/// The Mustache templates of `site-templates/`, loaded strictly: a syntax error, a missing
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

    public let library: MustacheLibrary
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
        var library = MustacheLibrary()
        var texts: [String: (path: String, text: String)] = [:]
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
                let text = String(decoding: data, as: UTF8.self)
                do {
                    library.register(try MustacheTemplate(string: text), named: name)
                } catch let error as MustacheTemplate.ParserError {
                    throw Failure(path: display, line: error.context.lineNumber, column: error.context.columnNumber,
                                  message: "template syntax: \(error.error)")
                } catch {
                    throw Failure(path: display, line: 1, column: 1, message: "template syntax: \(error)")
                }
                texts[name] = (display, text)
            } else if relative.hasPrefix("assets/") {
                assets.append((String(relative.dropFirst("assets/".count)), Array(data)))
            }
        }
        for name in required where texts[name] == nil {
            throw Failure(path: "site-templates/\(name).mustache", line: 1, column: 1, message: "the template is missing; every portal page needs one")
        }
        // swift-mustache renders an unknown partial as nothing: check every {{> name}} here.
        for (_, source) in texts.sorted(by: { $0.key < $1.key }) {
            for (partial, line, column) in partialReferences(source.text) where texts[partial] == nil {
                throw Failure(path: source.path, line: line, column: column, message: "the partial \"\(partial)\" does not exist (no site-templates/\(partial).mustache)")
            }
        }
        return TemplateSet(library: library, assets: assets, fingerprint: hasher.value)
    }

    /// `{{> name}}` tags with their positions.
    static func partialReferences(_ text: String) -> [(String, Int, Int)] {
        var out: [(String, Int, Int)] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{>") {
                guard let close = rest[open.upperBound...].range(of: "}}") else { break }
                let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                out.append((name, n + 1, line.distance(from: line.startIndex, to: open.lowerBound) + 1))
                rest = rest[close.upperBound...]
            }
        }
        return out
    }

    public func render(_ context: [String: Any], template: String) -> String {
        library.render(context, withTemplate: template) ?? ""
    }
}

/// 64-bit FNV-1a: a fast, stable fingerprint of inputs (not for security).
public struct FNV1a: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add(_ bytes: [UInt8]) {
        for b in bytes {
            value ^= UInt64(b)
            value = value &* 0x100_0000_01b3
        }
        add(separator: 0xff)
    }

    public mutating func add(_ text: String) {
        for b in text.utf8 {
            value ^= UInt64(b)
            value = value &* 0x100_0000_01b3
        }
        add(separator: 0xfe)
    }

    mutating func add(separator: UInt8) {
        value ^= UInt64(separator)
        value = value &* 0x100_0000_01b3
    }

    public var hex: String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
