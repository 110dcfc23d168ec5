import RosterCore
import RosterSynth
import Testing

@testable import RosterTemplates

/// The HTML and JSON escapers write what escapers going scalar by scalar write, for texts made
/// mostly of the bytes they look for, their neighbours and the bytes their word tests also
/// stop at (`#$%=`, a character starting with E2 such as `•`), of every length up to 40.
@Suite struct EscaperTests {
    /// Random texts of `pieces`, each escaped scalar by scalar by `replacement` (nil: as it is).
    static func texts(seed: UInt64, _ pieces: [String], _ replacement: (Unicode.Scalar) -> String?) -> [(text: String, escaped: String)] {
        var generator = SplitMix64(seed: seed)
        return (0..<4000).map { _ in
            let text = (0..<Int(generator.next() % 40)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            var escaped = ""
            for scalar in text.unicodeScalars {
                if let replaced = replacement(scalar) { escaped += replaced } else { escaped.unicodeScalars.append(scalar) }
            }
            return (text, escaped)
        }
    }

    @Test func theHTMLEscaperWritesWhatAScalarByScalarOneWrites() {
        let pieces = ["a", "#", "$", "%", "=", "\"", "&", "'", "<", ">", ";", "!", "(", "?", "é", "•", "xyzw", "\u{0}"]
        let entities: [Unicode.Scalar: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"]
        for (text, escaped) in Self.texts(seed: 47, pieces, { entities[$0] }) {
            #expect(HTMLEscape.string(text) == escaped, "\(text.debugDescription)")
        }
        // Which bytes it escapes, as a caller that writes one byte asks.
        for byte in UInt8(0)...0x7F {
            #expect(HTMLEscape.escapes(byte) == (entities[Unicode.Scalar(byte)] != nil), "\(byte)")
        }
    }

    @Test(arguments: [false, true]) func theJSONEscaperWritesWhatAScalarByScalarOneWrites(htmlSafe: Bool) {
        let pieces = ["a", "#", "=", "\"", "\\", "<", ">", "&", "'", "\u{1}", "\n", "\u{2028}", "\u{2029}", "•", "é", "\u{7F}", "xyzw"]
        var escapes: [Unicode.Scalar: String] = [
            "\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\u{1}": "\\u0001", "\u{2028}": "\\u2028", "\u{2029}": "\\u2029",
        ]
        if htmlSafe { escapes.merge(["<": "\\u003c", ">": "\\u003e", "&": "\\u0026"]) { $1 } }
        for (text, escaped) in Self.texts(seed: 31, pieces, { escapes[$0] }) {
            var out: [UInt8] = []
            JSONWriter.writeString(text, htmlSafe: htmlSafe, into: &out)
            #expect(String(decoding: out, as: UTF8.self) == "\"" + escaped + "\"", "\(text.debugDescription)")
        }
    }
}
