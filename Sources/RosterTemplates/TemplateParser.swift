import Foundation

/// Parses Mustache text into ``PageTemplate`` nodes, reporting errors with line and column.
struct TemplateParser {
    let bytes: [UInt8]
    var i = 0
    var partials: [(name: String, line: Int, column: Int)] = []

    typealias Node = PageTemplate.Node
    typealias SyntaxError = PageTemplate.SyntaxError

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// A tag as the scanner finds it, before sections are nested.
    enum Token {
        case text([UInt8])
        case tag(kind: UInt8, name: String, start: Int, end: Int)
    }

    mutating func parse() throws(SyntaxError) -> [Node] {
        let tokens = try scan()
        var position = 0
        let nodes = try build(tokens, &position, closing: nil)
        return nodes
    }

    func error(_ offset: Int, _ message: String) -> SyntaxError {
        var line = 1, column = 1
        for b in bytes[0..<min(offset, bytes.count)] {
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }
        return SyntaxError(line: line, column: column, message: message)
    }

    func find(_ pattern: [UInt8], from start: Int) -> Int? {
        guard pattern.count <= bytes.count else { return nil }
        var k = start
        while k + pattern.count <= bytes.count {
            if bytes[k] == pattern[0], Array(bytes[k..<(k + pattern.count)]) == pattern { return k }
            k += 1
        }
        return nil
    }

    mutating func scan() throws(SyntaxError) -> [Token] {
        var tokens: [Token] = []
        let open: [UInt8] = [0x7B, 0x7B]
        while i < bytes.count {
            guard let tagStart = find(open, from: i) else {
                tokens.append(.text(Array(bytes[i...])))
                break
            }
            if tagStart > i { tokens.append(.text(Array(bytes[i..<tagStart]))) }
            var k = tagStart + 2
            var kind: UInt8 = 0
            var close: [UInt8] = [0x7D, 0x7D]
            if k < bytes.count, [0x23, 0x5E, 0x2F, 0x3E, 0x21, 0x26, 0x7B, 0x3D].contains(bytes[k]) {
                kind = bytes[k]
                k += 1
                if kind == 0x7B { close = [0x7D, 0x7D, 0x7D] }
            }
            if kind == 0x3D { throw error(tagStart, "changing delimiters ({{= =}}) is not supported") }
            guard let tagEnd = find(close, from: k) else { throw error(tagStart, "the tag is not closed with \(kind == 0x7B ? "}}}" : "}}")") }
            let name = String(decoding: bytes[k..<tagEnd], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if kind != 0x21, name.isEmpty { throw error(tagStart, "the tag has no name") }
            if kind != 0x21, name.contains(where: { $0 == " " || $0 == "{" || $0 == "}" }) {
                throw error(tagStart, "\"\(name)\" is not a valid tag name")
            }
            i = tagEnd + close.count
            // A section, inverted section, closing, partial or comment tag alone on its line
            // takes the whole line with it, so templates can be indented without blank lines.
            if [0x23, 0x5E, 0x2F, 0x3E, 0x21].contains(kind) {
                var lineStart = tagStart
                while lineStart > 0, bytes[lineStart - 1] == 0x20 || bytes[lineStart - 1] == 0x09 { lineStart -= 1 }
                var lineEnd = i
                while lineEnd < bytes.count, bytes[lineEnd] == 0x20 || bytes[lineEnd] == 0x09 || bytes[lineEnd] == 0x0D { lineEnd += 1 }
                if (lineStart == 0 || bytes[lineStart - 1] == 0x0A), lineEnd == bytes.count || bytes[lineEnd] == 0x0A {
                    if tagStart > lineStart, case .text(let text)? = tokens.last {
                        tokens[tokens.count - 1] = .text(Array(text.dropLast(tagStart - lineStart)))
                    }
                    i = min(bytes.count, lineEnd + 1)
                }
            }
            tokens.append(.tag(kind: kind, name: name, start: tagStart, end: i))
        }
        return tokens
    }

    mutating func build(_ tokens: [Token], _ position: inout Int, closing: (name: String, start: Int)?) throws(SyntaxError) -> [Node] {
        var nodes: [Node] = []
        while position < tokens.count {
            let token = tokens[position]
            position += 1
            switch token {
            case .text(let text):
                if !text.isEmpty { nodes.append(.text(text)) }
            case .tag(let kind, let name, let start, _):
                let path = name == "." ? [] : name.split(separator: ".").map(String.init)
                switch kind {
                case 0x21: continue
                case 0x23, 0x5E:
                    let children = try build(tokens, &position, closing: (name, start))
                    nodes.append(.section(path, inverted: kind == 0x5E, children))
                case 0x2F:
                    guard let closing else { throw error(start, "{{/\(name)}} closes no section") }
                    guard closing.name == name else { throw error(start, "{{/\(name)}} closes the section {{#\(closing.name)}}") }
                    return nodes
                case 0x3E:
                    let at = error(start, "")
                    partials.append((name, at.line, at.column))
                    nodes.append(.partial(name))
                case 0x26, 0x7B: nodes.append(.variable(path, escaped: false))
                default: nodes.append(.variable(path, escaped: true))
                }
            }
        }
        if let closing { throw error(closing.start, "the section {{#\(closing.name)}} is not closed") }
        return nodes
    }
}
