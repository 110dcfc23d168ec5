/// Names in the order people expect: runs of digits compare as numbers ("Org 2" before
/// "Org 10"), letters ignoring case and accents; ties fall back to the exact text.
public enum NaturalOrder {
    public static func less(_ a: String, _ b: String) -> Bool {
        let x = key(a), y = key(b)
        return x != y ? x.lexicographicallyPrecedes(y) : a < b
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
