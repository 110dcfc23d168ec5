import Testing

@testable import RosterCore
import RosterSynth

@Suite struct ByteWordsTests {
    /// The cursor never passes a byte looked for, and goes straight to the first one: on runs
    /// of plain bytes with a special byte put at every place (and none), from every start, it
    /// stops at the first special byte at or after the start, or at the end. A byte looked for
    /// before the start may only make it stop at the start (the caller looks at that byte), and
    /// so may fewer than 4 bytes left of a value shorter than 8.
    @Test func theCursorStopsAtTheFirstByteLookedFor() {
        var generator = SplitMix64(seed: 25)
        let looked: [(name: String, special: (UInt64) -> UInt64, isSpecial: (UInt8) -> Bool)] = [
            ("quote or backslash", { ByteWords.equal($0, 0x22) | ByteWords.equal($0, 0x5C) }, { $0 == 0x22 || $0 == 0x5C }),
            ("control", { ByteWords.below($0, 0x20) }, { $0 < 0x20 }),
            ("E2 or ampersand", { ByteWords.equal($0, 0xE2) | ByteWords.equal($0, 0x26) }, { $0 == 0xE2 || $0 == 0x26 }),
            (
                "HTML's ranges", { ByteWords.within($0, 0x22, 0x27) | ByteWords.within($0, 0x3C, 0x3E) },
                { (0x22...0x27).contains($0) || (0x3C...0x3E).contains($0) }
            ),
        ]
        for (name, special, isSpecial) in looked {
            let specials = (0...255).map(UInt8.init).filter(isSpecial)
            for length in [0, 1, 3, 4, 5, 7, 8, 9, 12, 15, 16, 17, 40] {
                // Plain bytes: printable ASCII and high bytes that are none of the special ones.
                let plain = (0..<length).map { _ -> UInt8 in
                    while true {
                        let b = UInt8(truncatingIfNeeded: generator.next())
                        if !isSpecial(b) { return b }
                    }
                }
                for place in [nil] + Array(0..<length) {
                    var bytes = plain
                    if let place { bytes[place] = specials[Int(generator.next() % UInt64(specials.count))] }
                    for start in 0...length {
                        let stop = bytes.withUnsafeBufferPointer { ByteWords.firstFlagged($0, from: start, special) }
                        let first = bytes[start...].firstIndex(where: isSpecial) ?? length
                        let context = "\(name): from \(start) of \(length), special at \(place.map(String.init) ?? "none")"
                        #expect(stop == start || stop == first, "\(context): stopped at \(stop)")
                        if !(length < 8 && length - start < 4) && !bytes[..<start].contains(where: isSpecial) {
                            #expect(stop == first, "\(context): stopped at \(stop), not at \(first)")
                        }
                    }
                }
            }
        }
    }

    /// A range test flags exactly the bytes in its range, each on its own and beside any other.
    @Test func aRangeFlagsExactlyItsBytes() {
        for (low, high): (UInt8, UInt8) in [(0x22, 0x27), (0x3C, 0x3E), (0x00, 0x1F), (0x41, 0x5A), (0x7F, 0x7F), (0x01, 0x7F)] {
            for byte in 0...255 {
                for other: UInt8 in [0x00, 0x23, 0x3D, 0x7F, 0x80, 0xFF, UInt8(byte)] {
                    let word = UInt64(other) &* 0x0101_0101_0101_0101 & ~0xFF00 | UInt64(byte) << 8
                    let flags = ByteWords.within(word, low, high)
                    #expect((flags >> 8 & 0xFF != 0) == (low...high).contains(UInt8(byte)), "\(byte) in \(low)...\(high) beside \(other)")
                    #expect((flags & 0xFF != 0) == (low...high).contains(other))
                }
            }
        }
    }

    /// A text is ASCII when no byte is 0x80 or above: one such byte at every place of texts of
    /// every length up to 20 is found, in the words and in the last bytes.
    @Test func aByteAbove0x7FAnywhereIsFound() {
        for length in 0...20 {
            let plain = [UInt8]((0..<length).map { UInt8($0 * 7 % 0x80) })
            #expect(plain.withUnsafeBufferPointer(ByteWords.isASCII))
            for place in 0..<length {
                for high: UInt8 in [0x80, 0xC3, 0xFF] {
                    var bytes = plain
                    bytes[place] = high
                    #expect(!bytes.withUnsafeBufferPointer(ByteWords.isASCII), "\(high) at \(place) of \(length)")
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
