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
}
