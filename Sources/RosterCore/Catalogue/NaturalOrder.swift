import Foundation

/// Names in the order people expect: runs of digits compare as numbers ("Org 2" before
/// "Org 10"), letters ignoring case and accents; ties fall back to the exact text.
public enum NaturalOrder {
    public static func less(_ a: String, _ b: String) -> Bool {
        let x = sortKey(a), y = sortKey(b)
        return !same(x, y) ? precedes(x, y) : a < b
    }

    /// ``key(_:)`` made to be compared many times (sorting 100,000 orgs by arrays of Strings,
    /// compared piece by piece, Unicode-aware, took 130 ms on one thread). An ASCII text's
    /// pieces are also kept as bytes, compared with `memcmp`: each piece's bytes, a byte 0 in
    /// it written 0 1, the piece ended by 0 0, so a piece that is a prefix of another comes
    /// first, as in the arrays. Any other text is compared by its pieces, as Strings: bytes in
    /// NFC would order them by Foundation's Unicode tables, which lag the standard library's
    /// (Unicode 16's new compositions), and give another order for a few names.
    public struct SortKey: Sendable {
        /// The pieces as bytes, for an ASCII text only.
        public let bytes: [UInt8]?
        let pieces: [String]
    }

    public static func sortKey(_ text: String) -> SortKey {
        SortKey(bytes: asciiKeyBytes(text), pieces: key(text))
    }

    /// ``SortKey/bytes`` of an ASCII text, made from its bytes at once, with no piece made as
    /// a String (15,000 instructions a name went to making them); nil when the text is not
    /// ASCII. Each run of digits is 1, then zeros to 20 digits, then its digits without their
    /// leading zeros; each other run is its ``Formats/nameKey(_:)`` (trimmed, white space as one
    /// space, lower case), a byte 0 written 0 1; each run ends with 0 0.
    public static func asciiKeyBytes(_ text: String) -> [UInt8]? {
        text.withUTF8InPlace { u -> [UInt8]? in
            guard !u.contains(where: { $0 >= 0x80 }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(u.count + 24)
            var start = 0
            while start < u.count {
                let digits = isDigit(u[start])
                var end = start + 1
                while end < u.count && isDigit(u[end]) == digits { end += 1 }
                if digits {
                    var first = start
                    while first < end && u[first] == 0x30 { first += 1 }
                    out.append(1)
                    if end - first < 20 { out.append(contentsOf: repeatElement(0x30, count: 20 - (end - first))) }
                    out.append(contentsOf: u[first..<end])
                } else {
                    var (low, high) = (start, end)
                    while low < high && Formats.isSpace(u[low]) { low += 1 }
                    while high > low && Formats.isSpace(u[high - 1]) { high -= 1 }
                    var afterSpace = false
                    for b in u[low..<high] {
                        if Formats.isSpace(b) {
                            if !afterSpace { out.append(0x20) }
                            afterSpace = true
                            continue
                        }
                        afterSpace = false
                        out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
                        if b == 0 { out.append(1) }
                    }
                }
                out.append(0)
                out.append(0)
                start = end
            }
            return out
        }
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Whether the two keys are the same (``key(_:)`` of the two texts is).
    public static func same(_ a: SortKey, _ b: SortKey) -> Bool {
        if let x = a.bytes, let y = b.bytes { return x == y }
        return a.pieces == b.pieces
    }

    /// Whether key `a` comes before `b`: by their bytes when both texts are ASCII, else by
    /// their pieces (the order is the same).
    public static func precedes(_ a: SortKey, _ b: SortKey) -> Bool {
        guard let x = a.bytes, let y = b.bytes else { return a.pieces.lexicographicallyPrecedes(b.pieces) }
        return precedes(bytes: x, y)
    }

    /// Whether the bytes of an ASCII text's key (``SortKey/bytes``) come before another's.
    static func precedes(bytes x: [UInt8], _ y: [UInt8]) -> Bool {
        x.withUnsafeBytes { x in y.withUnsafeBytes { y in order(bytes: x, y) < 0 } }
    }

    /// The order of the bytes of two ASCII texts' keys (``SortKey/bytes``), read where they
    /// are: below zero when `x` comes first, zero when they are the same. The bytes both have
    /// compared with `memcmp`, then the shorter first.
    @inlinable public static func order(bytes x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer) -> Int {
        let common = min(x.count, y.count)
        let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
        return order != 0 ? Int(order) : x.count - y.count
    }

    /// Comparable pieces: text runs folded, digit runs as zero-padded numbers.
    public static func key(_ text: String) -> [String] {
        asciiKey(text) ?? unicodeKey(text)
    }

    /// ``key(_:)`` of an ASCII text, cut into runs on its bytes (names are mostly ASCII, and
    /// walking Characters took most of the time to sort 100,000 orgs by name); nil otherwise.
    /// Cut the same way: in ASCII, only "\r\n" is one Character of two bytes, and neither is
    /// a digit.
    static func asciiKey(_ text: String) -> [String]? {
        let bytes = text.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        var pieces: [String] = []
        var start = bytes.startIndex, digits = false
        func flush(_ end: String.Index) {
            guard start < end else { return }
            pieces.append(digits ? padded(text[start..<end].drop { $0 == "0" }) : Formats.nameKey(String(text[start..<end])))
            start = end
        }
        for i in bytes.indices {
            let isDigit = bytes[i] >= 0x30 && bytes[i] <= 0x39
            if isDigit != digits {
                flush(i)
                digits = isDigit
            }
        }
        flush(bytes.endIndex)
        return pieces
    }

    /// A digit run without its leading zeros, made comparable as text.
    static func padded(_ trimmed: Substring) -> String {
        "\u{1}" + String(repeating: "0", count: max(0, 20 - trimmed.count)) + trimmed
    }

    /// ``key(_:)`` of any text, Character by Character.
    static func unicodeKey(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = "", digits = false
        func flush() {
            guard !current.isEmpty else { return }
            if digits {
                pieces.append(padded(current.drop { $0 == "0" }))
            } else {
                pieces.append(Formats.nameKey(current))
            }
            current = ""
        }
        for ch in text {
            let isDigit = ch.isASCII && ch.isNumber
            if isDigit != digits { flush(); digits = isDigit }
            current.append(ch)
        }
        flush()
        return pieces
    }
}
