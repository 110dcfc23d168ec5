import Foundation
import RosterSynth
import Testing

@testable import RosterCore

/// ``PlainLocator`` places a pointer where the parsed tree places it, or declines.
@Suite struct PlainLocatorTests {
    /// Every pointer of the tree (escaped as RFC 6901 asks), and a few that lead nowhere.
    static func pointers(_ node: JSONNode, _ prefix: String = "") -> [String] {
        var out = [prefix]
        switch node.value {
        case .object(let members):
            for m in members {
                let key = m.key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
                out += pointers(m.node, prefix + "/" + key)
            }
            out.append(prefix + "/nothing")
        case .array(let items):
            for (i, item) in items.enumerated() { out += pointers(item, prefix + "/\(i)") }
            out += [prefix + "/\(items.count)", prefix + "/-1", prefix + "/+0", prefix + "/x"]
        default:
            out.append(prefix + "/0")
        }
        return out
    }

    /// Whether the locator declined `bytes`; when it did not, its offsets are the tree's.
    @discardableResult
    static func checkAlike(_ bytes: [UInt8], _ context: String) -> Bool {
        let root = JSONParser.parse(bytes).root
        let asked = root.map { pointers($0) } ?? ["", "/members/0"]
        guard let offsets = PlainLocator.offsets(of: asked, in: bytes) else { return true }
        guard let root else {
            Issue.record("\(context): the locator took a file the parser refuses")
            return false
        }
        #expect(offsets == asked.map { root.offset(of: $0) }, "\(context)")
        return false
    }

    @Test func recordsArePlacedAsTheTreePlacesThem() throws {
        var taken = 0
        for file in try PlainDecoderTests.recordFiles() where !Self.checkAlike(file.bytes, file.path) { taken += 1 }
        #expect(taken >= 45)
    }

    @Test func oddButValidFilesArePlacedAlike() {
        let texts = [
            #"{"a": 1, "a": {"b": [true, false, null, -0.5e+3]}, "c/d": 2, "e~f": 3}"#,
            #"{"members": [{"email": "x"}, {"email": "y", "email": "z"}], "": 0}"#,
            "  [ [], {}, [[1]], {\"k\": []} ]  ", "{\"x\": 10, \"y\": 0}", "{}", "[1,]", "{\"a\": 01}", "{\"a\": \"b\\n\"}",
            String(repeating: "[", count: 70) + String(repeating: "]", count: 70), "\u{FEFF}{}", "", "{\"é\": 1}",
            // Brackets and braces inside strings, in values passed over on the way.
            #"{"a": "}{][", "b": ["]", {"c": "{", "d": [["}"]]}, "]]"], "e": {"f": "}"}, "g": 1}"#,
            // A root object's members and their elements are kept by the walk that checks the
            // file: repeated keys whose values are and are not arrays, nested and empty arrays.
            #"{"m": [1, [2], {"x": [3]}], "n": [], "m": [[], {"y": 1}], "o": {"m": [4]}, "p": 5, "p": [6, 7]}"#,
            #"{ "members" : [ {"a": 1} ,{"a": [ 2 ]} ] , "members2": [[[]]]}"#,
            "{\"a\": " + String(repeating: "[", count: 62) + String(repeating: "]", count: 62) + "}",
            "{\"a\": " + String(repeating: "[", count: 64) + String(repeating: "]", count: 64) + "}",
        ]
        for text in texts { Self.checkAlike(Array(text.utf8), text) }
        #expect(PlainLocator.offsets(of: ["/a/b/3"], in: Array(texts[0].utf8)) == [40])
        // The last "m"'s elements, the first "m"'s key; the last "p" (an array after a number).
        let repeated = Array(texts.first { $0.hasPrefix(#"{"m""#) }!.utf8)
        #expect(PlainLocator.offsets(of: ["/m/1/y", "/m", "/m/2", "/p/1", "/o/m/0"], in: repeated) == [48, 1, 1, 92, 70])
    }

    @Test(arguments: [UInt64(21), 22])
    func mutatedRecordsArePlacedAlike(seed: UInt64) throws {
        let files = try PlainDecoderTests.recordFiles()
        var rng = SplitMix64(seed: seed)
        for round in 0..<400 {
            let file = files.randomElement(using: &rng)!
            var bytes = file.bytes
            let at = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: bytes[at] = Array("{}[],:\" 0-.eE1ntf\\".utf8).randomElement(using: &rng)!
            case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...30, using: &rng)))
            default: bytes.insert(contentsOf: Array(bytes[at..<min(bytes.count, at + Int.random(in: 1...80, using: &rng))]), at: at)
            }
            Self.checkAlike(bytes, "seed \(seed), round \(round), \(file.path)")
        }
    }
}
