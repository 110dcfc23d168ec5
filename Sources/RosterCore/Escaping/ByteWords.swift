/// Looking at bytes 8 at a time (SWAR: SIMD within a register) for the few byte values a
/// writer must escape or a scanner must stop at. Most values the portal writes hold none of
/// them: a word without any is passed over at once, and the cursor goes straight to the first
/// byte flagged. (An org page's values went through the escaper a third faster.)
///
/// Each test gives a mask with the top bit of each byte that is the one tested; it never
/// misses one, and its lowest bit is exact (a byte just after a match may be flagged wrongly,
/// which the caller, looking at the byte itself, passes over).
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

    /// Whether every byte is below 0x80, eight at a time.
    public static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var k = 0, any: UInt64 = 0
        while k + 8 <= bytes.count {
            any |= raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
            k += 8
        }
        while k < bytes.count {
            any |= UInt64(bytes[k])
            k += 1
        }
        return any & highs == 0
    }

    /// Not zero when a byte of `word` is in `low...high` (`high` below 0x80). Exact for each
    /// byte (no carry crosses a byte): two ranges cover the five bytes HTML escapes in 12
    /// operations, where five equality tests took 24.
    @inlinable @inline(__always)
    public static func within(_ word: UInt64, _ low: UInt8, _ high: UInt8) -> UInt64 {
        let low7 = word & (ones &* 0x7F)
        let atMostHigh = (ones &* UInt64(0x80 &+ high)) &- low7
        let atLeastLow = low7 &+ ones &* UInt64(0x80 &- low)
        return atMostHigh & atLeastLow & ~word & highs
    }

    /// The offset of the first byte of `bytes` from `start` on that `special` flags, or the
    /// end: every byte before it is one `special` does not flag (a byte it flags may still be
    /// plain: the caller looks at that byte itself). A word's first flag is found from its
    /// lowest set bit, so the cursor goes straight to it; the last bytes, fewer than 8, are
    /// looked at as the word that ends with them, and a value of 4 to 7 bytes as two words of 4.
    /// Of fewer than 4 bytes it returns `start`: they are looked at one by one.
    @inlinable @inline(__always)
    public static func firstFlagged(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, _ special: (UInt64) -> UInt64) -> Int {
        guard let base = bytes.baseAddress else { return start }
        let raw = UnsafeRawPointer(base), n = bytes.count
        var k = start
        while k + 8 <= n {
            let flags = special(raw.loadUnaligned(fromByteOffset: k, as: UInt64.self))
            if flags != 0 { return k &+ flags.trailingZeroBitCount &>> 3 }
            k += 8
        }
        guard k < n else { return n }
        if n >= 8 {
            // The flags of the bytes before `k`, looked at already, are dropped.
            let seen = UInt64(k - (n - 8))
            let flags = special(raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)) & (~0 &<< (8 &* seen))
            return flags == 0 ? n : n - 8 + flags.trailingZeroBitCount &>> 3
        }
        guard n - k >= 4 else { return k }
        let first = UInt64(raw.loadUnaligned(fromByteOffset: k, as: UInt32.self))
        let last = UInt64(raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
        let flags = special(first | last &<< 32)
        guard flags != 0 else { return n }
        let byte = flags.trailingZeroBitCount &>> 3
        return byte < 4 ? k + byte : n - 8 + byte
    }
}
