/// A problem the parser found, at a byte offset of the source.
public struct JSONProblem: Sendable, Equatable {
    public var offset: Int
    public var message: String
    public var rule: String
}

/// A strict RFC 8259 parser that keeps positions.
///
/// It refuses what `JSONDecoder` lets through: a byte order mark, duplicate keys, trailing
/// commas, comments, invalid UTF-8, control characters in strings. Recoverable problems (BOM,
/// duplicate key, trailing comma) are collected and parsing goes on, so a file shows all of
/// them at once; a real syntax error stops the file and is reported at its exact position.
public struct JSONParser {
    public struct Result: Sendable {
        /// The parsed value, or nil after a fatal syntax error.
        public var root: JSONNode?
        public var problems: [JSONProblem]
    }

    /// Deeper nesting than this is refused, so hostile input cannot exhaust the stack.
    static let maxDepth = 64

    public static func parse(_ bytes: [UInt8]) -> Result {
        bytes.withUnsafeBufferPointer { buffer in
            var parser = Scanner(bytes: buffer)
            return parser.parseDocument()
        }
    }

    struct Fatal: Error {
        var problem: JSONProblem
    }

    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0
        var problems: [JSONProblem] = []
        var depth = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func parseDocument() -> Result {
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
                problems.append(JSONProblem(offset: 0, message: "the file starts with a byte order mark; save it as UTF-8 without BOM", rule: "json-bom"))
                i = 3
            }
            do {
                skipWhitespace()
                guard i < bytes.count else { throw fatal("the file is empty; expected a JSON object") }
                let root = try parseValue()
                skipWhitespace()
                if i < bytes.count { throw fatal("unexpected \(describe(bytes[i])) after the end of the JSON value") }
                return Result(root: root, problems: problems)
            } catch let error as Fatal {
                return Result(root: nil, problems: problems + [error.problem])
            } catch {
                return Result(root: nil, problems: problems)
            }
        }

        func fatal(_ message: String, at offset: Int? = nil) -> Fatal {
            Fatal(problem: JSONProblem(offset: offset ?? i, message: message, rule: "json-syntax"))
        }

        func describe(_ byte: UInt8) -> String {
            switch byte {
            case 0x22: return "'\"'"
            case 0x20...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
            case 0x0A: return "end of line"
            default: return "byte 0x\(String(byte, radix: 16, uppercase: true))"
            }
        }

        mutating func skipWhitespace() {
            while i < bytes.count {
                switch bytes[i] {
                case 0x20, 0x0A, 0x0D, 0x09: i += 1
                default: return
                }
            }
        }

        mutating func parseValue() throws(Fatal) -> JSONNode {
            guard i < bytes.count else { throw fatal("unexpected end of file; expected a value") }
            let start = i
            switch bytes[i] {
            case 0x7B: return JSONNode(try parseObject(), offset: start)
            case 0x5B: return JSONNode(try parseArray(), offset: start)
            case 0x22: return JSONNode(.string(try parseString()), offset: start)
            case 0x74: try literal("true"); return JSONNode(.bool(true), offset: start)
            case 0x66: try literal("false"); return JSONNode(.bool(false), offset: start)
            case 0x6E: try literal("null"); return JSONNode(.null, offset: start)
            case 0x2D, 0x30...0x39: return JSONNode(.number(try parseNumber()), offset: start)
            case 0x2F: throw fatal("comments are not allowed in JSON")
            case 0x27: throw fatal("strings must use double quotes, not single quotes")
            default: throw fatal("unexpected \(describe(bytes[i])); expected a value")
            }
        }

        mutating func literal(_ word: String) throws(Fatal) {
            let expected = Array(word.utf8)
            guard i + expected.count <= bytes.count,
                  expected.indices.allSatisfy({ bytes[i + $0] == expected[$0] }) else {
                throw fatal("invalid literal; expected \(word)")
            }
            i += expected.count
        }

        mutating func enter() throws(Fatal) {
            depth += 1
            if depth > JSONParser.maxDepth { throw fatal("nesting deeper than \(JSONParser.maxDepth) levels") }
        }

        mutating func parseObject() throws(Fatal) -> JSONValue {
            try enter()
            defer { depth -= 1 }
            i += 1
            var members: [JSONMember] = []
            // Record objects are small: a linear scan finds duplicate keys fastest. Large
            // objects (a build manifest) switch to a hash table of key -> index.
            var index: [String: Int]?
            skipWhitespace()
            if i < bytes.count, bytes[i] == 0x7D { i += 1; return .object(members) }
            while true {
                skipWhitespace()
                guard i < bytes.count else { throw fatal("unexpected end of file; the object is not closed with '}'") }
                guard bytes[i] == 0x22 else { throw fatal("unexpected \(describe(bytes[i])); expected a key in double quotes") }
                let keyOffset = i
                let key = try parseString()
                skipWhitespace()
                guard i < bytes.count, bytes[i] == 0x3A else {
                    throw fatal(i < bytes.count ? "unexpected \(describe(bytes[i])); expected ':' after the key" : "unexpected end of file; expected ':'")
                }
                i += 1
                skipWhitespace()
                let node = try parseValue()
                if index == nil, members.count >= 32 {
                    index = Dictionary(members.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
                }
                let previous = index.map { $0[key] } ?? members.firstIndex(where: { $0.key == key })
                if let previous {
                    problems.append(JSONProblem(offset: keyOffset, message: "duplicate key \(Quote.value(key)); a JSON reader keeps only one of them", rule: "json-duplicate-key"))
                    members[previous].node = node
                } else {
                    index?[key] = members.count
                    members.append(JSONMember(key: key, keyOffset: keyOffset, node: node))
                }
                skipWhitespace()
                guard i < bytes.count else { throw fatal("unexpected end of file; the object is not closed with '}'") }
                if bytes[i] == 0x7D { i += 1; return .object(members) }
                guard bytes[i] == 0x2C else { throw fatal("unexpected \(describe(bytes[i])); expected ',' or '}'") }
                let comma = i
                i += 1
                skipWhitespace()
                if i < bytes.count, bytes[i] == 0x7D {
                    problems.append(JSONProblem(offset: comma, message: "trailing comma before '}'", rule: "json-trailing-comma"))
                    i += 1
                    return .object(members)
                }
            }
        }

        mutating func parseArray() throws(Fatal) -> JSONValue {
            try enter()
            defer { depth -= 1 }
            i += 1
            var items: [JSONNode] = []
            skipWhitespace()
            if i < bytes.count, bytes[i] == 0x5D { i += 1; return .array(items) }
            while true {
                skipWhitespace()
                items.append(try parseValue())
                skipWhitespace()
                guard i < bytes.count else { throw fatal("unexpected end of file; the array is not closed with ']'") }
                if bytes[i] == 0x5D { i += 1; return .array(items) }
                guard bytes[i] == 0x2C else { throw fatal("unexpected \(describe(bytes[i])); expected ',' or ']'") }
                let comma = i
                i += 1
                skipWhitespace()
                if i < bytes.count, bytes[i] == 0x5D {
                    problems.append(JSONProblem(offset: comma, message: "trailing comma before ']'", rule: "json-trailing-comma"))
                    i += 1
                    return .array(items)
                }
            }
        }

        mutating func parseNumber() throws(Fatal) -> String {
            let start = i
            if bytes[i] == 0x2D { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw fatal("invalid number") }
            if bytes[i] == 0x30, i + 1 < bytes.count, isDigit(bytes[i + 1]) {
                throw fatal("numbers must not have leading zeros")
            }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            if i < bytes.count, bytes[i] == 0x2E {
                i += 1
                guard i < bytes.count, isDigit(bytes[i]) else { throw fatal("invalid number: a digit must follow '.'") }
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            }
            if i < bytes.count, bytes[i] == 0x65 || bytes[i] == 0x45 {
                i += 1
                if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }
                guard i < bytes.count, isDigit(bytes[i]) else { throw fatal("invalid number: a digit must follow the exponent") }
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        }

        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

        mutating func parseString() throws(Fatal) -> String {
            let open = i
            i += 1
            let start = i
            var ascii = true
            // Fast path: no escapes. Scan to the closing quote.
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x22 {
                    let slice = UnsafeBufferPointer(rebasing: bytes[start..<i])
                    i += 1
                    if ascii { return String(decoding: slice, as: UTF8.self) }
                    return try validated(slice, at: start)
                }
                if b == 0x5C { return try parseEscapedString(from: start, open: open) }
                if b < 0x20 { throw fatal(b == 0x0A ? "unterminated string: a line break inside a string must be written \\n" : "control character inside a string must be escaped") }
                if b >= 0x80 { ascii = false }
                i += 1
            }
            throw fatal("unterminated string", at: open)
        }

        func validated(_ slice: UnsafeBufferPointer<UInt8>, at offset: Int) throws(Fatal) -> String {
            guard let s = String(validating: slice, as: UTF8.self) else {
                throw fatal("invalid UTF-8 in string", at: offset)
            }
            return s
        }

        mutating func parseEscapedString(from start: Int, open: Int) throws(Fatal) -> String {
            var out = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<i]))
            while i < bytes.count {
                let b = bytes[i]
                switch b {
                case 0x22:
                    i += 1
                    guard let s = String(validating: out, as: UTF8.self) else { throw fatal("invalid UTF-8 in string", at: start) }
                    return s
                case 0x5C:
                    i += 1
                    guard i < bytes.count else { throw fatal("unterminated string", at: open) }
                    let e = bytes[i]
                    i += 1
                    switch e {
                    case 0x22: out.append(0x22)
                    case 0x5C: out.append(0x5C)
                    case 0x2F: out.append(0x2F)
                    case 0x62: out.append(0x08)
                    case 0x66: out.append(0x0C)
                    case 0x6E: out.append(0x0A)
                    case 0x72: out.append(0x0D)
                    case 0x74: out.append(0x09)
                    case 0x75: try appendUnicodeEscape(into: &out)
                    default: throw fatal("invalid escape '\\\(Character(Unicode.Scalar(e)))'", at: i - 2)
                    }
                case 0..<0x20:
                    throw fatal("control character inside a string must be escaped")
                default:
                    out.append(b)
                    i += 1
                }
            }
            throw fatal("unterminated string", at: open)
        }

        mutating func hex4() throws(Fatal) -> UInt32 {
            guard i + 4 <= bytes.count else { throw fatal("invalid \\u escape: four hex digits expected") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[i]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: throw fatal("invalid \\u escape: four hex digits expected")
                }
                v = v << 4 | d
                i += 1
            }
            return v
        }

        mutating func appendUnicodeEscape(into out: inout [UInt8]) throws(Fatal) {
            let at = i - 2
            var code = try hex4()
            if code >= 0xD800, code < 0xDC00 {
                guard i + 6 <= bytes.count, bytes[i] == 0x5C, bytes[i + 1] == 0x75 else {
                    throw fatal("unpaired surrogate in \\u escape", at: at)
                }
                i += 2
                let low = try hex4()
                guard low >= 0xDC00, low < 0xE000 else { throw fatal("unpaired surrogate in \\u escape", at: at) }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else if code >= 0xDC00, code < 0xE000 {
                throw fatal("unpaired surrogate in \\u escape", at: at)
            }
            guard let scalar = Unicode.Scalar(code) else { throw fatal("invalid \\u escape", at: at) }
            out.append(contentsOf: String(Character(scalar)).utf8)
        }
    }
}
