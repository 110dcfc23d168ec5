import Foundation

/// A sorted list of org numbers (positions in the Consumer Orgs order), written as the shorter
/// of two forms: gaps in base 36 separated by commas (`"3,0,1z"`: 3, 4, 76), or, for lists that
/// hold a large share of all orgs, `~` and a base64 bitmap (bit `n % 8` of byte `n / 8`). The
/// bitmap bounds every list at a sixth of a byte per org: 17 KB at 100,000 orgs.
enum PostingList {
    static func encode(_ numbers: [Int], total: Int) -> String {
        let bitmapLength = 1 + 4 * ((total + 7) / 8 + 2) / 3
        // Gaps take at least a digit and a comma each: a list that long is a bitmap, and its
        // gaps need not be written to be compared (most of the index's time at 10,000 orgs).
        if 2 * numbers.count - 1 > bitmapLength { return bitmap(numbers, total: total) }
        var gaps: [UInt8] = []
        gaps.reserveCapacity(numbers.count * 3)
        var previous = -1
        for n in numbers {
            if previous >= 0 { gaps.append(0x2C) }
            appendBase36(n - previous - 1, to: &gaps)
            previous = n
        }
        guard gaps.count > bitmapLength else { return String(decoding: gaps, as: UTF8.self) }
        return bitmap(numbers, total: total)
    }

    static func bitmap(_ numbers: [Int], total: Int) -> String {
        var bits = [UInt8](repeating: 0, count: (total + 7) / 8)
        for n in numbers { bits[n >> 3] |= 1 << UInt8(n & 7) }
        return "~" + Data(bits).base64EncodedString()
    }

    /// `String(n, radix: 36)` (lower-case digits), appended as bytes.
    static func appendBase36(_ n: Int, to out: inout [UInt8]) {
        guard n >= 0 else { return out.append(contentsOf: String(n, radix: 36).utf8) }
        let start = out.count
        var rest = n
        repeat {
            let digit = UInt8(rest % 36)
            out.append(digit < 10 ? 0x30 + digit : 0x57 + digit)
            rest /= 36
        } while rest > 0
        out[start...].reverse()
    }
}
