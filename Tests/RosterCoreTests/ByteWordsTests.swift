import Testing

@testable import RosterCore
import RosterSynth

@Suite struct ByteWordsTests {
    /// A word is passed over only when none of its bytes is one looked for, and the first such
    /// byte is never passed: on runs of plain bytes with one special byte put at every place
    /// (and none), the skip stops at the word that holds it, or at the last bytes, or (none
    /// there) at the end.
    @Test func aSkipStopsAtTheWordOfTheFirstByteLookedFor() {
        var generator = SplitMix64(seed: 25)
        let looked: [(name: String, special: (UInt64) -> UInt64, isSpecial: (UInt8) -> Bool)] = [
            ("quote or backslash", { ByteWords.equal($0, 0x22) | ByteWords.equal($0, 0x5C) }, { $0 == 0x22 || $0 == 0x5C }),
            ("control", { ByteWords.below($0, 0x20) }, { $0 < 0x20 }),
            ("E2 or ampersand", { ByteWords.equal($0, 0xE2) | ByteWords.equal($0, 0x26) }, { $0 == 0xE2 || $0 == 0x26 }),
        ]
        for (name, special, isSpecial) in looked {
            for length in [0, 1, 7, 8, 9, 15, 16, 17, 40] {
                // Plain bytes: printable ASCII and high bytes that are none of the special ones.
                let plain = (0..<length).map { _ -> UInt8 in
                    while true {
                        let b = UInt8(truncatingIfNeeded: generator.next())
                        if !isSpecial(b) { return b }
                    }
                }
                for place in [nil] + Array(0..<length) {
                    var bytes = plain
                    // Every byte value the test flags, in turn, at `place`.
                    let specials = (0...255).map(UInt8.init).filter(isSpecial)
                    let byte = specials[Int(generator.next() % UInt64(specials.count))]
                    if let place { bytes[place] = byte }
                    let stop = bytes.withUnsafeBufferPointer { ByteWords.skipPlain($0, from: 0, special) }
                    let first = bytes.firstIndex(where: isSpecial) ?? length
                    #expect(stop <= first, "\(name): skipped past byte \(first) of \(length)")
                    // At the word of the first one, at the last bytes, or at the end when there
                    // is none and the last bytes were looked at as the word that ends with them.
                    let atWord = stop % 8 == 0 && (stop + 8 > first || stop + 8 > length)
                    #expect(atWord || (stop == length && first == length), "\(name): stopped at \(stop), before \(first) of \(length)")
                    if first == length && length >= 8 { #expect(stop == length, "\(name): stopped at \(stop) of \(length), none looked for") }
                }
            }
        }
    }

    /// Bytes just beside the one looked for (one above, one below) are not taken for it.
    @Test func neighbouringBytesAreNotTakenForTheOneLookedFor() {
        for byte: UInt8 in [0x00, 0x01, 0x22, 0x26, 0x5C, 0x7F, 0x80, 0xE2, 0xFF] {
            for other in [byte &- 1, byte &+ 1] where other != byte {
                let word = UInt64(other) &* 0x0101_0101_0101_0101
                #expect(ByteWords.equal(word, byte) == 0, "\(other) taken for \(byte)")
                #expect(ByteWords.equal(word, other) != 0)
            }
        }
        #expect(ByteWords.below(0x2020_2020_2020_2020, 0x20) == 0)
        #expect(ByteWords.below(0x2020_2020_1F20_2020, 0x20) != 0)
        #expect(ByteWords.below(0xFFFF_FFFF_FFFF_FFFF, 0x20) == 0)
    }

    /// The JSON escaper passes over the words after a character that starts with E2 (the dots
    /// of a redacted address) but still escapes what comes after it: a line separator, a
    /// quote, a control byte, and with `htmlSafe` an angle bracket, eight bytes or more later.
    @Test func theJSONEscaperStillEscapesWhatFollowsTheDots() {
        let text = "a•••@org-1086.example/\u{2028}/•twelve bytes\"•fourteen bytes\u{1}•<and>&"
        var out: [UInt8] = []
        JSONWriter.writeString(text, htmlSafe: true, into: &out)
        #expect(
            String(decoding: out, as: UTF8.self)
                == #""a•••@org-1086.example/\u2028/•twelve bytes\"•fourteen bytes\u0001•\u003cand\u003e\u0026""#)
        out = []
        JSONWriter.writeString(text, htmlSafe: false, into: &out)
        #expect(String(decoding: out, as: UTF8.self) == #""a•••@org-1086.example/\u2028/•twelve bytes\"•fourteen bytes\u0001•<and>&""#)
    }
}
