/// Looking at bytes 8 at a time (SWAR: SIMD within a register) for the few byte values a
/// writer must escape or a scanner must stop at. Most values the portal writes hold none of
/// them: a word without any is passed over at once, and only the rest is looked at byte by
/// byte. (An org page's values went through the escaper a third faster.)
///
/// Each test gives a mask that is not zero when some byte of the word is the one tested; it
/// never misses one (a byte after a match may be flagged wrongly, which only ends the skip).
public enum ByteWords {
    @usableFromInline static let ones: UInt64 = 0x0101_0101_0101_0101
    @usableFromInline static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Not zero when a byte of `word` is `byte`.
    @inlinable @inline(__always)
    public static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let t = word ^ (ones &* UInt64(byte))
        return (t &- ones) & ~t & highs
    }

    /// Not zero when a byte of `word` is below `limit` (at most 0x80).
    @inlinable @inline(__always)
    public static func below(_ word: UInt64, _ limit: UInt8) -> UInt64 {
        (word &- ones &* UInt64(limit)) & ~word & highs
    }

    /// The offset, from `start`, of the first word of 8 bytes of `bytes` in which `special`
    /// flags a byte, or of the last bytes, fewer than 8, or the end: every byte before it is
    /// one `special` does not flag. The last bytes are looked at as the word that ends with
    /// them: most values end in fewer than 8 bytes, which were otherwise looked at one by one.
    @inlinable @inline(__always)
    public static func skipPlain(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, _ special: (UInt64) -> UInt64) -> Int {
        guard let base = bytes.baseAddress else { return start }
        let raw = UnsafeRawPointer(base)
        var k = start
        while k + 8 <= bytes.count, special(raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)) == 0 { k += 8 }
        // The word that ends with the last bytes holds every byte from `k` on; none flagged,
        // none of them is special (whatever its first bytes, before `start` or not, are).
        if k < bytes.count, k + 8 > bytes.count, bytes.count >= 8,
            special(raw.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)) == 0
        {
            return bytes.count
        }
        return k
    }
}
