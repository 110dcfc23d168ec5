import Testing
@testable import RosterCore
import RosterSynth

@Suite struct JSONParserTests {
    struct BadInput: Sendable, CustomTestStringConvertible {
        var text: String
        var line: Int
        var column: Int
        var rule: String
        var testDescription: String { "\(rule) at \(line):\(column)" }
    }

    static let badInputs: [BadInput] = [
        BadInput(text: "{\n  \"a\": 1\n  \"b\": 2\n}", line: 3, column: 3, rule: "json-syntax"),
        BadInput(text: "{\n  \"a\": 1,\n}", line: 2, column: 9, rule: "json-trailing-comma"),
        BadInput(text: "[1, 2,\n]", line: 1, column: 6, rule: "json-trailing-comma"),
        BadInput(text: "{\"a\": 1, \"a\": 2}", line: 1, column: 10, rule: "json-duplicate-key"),
        BadInput(text: "\u{FEFF}{}", line: 1, column: 1, rule: "json-bom"),
        BadInput(text: "{\"a\": \"unterminated}", line: 1, column: 7, rule: "json-syntax"),
        BadInput(text: "{\"a\": 012}", line: 1, column: 7, rule: "json-syntax"),
        BadInput(text: "{\"a\": \"x\\q\"}", line: 1, column: 9, rule: "json-syntax"),
        BadInput(text: "{\"a\": \"tab\there\"}", line: 1, column: 11, rule: "json-syntax"),
        BadInput(text: "{\n  // comment\n}", line: 2, column: 3, rule: "json-syntax"),
        BadInput(text: "{'a': 1}", line: 1, column: 2, rule: "json-syntax"),
        BadInput(text: "{\"é\": tru}", line: 1, column: 7, rule: "json-syntax"),
        BadInput(text: "", line: 1, column: 1, rule: "json-syntax"),
        BadInput(text: "{} {}", line: 1, column: 4, rule: "json-syntax"),
        BadInput(text: "{\"a\": \"\\ud800\"}", line: 1, column: 8, rule: "json-syntax"),
        BadInput(text: String(repeating: "[", count: 100), line: 1, column: 65, rule: "json-syntax"),
    ]

    @Test(arguments: badInputs)
    func reportsTheExactPosition(_ input: BadInput) {
        let bytes = Array(input.text.utf8)
        let result = JSONParser.parse(bytes)
        let problem = result.problems.first { $0.rule == input.rule }
        #expect(problem != nil)
        if let problem {
            let (line, column) = SourceText(bytes: bytes).position(of: problem.offset)
            #expect(line == input.line)
            #expect(column == input.column)
        }
    }

    @Test func invalidUTF8IsRefused() {
        let result = JSONParser.parse([0x22, 0xC3, 0x28, 0x22])
        #expect(result.root == nil)
        #expect(result.problems.first?.message.contains("UTF-8") == true)
    }

    @Test func parsesValuesWithOffsetsAndEscapes() throws {
        let text = "{\n  \"name\": \"Caf\\u00e9 \\ud83d\\ude00\",\n  \"n\": -1.5e3,\n  \"list\": [true, null]\n}"
        let result = JSONParser.parse(Array(text.utf8))
        #expect(result.problems.isEmpty)
        let root = try #require(result.root)
        #expect(root.member("name")?.node.value == .string("Café 😀"))
        #expect(root.member("n")?.node.value == .number("-1.5e3"))
        #expect(root.member("list")?.keyOffset == 55)
        #expect(root.offset(of: "/list/1") == 70)
    }

    @Test func writerRoundTripsCanonically() throws {
        let text = "{\n  \"a\": [\n    1,\n    \"x\\\"y\\n\"\n  ],\n  \"b\": {},\n  \"c\": []\n}\n"
        let root = try #require(JSONParser.parse(Array(text.utf8)).root)
        #expect(JSONWriter.canonical(root) == text)
    }
}

/// The portal streams its API files; they must be byte for byte what the canonical writer
/// writes for the same tree, empty containers and escapes included.
@Suite struct JSONStreamTests {
    @Test func streamingWritesTheCanonicalLayout() {
        let text = #"{"a": "x<y & \"z\"\n", "empty": {}, "list": [], "n": 3, "nested": [{"b": true, "c": ["d", "e\u2028"]}, {}, []]}"#
        let tree = JSONParser.parse(Array(text.utf8)).root!
        var j = JSONStream(htmlSafe: true)
        j.beginObject()
        j.field("a", "x<y & \"z\"\n")
        j.key("empty"); j.beginObject(); j.endObject()
        j.key("list"); j.beginArray(); j.endArray()
        j.field("n", 3)
        j.field("skipped", nil as String?)
        j.key("nested")
        j.beginArray()
        j.beginObject()
        j.key("b"); j.bool(true)
        j.key("c"); j.beginArray(); j.string("d"); j.string("e\u{2028}"); j.endArray()
        j.endObject()
        j.beginObject(); j.endObject()
        j.beginArray(); j.endArray()
        j.endArray()
        j.endObject()
        #expect(String(decoding: j.bytes, as: UTF8.self) == String(decoding: JSONWriter.canonicalBytes(tree, htmlSafe: true), as: UTF8.self))
    }

