import Foundation

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

    /// Reads every `*.md` directly under `directory`.
    public static func load(directory: String) throws(Failure) -> DocsSite {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
        let slugs = Set(names.map { String($0.dropLast(3)) })
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
        for name in names {
            let path = "content/" + name
            guard let data = FileManager.default.contents(atPath: directory + "/" + name) else {
                throw Failure(path: path, line: 1, message: "cannot read the file")
            }
            guard let text = String(data: data, encoding: .utf8) else { throw Failure(path: path, line: 1, message: "the file is not UTF-8") }
            let front: FrontMatter, body: String
            do {
                (front, body) = try FrontMatter.split(text)
            } catch {
                throw Failure(path: path, line: error.line, message: error.message)
            }
            var output = renderer.render(body)
            // The template shows the title as the page's h1; a leading "# Title" would repeat it.
            if let first = output.headings.first, first.level == 1, first.text == front.title,
               let open = output.html.range(of: "<h1 "), let close = output.html.range(of: "</h1>"), open.lowerBound < close.lowerBound {
                output.html.removeSubrange(open.lowerBound..<close.upperBound)
                output.headings.removeFirst()
            }
            pages.append(Page(slug: String(name.dropLast(3)), source: path, front: front, html: output.html,
                              headings: output.headings, plainText: output.plainText, bytes: Array(data)))
        }
        pages.sort { ($0.front.weight, $0.front.title) < ($1.front.weight, $1.front.title) }
        return DocsSite(pages: pages)
    }
}
