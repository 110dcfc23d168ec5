import Foundation
import RosterCore

/// The pages of `content/`: front matter parsed, Markdown rendered, ordered by weight.
public struct DocsSite: Sendable {
    public struct Page: Sendable {
        public var slug: String
        public var source: String
        public var front: FrontMatter
        public var html: String
        public var headings: [MarkdownRenderer.Heading]
        public var plainText: String
        public var bytes: [UInt8]
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var message: String
        public var description: String { "\(path):\(line):1: error: \(message)" }
    }

    /// Ordered by weight, then title.
    public var pages: [Page]

    /// Reads every `*.md` directly under `directory`, never through a symbolic link, and
    /// refuses a name that would not make a plain `docs/<slug>/` folder (`...md` would write
    /// `docs/../index.html`), before anything is rendered or written.
    public static func load(directory: String) throws(Failure) -> DocsSite {
        let sources = try readSources(directory)
        let slugs = Set(sources.map(\.slug))
        // From docs/<slug>/index.html, a page `other.md` is ../other/index.html (file:// has no
        // index files, so the name is spelled out).
        let renderer = MarkdownRenderer { url in
            guard !url.contains(":"), !url.hasPrefix("/") else { return nil }
            let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
            var file = String(parts[0])
            if file.hasPrefix("./") { file.removeFirst(2) }
            guard file.hasSuffix(".md"), slugs.contains(String(file.dropLast(3))) else { return nil }
            return "../\(file.dropLast(3))/index.html" + (parts.count > 1 ? "#\(parts[1])" : "")
        }
        var pages: [Page] = []
        for (slug, path, data) in sources {
            guard let text = String(validating: data, as: UTF8.self) else { throw Failure(path: path, line: 1, message: "the file is not UTF-8") }
            let front: FrontMatter, body: String
            do {
                (front, body) = try FrontMatter.split(text)
            } catch {
                throw Failure(path: path, line: error.line, message: error.message)
            }
            var output = renderer.render(body)
            // The template shows the title as the page's h1; a leading "# Title" would repeat it.
            if let first = output.headings.first, first.level == 1, first.text == front.title,
                let open = output.html.range(of: "<h1 "), let close = output.html.range(of: "</h1>"), open.lowerBound < close.lowerBound
            {
                output.html.removeSubrange(open.lowerBound..<close.upperBound)
                output.headings.removeFirst()
            }
            pages.append(
                Page(
                    slug: slug, source: path, front: front, html: output.html,
                    headings: output.headings, plainText: output.plainText, bytes: data))
        }
        pages.sort { ($0.front.weight, $0.front.title) < ($1.front.weight, $1.front.title) }
        return DocsSite(pages: pages)
    }
}

extension DocsSite {
    /// The slug, display path and bytes of every page, sorted by name. A page that is a link,
    /// a folder `content/` that is one, or a name that is not a plain slug is an error naming
    /// the file.
    static func readSources(_ directory: String) throws(Failure) -> [(slug: String, path: String, bytes: [UInt8])] {
        let folder: Int32
        switch FileAccess.openFolder(root: AtomicWriter.parent(of: directory), String(directory.split(separator: "/").last ?? "content")) {
        case .success(let fd): folder = fd
        case .failure(.symbolicLink): throw Failure(path: "content", line: 1, message: linkMessage)
        case .failure: return []
        }
        defer { close(folder) }
        var out: [(slug: String, path: String, bytes: [UInt8])] = []
        var seen: [String: String] = [:]
        for (name, _) in FileAccess.entries(in: folder) where name.hasSuffix(".md") {
            let path = "content/" + name
            let slug = String(name.dropLast(3))
            guard isPlainSlug(slug) else {
                throw Failure(
                    path: path, line: 1,
                    message:
                        "the file name gives the page the slug \"\(slug)\", which is not a plain folder name for docs/<slug>/index.html: a page's name starts with a letter or digit and holds only letters, digits, '-', '_' and '.'; rename the file"
                )
            }
            // Case apart, two names would be one folder on a case-insensitive disk.
            if let other = seen.updateValue(path, forKey: slug.lowercased()) {
                throw Failure(path: path, line: 1, message: "\(other) has the same slug ignoring case (docs/\(slug)/); rename one of them")
            }
            switch FileAccess.read(in: folder, name) {
            case .success(let bytes): out.append((slug, path, bytes))
            case .failure(.symbolicLink): throw Failure(path: path, line: 1, message: linkMessage)
            case .failure(.notRegularFile): throw Failure(path: path, line: 1, message: "expected a regular file")
            case .failure(.system(let reason)): throw Failure(path: path, line: 1, message: "cannot read the file: \(reason)")
            }
        }
        return out
    }

    static let linkMessage =
        "this is a symbolic link; docs are read only from regular files (a link could publish a file from outside the repository): replace it with the file itself"

    /// `[A-Za-z0-9][A-Za-z0-9._-]*`, at most 100 bytes: a folder name with no meaning to a
    /// path or a URL.
    static func isPlainSlug(_ slug: String) -> Bool {
        let bytes = Array(slug.utf8)
        guard let first = bytes.first, bytes.count <= 100, isAlphanumeric(first) else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }
    }

    static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }
}
