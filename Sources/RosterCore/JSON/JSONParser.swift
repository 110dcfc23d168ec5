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
                problems.append(
                    JSONProblem(
                        offset: 0, message: "the file starts with a byte order mark; save it as UTF-8 without BOM", rule: LoaderRule.jsonBOM.id))
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
            Fatal(problem: JSONProblem(offset: offset ?? i, message: message, rule: LoaderRule.jsonSyntax.id))
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
                expected.indices.allSatisfy({ bytes[i + $0] == expected[$0] })
            else {
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
            // A record's objects have up to about eight fields: one allocation instead of four.
            members.reserveCapacity(8)
            while true {
                skipWhitespace()
                guard i < bytes.count else { throw fatal("unexpected end of file; the object is not closed with '}'") }
                guard bytes[i] == 0x22 else { throw fatal("unexpected \(describe(bytes[i])); expected a key in double quotes") }
                let keyOffset = i
                let key = try parseString()
                skipWhitespace()
                guard i < bytes.count, bytes[i] == 0x3A else {
                    throw fatal(
                        i < bytes.count ? "unexpected \(describe(bytes[i])); expected ':' after the key" : "unexpected end of file; expected ':'")
                }
                i += 1
                skipWhitespace()
                let node = try parseValue()
                if index == nil, members.count >= 32 {
                    index = Dictionary(members.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
                }
                let length = key.utf8.count
                let previous = index.map { $0[key] } ?? members.firstIndex(where: { $0.key.utf8.count == length && $0.key == key })
                if let previous {
                    problems.append(
                        JSONProblem(
                            offset: keyOffset, message: "duplicate key \(Quote.value(key)); a JSON reader keeps only one of them",
                            rule: LoaderRule.jsonDuplicateKey.id))
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
                    problems.append(JSONProblem(offset: comma, message: "trailing comma before '}'", rule: LoaderRule.jsonTrailingComma.id))
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
                    problems.append(JSONProblem(offset: comma, message: "trailing comma before ']'", rule: LoaderRule.jsonTrailingComma.id))
                    i += 1
                    return .array(items)
                }
            }
        }
    }
}
