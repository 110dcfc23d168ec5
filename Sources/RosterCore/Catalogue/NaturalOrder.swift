/// Names in the order people expect: runs of digits compare as numbers ("Org 2" before
/// "Org 10"), letters ignoring case and accents; ties fall back to the exact text.
public enum NaturalOrder {
    public static func less(_ a: String, _ b: String) -> Bool {
        let x = key(a), y = key(b)
        return x != y ? x.lexicographicallyPrecedes(y) : a < b
    }

    /// Comparable pieces: text runs folded, digit runs as zero-padded numbers.
    public static func key(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = "", digits = false
        func flush() {
            guard !current.isEmpty else { return }
            if digits {
                let trimmed = String(current.drop { $0 == "0" })
                pieces.append("\u{1}" + String(repeating: "0", count: max(0, 20 - trimmed.count)) + trimmed)
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
