import Ccmark
import Foundation

/// Markdown to HTML through cmark, safely: raw HTML is dropped and `javascript:` and similar
/// links are removed (no `CMARK_OPT_UNSAFE`). Headings get anchors; links to other `.md` pages
/// are rewritten to the pages they become.
public struct MarkdownRenderer: Sendable {
    public struct Heading: Sendable, Equatable {
        public var level: Int
        public var text: String
        public var anchor: String
    }

    public struct Output: Sendable {
        public var html: String
        public var headings: [Heading]
        /// The text without markup, for the search index.
        public var plainText: String
    }

    /// Maps a link target of a `.md` file (`shares.md`) to the URL it becomes, or nil to keep it.
    public var rewriteLink: @Sendable (String) -> String?

    public init(rewriteLink: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.rewriteLink = rewriteLink
    }

    public func render(_ markdown: String) -> Output {
        let (text, tables) = PipeTables.extract(markdown)
        var output = renderBlocks(text)
        for (n, table) in tables.enumerated() {
            let html = PipeTables.html(table) { cell in
                // A cell is rendered as a paragraph on its own; its <p> wrapper is dropped.
                let inner = renderBlocks(cell).html.trimmingCharacters(in: .whitespacesAndNewlines)
                return inner.hasPrefix("<p>") && inner.hasSuffix("</p>") ? String(inner.dropFirst(3).dropLast(4)) : inner
            }
            output.html = output.html.replacingOccurrences(of: "<p>\(PipeTables.placeholder(n))</p>", with: html)
            output.plainText = output.plainText.replacingOccurrences(
                of: PipeTables.placeholder(n),
                with: (table.header + table.rows.flatMap { $0 }).joined(separator: " "))
        }
        return output
    }

    func renderBlocks(_ markdown: String) -> Output {
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_SMART
        guard let document = markdown.withCString({ cmark_parse_document($0, strlen($0), options) }) else {
            return Output(html: "", headings: [], plainText: "")
        }
        defer { cmark_node_free(document) }
        var headings: [Heading] = []
        var plain = ""
        var used: [String: Int] = [:]
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_ENTER, type == CMARK_NODE_LINK, let url = cmark_node_get_url(node).map({ String(cString: $0) }),
                let rewritten = rewriteLink(url)
            {
                _ = rewritten.withCString { cmark_node_set_url(node, $0) }
            }
            if event == CMARK_EVENT_ENTER, type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(node) {
                plain += String(cString: literal) + " "
            }
            if event == CMARK_EVENT_EXIT, type == CMARK_NODE_HEADING {
                let text = Self.text(of: node)
                var anchor = Self.slug(text)
                if anchor.isEmpty { anchor = "section" }
                if let n = used[anchor] { used[anchor] = n + 1; anchor += "-\(n + 1)" } else { used[anchor] = 1 }
                headings.append(Heading(level: Int(cmark_node_get_heading_level(node)), text: text, anchor: anchor))
            }
        }
        guard let rendered = cmark_render_html(document, options) else { return Output(html: "", headings: headings, plainText: plain) }
        defer { free(rendered) }
        var html = String(cString: rendered)
        html = Self.addAnchors(html, headings)
        return Output(html: html, headings: headings, plainText: plain.split(whereSeparator: \.isWhitespace).joined(separator: " "))
    }

    /// The text of a node's descendants.
    static func text(of node: OpaquePointer) -> String {
        var out = ""
        var child = cmark_node_first_child(node)
        while let c = child {
            if let literal = cmark_node_get_literal(c) { out += String(cString: literal) } else { out += text(of: c) }
            child = cmark_node_next(c)
        }
        return out
    }

    static func slug(_ text: String) -> String {
        var out = ""
        var dash = false
        for ch in text.lowercased().unicodeScalars {
            if CharacterSet.alphanumerics.contains(ch), ch.isASCII {
                if dash, !out.isEmpty { out += "-" }
                out.unicodeScalars.append(ch)
                dash = false
            } else {
                dash = true
            }
        }
        return out
    }

    /// cmark writes `<h2>` without attributes, in document order: give each its id and a link.
    static func addAnchors(_ html: String, _ headings: [Heading]) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count + headings.count * 64)
        var rest = Substring(html)
        for h in headings {
            let open = "<h\(h.level)>"
            guard let r = rest.range(of: open) else { break }
            out += rest[..<r.lowerBound]
            out += "<h\(h.level) id=\"\(h.anchor)\"><a class=\"anchor\" href=\"#\(h.anchor)\" aria-hidden=\"true\">#</a>"
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
    }
}
