import Testing
@testable import RosterCore

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
}
