/// The orders of the export (orgs by id, users by e-mail, groups by external id): those a stable
/// sort by `String`'s `<` gives, computed on the rows' escaped bytes when a key is plain ASCII
/// (then byte order is `String`'s order), on the strings themselves otherwise.
enum ExportOrder {
    /// A row's index with the first sixteen bytes of its key, which settle most comparisons
    /// without leaving this contiguous array (comparing the rows' bytes went to memory twice per
    /// comparison, 1.7 million times for 100,000 users).
    struct Key {
        var high: UInt64
        var low: UInt64
        var index: Int32
        var plain: Bool

        init(_ bytes: UnsafePointer<UInt8>, _ count: Int, index: Int, plain: Bool) {
            func word(_ from: Int) -> UInt64 {
                var w: UInt64 = 0
                for i in from..<from + 8 { w = w << 8 | UInt64(i < count ? bytes[i] : 0) }
                return w
            }
            (high, low, self.index, self.plain) = (word(0), word(8), Int32(index), plain)
        }
    }

    /// The indices `0..<count` sorted by their keys: `key(k)` says where key `k`'s bytes are,
    /// how many, and whether they are plain; `strings(a, b)` gives keys `a` and `b` as strings
    /// (only asked for a pair that is not both plain). Equal keys keep their indices' order.
    static func sorted(
        _ count: Int, key: (Int) -> (bytes: UnsafePointer<UInt8>, count: Int, plain: Bool), strings: (Int32, Int32) -> (String, String)
    ) -> [Int32] {
        var keys = (0..<count).map { k in
            let (bytes, n, plain) = key(k)
            return Key(bytes, n, index: k, plain: plain)
        }
        keys.sort { x, y in
            if x.plain && y.plain {
                if x.high != y.high { return x.high < y.high }
                if x.low != y.low { return x.low < y.low }
                let (a, b) = (key(Int(x.index)), key(Int(y.index)))
                let c = compareBytes(a.bytes, a.count, b.bytes, b.count)
                return c != 0 ? c < 0 : x.index < y.index
            }
            let (s, t) = strings(x.index, y.index)
            return s < t || (!(t < s) && x.index < y.index)
        }
        return keys.map(\.index)
    }
}