    /// Random trees, nested up to 64 levels, with every kind of key and value: streamed whole,
    /// and with the outer array's elements written by streams that go on with it in runs (as
    /// the portal writes its long lists on every core), they are the canonical writer's bytes.
    @Test func randomTreesStreamAsTheCanonicalWriterWritesThem() {
        var random = SplitMix64(seed: 31)
        let keys: [StaticString] = ["a", "id", "members", "a-key-of-twenty-bytes"]
        // A container at `level` (the outer array is level 1): the first child of each is a
        // container down to `reach` (the others any value), and only values past level 64.
        func tree(_ level: Int, reach: Int) -> JSONNode {
            let pick = level > 64 ? random.next() % 3 : level < reach ? 3 + random.next() % 2 : random.next() % 5
            let count = level < reach ? 1 + Int(random.next() % 3) : Int(random.next() % 4)
            switch pick {
            case 0: return JSONNode(.string(["", "x", "<&>", "e\u{2028}\"\\", "a longer text, past one word"][Int(random.next() % 5)]))
            case 1: return JSONNode(.number(String(Int(random.next() % 2000) - 1000)))
            case 2: return JSONNode(random.next() % 2 == 0 ? .bool(random.next() % 2 == 0) : .null)
            case 3: return JSONNode(.array((0..<count).map { k in tree(level + 1, reach: k == 0 ? reach : 0) }))
            default:
                // Keys named in the code, then sometimes one of data.
                var members = (0..<count).map { k in JSONMember(key: keys[k].description, node: tree(level + 1, reach: k == 0 ? reach : 0)) }
                if random.next() % 3 == 0 { members.append(JSONMember(key: "da\"ta", node: tree(level + 1, reach: 0))) }
                return JSONNode(.object(members))
            }
        }
        func stream(_ node: JSONNode, into j: inout JSONStream) {
            switch node.value {
            case .null: j.bool(false)  // not written by the stream: never made below
            case .bool(let b): j.bool(b)
            case .number(let n): j.number(Int(n)!)
            case .string(let s): j.string(s)
            case .array(let items):
                j.beginArray()
                for item in items { stream(item, into: &j) }
                j.endArray()
            case .object(let members):
                j.beginObject()
                for (k, member) in members.enumerated() {
                    if member.key == "da\"ta" { j.key(text: member.key) } else { j.key(keys[k]) }
                    stream(member.node, into: &j)
                }
                j.endObject()
            }
        }
        func withoutNulls(_ node: JSONNode) -> JSONNode {
            switch node.value {
            case .null: JSONNode(.bool(false))
            case .array(let items): JSONNode(.array(items.map(withoutNulls)))
            case .object(let members): JSONNode(.object(members.map { JSONMember(key: $0.key, node: withoutNulls($0.node)) }))
            default: node
            }
        }
        var deepest = 0
        for _ in 0..<300 {
            let reach = 2 + Int(random.next() % 63)
            let items = (0..<Int(random.next() % 7)).map { _ in withoutNulls(tree(2, reach: reach)) }
            let expected = JSONWriter.canonicalBytes(JSONNode(.array(items)), htmlSafe: true)
            var whole = JSONStream(htmlSafe: true, capacity: 16)
            stream(JSONNode(.array(items)), into: &whole)
            #expect(whole.bytes == expected)
            #expect(whole.depth == 0)
            // In runs: the opening, runs of elements (each a stream of its own), the closing.
            var opening = JSONStream(htmlSafe: true)
            opening.beginArray()
            var joined = opening.take()
            var k = 0
            while k < items.count {
                let run = k..<min(items.count, k + 1 + Int(random.next() % 3))
                var j = JSONStream(continuingArrayAtDepth: 1, after: run.lowerBound, htmlSafe: true, capacity: 16)
                for item in items[run] { stream(item, into: &j) }
                joined += j.take()
                k = run.upperBound
            }
            var closing = JSONStream(continuingArrayAtDepth: 1, after: items.count, htmlSafe: true)
            closing.endArray()
            joined += closing.take()
            #expect(joined == expected)
            deepest = max(deepest, Self.depth(expected))
        }
        #expect(deepest == 64)
    }

    /// The deepest nesting of canonical JSON bytes (no string holds a bracket here).
    static func depth(_ bytes: [UInt8]) -> Int {
        var depth = 0, deepest = 0, inString = false, escaped = false
        for b in bytes {
            if inString {
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
            } else if b == 0x22 {
                inString = true
            } else if b == 0x5B || b == 0x7B {
                depth += 1
                deepest = max(deepest, depth)
            } else if b == 0x5D || b == 0x7D {
                depth -= 1
            }
        }
        return deepest
    }
}
