import RosterSynth
import Testing

@testable import RosterTemplates

/// The HTML escaper writes what a byte-by-byte escaper writes: `& < > " '` as entities and
/// every other byte as it is, for texts made mostly of those five and of the bytes its range
/// tests also stop at (`#$%=`), of every length up to 40, into an array and into a sink.
@Suite struct HTMLEscapeTests {
    @Test func theEscaperWritesWhatAByteByByteOneWrites() {
        var generator = SplitMix64(seed: 47)
        let pieces = ["a", "#", "$", "%", "=", "\"", "&", "'", "<", ">", ";", "!", "(", "?", "é", "•", "xyzw", "\u{0}"]
        for _ in 0..<4000 {
            let text = (0..<Int(generator.next() % 40)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            var expected = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": expected += "&amp;"
                case "<": expected += "&lt;"
                case ">": expected += "&gt;"
                case "\"": expected += "&quot;"
                case "'": expected += "&#39;"
                default: expected.unicodeScalars.append(scalar)
                }
            }
            #expect(HTMLEscape.string(text) == expected, "\(text.debugDescription)")
        }
    }
}
