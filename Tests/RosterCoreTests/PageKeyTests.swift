import RosterSynth
import Testing

@testable import RosterCore

/// The key of a page is its hash as 13 base-32 digits: short enough for a String held in
/// place (at most 15 bytes), and one key for each value.
@Suite struct PageKeyTests {
    @Test func aKeyIsThirteenBase32DigitsThatGiveBackTheHash() {
        var random = SplitMix64(seed: 5)
        var keys: Set<String> = []
        for n in 0..<2_000 {
            var h = FNV1a()
            h.add(random.next())
            if n % 3 == 0 { h.add("page \(n)") }
            let key = h.key
            #expect(key.utf8.count == 13 && key.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x76).contains($0) }, "\(key)")
            #expect(UInt64(key, radix: 32) == h.value, "\(key)")
            keys.insert(key)
        }
        #expect(keys.count == 2_000)
    }

    /// Texts are hashed from their bytes, a word at a time: every length, with one byte changed
    /// at each place, hashes apart; the same text hashes alike however it is stored; and where
    /// one text ends and the next begins counts.
    @Test func textsHashApartByEveryByteAndAlikeHoweverStored() {
        let base = Array("abcdefghijklmnopqrstuvwxyz0123456789-ABC".utf8)
        var values: Set<UInt64> = [], count = 0
        for length in 0...base.count {
            for at in -1..<length {
                var bytes = Array(base[0..<length])
                if at >= 0 { bytes[at] ^= 0x01 }
                var h = FNV1a()
                h.add(String(decoding: bytes, as: UTF8.self))
                values.insert(h.value)
                count += 1
            }
        }
        #expect(values.count == count)
        func hash(_ texts: String...) -> UInt64 {
            var h = FNV1a()
            for t in texts { h.add(t) }
            return h.value
        }
        let cut = String("<<abcdefghijklmnopqrstu>>".dropFirst(2).dropLast(2))
        #expect(hash(cut) == hash("abcdefghijklmnopqrstu"))
        #expect(hash("ab", "c") != hash("a", "bc") && hash("abcdefgh", "i") != hash("abcdefghi", ""))
        // By bytes, not by canonical equivalence: a page shows the bytes.
        #expect(hash("é") != hash("e\u{301}"))
    }
}
