import Foundation

/// How the Consumer Orgs search splits text into words, the same way `assets/portal.js` splits
/// a query: accents removed (NFD, combining marks dropped), lower case, runs of letters and
/// digits (`\p{L}`, `\p{N}`); everything else separates words. `Zoë-Ops 12` -> `zoe`, `ops`, `12`.
enum SearchTokens {
    static func words(_ text: String) -> [String] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiWords(text) }
        var out: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                continue
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                .decimalNumber, .letterNumber, .otherNumber:
                current.append(scalar)
            default:
                if !current.isEmpty { out.append(String(current)); current = String.UnicodeScalarView() }
            }
        }
        if !current.isEmpty { out.append(String(current)) }
        return out
    }

    /// The same for ASCII text, on bytes: names are mostly ASCII, and the general path
    /// (Foundation's decomposition) took most of the index's time at 100,000 orgs.
    static func asciiWords(_ text: String) -> [String] {
        var out: [String] = []
        var current: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39, 0x61...0x7A: current.append(byte)
            case 0x41...0x5A: current.append(byte + 0x20)
            default:
                if !current.isEmpty { out.append(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true) }
            }
        }
        if !current.isEmpty { out.append(String(decoding: current, as: UTF8.self)) }
        return out
    }

    /// JavaScript compares strings by UTF-16 code units; the shards are cut in that order so
    /// the script's binary search finds the right one.
    static func less(_ a: String, _ b: String) -> Bool {
        a.utf16.lexicographicallyPrecedes(b.utf16)
    }
}

/// A sorted list of org numbers (positions in the Consumer Orgs order), written as the shorter
/// of two forms: gaps in base 36 separated by commas (`"3,0,1z"`: 3, 4, 76), or, for lists that
/// hold a large share of all orgs, `~` and a base64 bitmap (bit `n % 8` of byte `n / 8`). The
/// bitmap bounds every list at a sixth of a byte per org: 17 KB at 100,000 orgs.
enum PostingList {
    static func encode(_ numbers: [Int], total: Int) -> String {
        var gaps = String()
        gaps.reserveCapacity(numbers.count * 3)
        var previous = -1
        for n in numbers {
            if previous >= 0 { gaps.append(",") }
            gaps.append(String(n - previous - 1, radix: 36))
            previous = n
        }
        let bitmapLength = 1 + 4 * ((total + 7) / 8 + 2) / 3
        guard gaps.utf8.count > bitmapLength else { return gaps }
        var bits = [UInt8](repeating: 0, count: (total + 7) / 8)
        for n in numbers { bits[n >> 3] |= 1 << UInt8(n & 7) }
        return "~" + Data(bits).base64EncodedString()
    }
}
