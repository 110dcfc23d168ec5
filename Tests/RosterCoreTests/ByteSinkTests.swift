import Testing

@testable import RosterCore
import RosterSynth

@Suite struct ByteSinkTests {
    /// Pieces of every length, bytes and texts, across many growths of a small sink, give the
    /// bytes an array gives; what was taken is gone, and the sink goes on from empty.
    @Test func aSinkHoldsWhatAnArrayWouldAcrossItsGrowths() {
        var generator = SplitMix64(seed: 14)
        var sink = ByteSink(capacity: 1)
        var array: [UInt8] = []
        var taken: [UInt8] = []
        for step in 0..<2_000 {
            switch generator.next() % 4 {
            case 0:
                let byte = UInt8(truncatingIfNeeded: generator.next())
                sink.append(byte)
                array.append(byte)
            case 1:
                let piece = (0..<Int(generator.next() % 70)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
                piece.withUnsafeBufferPointer { sink.appendBytes($0) }
                array += piece
            case 2:
                sink.append("\\u2028")
                array += Array("\\u2028".utf8)
            default:
                let n = Int(generator.next() % 40)
                sink.room(n).initialize(repeating: UInt8(step % 256), count: n)
                sink.wrote(n)
                array += Array(repeating: UInt8(step % 256), count: n)
            }
            #expect(sink.count == array.count)
            if step % 500 == 499 {
                #expect(sink.bytes == array)
                taken += sink.take()
                #expect(sink.count == 0)
                array = []
            }
        }
        #expect(taken.count > 2_000)
        sink.appendBytes(UnsafeBufferPointer(start: nil, count: 0))
        #expect(sink.bytes == [])
    }

    /// The JSON escaper writes the same bytes into a sink as into an array, for texts with
    /// every byte it escapes at each end and in the middle.
    @Test func theEscaperWritesTheSameIntoASinkAsIntoAnArray() {
        let hostile = ["\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", "<", ">", "&", "\u{2028}", "\u{2029}", "•", "é", "a"]
        for special in hostile {
            for text in [special, "x" + special, special + "yyyyyyyyyyyy", "plain words " + special + " more plain words"] {
                for htmlSafe in [false, true] {
                    var array: [UInt8] = []
                    var sink = ByteSink(capacity: 2)
                    JSONWriter.writeString(text, htmlSafe: htmlSafe, into: &array)
                    JSONWriter.writeString(text, htmlSafe: htmlSafe, into: &sink)
                    #expect(sink.bytes == array, "\(text.debugDescription) htmlSafe \(htmlSafe)")
                    // And as JSON that says the text again.
                    let parsed = JSONParser.parse(sink.bytes)
                    #expect(parsed.root?.value == .string(text), "\(text.debugDescription)")
                    #expect(parsed.problems.isEmpty)
                }
            }
        }
    }
}
