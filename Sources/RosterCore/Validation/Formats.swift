import Foundation

/// The syntax of the values records hold: ids, e-mails, dates and timestamps.
public enum Formats {
    /// `^[a-z0-9][a-z0-9-]{0,62}$`
    public static func isValidID(_ id: String) -> Bool {
        // The bytes read in place: a copy of them for each of 500,000 ids (100,000 orgs and
        // their teams) was a third of the rule's time.
        let u = id.utf8
        guard (1...63).contains(u.count) else { return false }
        var first = true
        for b in u {
            let alnum = (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
            if !(alnum || (!first && b == 0x2D)) { return false }
            first = false
        }
        return true
    }

    /// A pragmatic address check: `local@domain.tld`, ASCII, no spaces, sensible dots.
    /// A byte scanner: it runs for every member on every validation.
    /// A git-host account name: GitHub's and GitLab's logins (letters, digits, `-`, `_`, `.`),
    /// starting with a letter or digit, at most 39 characters.
    public static func isValidHandle(_ handle: String) -> Bool {
        let u = Array(handle.utf8)
        guard (1...39).contains(u.count) else { return false }
        for (k, b) in u.enumerated() {
            let alnum = (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
            if !(alnum || (k > 0 && (b == 0x2D || b == 0x5F || b == 0x2E))) { return false }
        }
        return true
    }

    /// Handles are compared ignoring ASCII case, as git hosts compare logins.
    public static func handleKey(_ handle: String) -> String {
        String(decoding: handle.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    public static func isValidEmail(_ email: String) -> Bool {
        // The bytes where they are (a parsed string is native): `var copy; withUTF8` took a
        // reference count for each of the million addresses checked.
        email.withUTF8InPlace(isValidEmail)
    }

    static func isValidEmail(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        guard u.count <= 254, let at = u.firstIndex(of: 0x40), at > 0, at <= 64, at < u.count - 1 else { return false }
        // Local part: atext characters and single dots, not at either end.
        var previousDot = true
        for k in 0..<at {
            let b = u[k]
            if b == 0x2E {
                if previousDot { return false }
                previousDot = true
                continue
            }
            previousDot = false
            guard isAlnum(b) || isLocalSymbol(b) else { return false }
        }
        if previousDot { return false }
        // Domain: at least two labels of letters, digits and inner hyphens; a letter-only TLD.
        var labelStart = at + 1, labels = 0, lettersOnly = true, lastLabelLettersOnly = false
        for k in (at + 1)...u.count {
            if k == u.count || u[k] == 0x2E {
                let length = k - labelStart
                guard length >= 1, length <= 63, u[labelStart] != 0x2D, u[k - 1] != 0x2D else { return false }
                labels += 1
                labelStart = k + 1
                lastLabelLettersOnly = lettersOnly
                lettersOnly = true
                continue
            }
            let b = u[k]
            guard isAlnum(b) || b == 0x2D else { return false }
            if !((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) { lettersOnly = false }
        }
        return labels >= 2 && lastLabelLettersOnly
    }

    /// Whether the string has no upper-case ASCII letter (e-mails are ASCII).
    public static func hasNoUppercase(_ s: String) -> Bool {
        // A loop over the bytes in place, not the view's iterator (a tenth of the per-org rules).
        s.utf8.withContiguousStorageIfAvailable { hasNoUppercase($0) } ?? hasNoUppercase(s.utf8)
    }

    static func hasNoUppercase(_ bytes: some Sequence<UInt8>) -> Bool {
        bytes.allSatisfy { !($0 >= 0x41 && $0 <= 0x5A) }
    }

    static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
    }

    /// One of ``!#$%&'*+/=?^_`{|}~-`` (a switch: searching an array of them, for every byte of
    /// every member's address, was a tenth of the e-mail check).
    static func isLocalSymbol(_ b: UInt8) -> Bool {
        switch b {
        case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2F, 0x3D, 0x3F, 0x5E, 0x5F, 0x60, 0x7B, 0x7C, 0x7D, 0x7E: true
        default: false
        }
    }

    /// The key under which two names count as the same: what a reader cannot tell apart is one
    /// name. Trimmed, runs of white space as one space (a page shows them so), NFKC-normalized
    /// (a no-break space is a space, `ﬁ` is `fi`), case folded, and without the characters that
    /// show nothing (zero width space and joiners, bidi controls, the byte order mark, variation
    /// selectors), reading as a space the Hangul fillers and the blank Braille pattern, which
    /// show a blank: "Ac\u{200B}me", "Acme  Corp" or "Acme\u{3164}Corp" would otherwise pass for
    /// a second "Acme Corp".
    public static func nameKey(_ name: String) -> String {
        if let ascii = trimmedASCII(name) {
            // Lower-cased byte by byte: the Unicode-aware lowercased() cost microseconds a name.
            // Written in place: a short key is then made without any allocation.
            let u = ascii.utf8
            return String(unsafeUninitializedCapacity: u.count) { out in
                var k = 0
                for b in u {
                    if isSpace(b) {
                        // Trimmed already: a space here is followed by more name.
                        if k > 0 && out[k - 1] == 0x20 { continue }
                        out[k] = 0x20
                    } else {
                        out[k] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                    }
                    k += 1
                }
                return k
            }
        }
        var visible = String.UnicodeScalarView()
        var space = false
        for scalar in name.precomposedStringWithCompatibilityMapping.unicodeScalars
        where !scalar.properties.isDefaultIgnorableCodePoint || isBlank(scalar) {
            if scalar.properties.isWhitespace || isBlank(scalar) {
                space = !visible.isEmpty
                continue
            }
            if space { visible.append(" ") }
            space = false
            visible.append(scalar)
        }
        // Case folded, not lower-cased: "ΟΔΟΣ" is "οδος" (final sigma) and "STRASSE" "straße".
        return String(visible).folding(options: .caseInsensitive, locale: nil)
    }

    /// A character that is not white space but shows as a blank the width of a letter: the
    /// Hangul fillers (default ignorable, yet drawn: "Acme\u{3164}Corp" reads "Acme Corp") and
    /// the blank Braille pattern. The name key reads them as a space.
    static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x115F, 0x1160, 0x2800, 0x3164, 0xFFA0: true
        default: false
        }
    }

    /// The first character of `text` that has no place in a line of human text: a C0 control
    /// (U+0000-U+001F: NUL, tab, CR, LF, ESC...), DEL and the C1 controls (U+007F-U+009F), the
    /// line and paragraph separators U+2028 and U+2029, or a bidi embedding, override or
    /// isolate (U+202A-U+202E, U+2066-U+2069), which reorders what follows it on the screen:
    /// "\u{202E}emca" shows as "acme"; nil when there is none. (The marks U+200E, U+200F and
    /// U+061C, which right-to-left names may need, stay.)
    /// A loop over the UTF-8 bytes in place, without allocation: it runs on every name of a
    /// million members. Printable ASCII costs one comparison a byte; C1 is `C2 80`-`C2 9F`, the
    /// separators and the embeddings and overrides `E2 80 A8`-`E2 80 AE`, the isolates
    /// `E2 81 A6`-`E2 81 A9`.
    public static func firstControlCharacter(_ text: String) -> Unicode.Scalar? {
        text.utf8.withContiguousStorageIfAvailable { firstControlCharacter(bytes: $0) } ?? firstControlCharacter(bytes: text.utf8)
    }

    static func firstControlCharacter(bytes: some Sequence<UInt8>) -> Unicode.Scalar? {
        // 0: elsewhere; 1: after C2; 2: after E2; 3: after E2 80; 4: after E2 81.
        var state = 0
        for b in bytes {
            if b &- 0x20 < 0x5F {
                state = 0
                continue
            }
            switch state {
            case 1 where b < 0xA0: return Unicode.Scalar(b)
            case 2 where b == 0x80 || b == 0x81:
                state = b == 0x80 ? 3 : 4
                continue
            case 3 where b >= 0xA8 && b <= 0xAE: return Unicode.Scalar(0x2000 + UInt32(b - 0x80))
            case 4 where b >= 0xA6 && b <= 0xA9: return Unicode.Scalar(0x2040 + UInt32(b - 0x80))
            default: break
            }
            if b < 0x80 { return Unicode.Scalar(b) }
            state = b == 0xC2 ? 1 : b == 0xE2 ? 2 : 0
        }
        return nil
    }

    /// `U+000A (line feed)`: a character that ``firstControlCharacter(_:)`` found, for a message.
    public static func describeControl(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let names: [UInt32: String] = [
            0x00: "null", 0x08: "backspace", 0x09: "tab", 0x0A: "line feed", 0x0B: "vertical tab", 0x0C: "form feed",
            0x0D: "carriage return", 0x1B: "escape", 0x7F: "delete", 0x85: "next line", 0x2028: "line separator",
            0x2029: "paragraph separator", 0x202A: "left-to-right embedding", 0x202B: "right-to-left embedding",
            0x202C: "pop directional formatting", 0x202D: "left-to-right override", 0x202E: "right-to-left override",
            0x2066: "left-to-right isolate", 0x2067: "right-to-left isolate", 0x2068: "first strong isolate",
            0x2069: "pop directional isolate",
        ]
        return code + " (" + (names[scalar.value] ?? "a control character") + ")"
    }

    /// Length in characters after trimming surrounding white space, counting only what shows:
    /// the characters that show nothing (zero width space, word joiner, BOM...; see
    /// ``nameKey(_:)``) do not count, so "\u{2060}\u{2060}\u{2060}" is no three-character name.
    /// A joiner inside an emoji sequence stays: the sequence is one character either way.
    public static func trimmedLength(_ name: String) -> Int {
        // The range's length: the Substring and its view's count cost 400 instructions a name.
        if let ascii = name.withUTF8InPlace({ trimmedASCII(bytes: $0) }) { return ascii.count }
        var shown = String.UnicodeScalarView()
        shown.append(contentsOf: name.unicodeScalars.filter { !$0.properties.isDefaultIgnorableCodePoint || $0 == "\u{200D}" })
        return String(shown).trimmingCharacters(in: .whitespacesAndNewlines).count
    }

    /// The fast path for the common case: an ASCII name, trimmed without Foundation.
    /// An ASCII space, tab or line break.
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    static func trimmedASCII(_ s: String) -> Substring? {
        // Found over the bytes in place: three walks of the view's iterators were a tenth of
        // the per-org rules.
        guard let trimmed = s.withUTF8InPlace({ trimmedASCII(bytes: $0) }) else { return nil }
        let u = s.utf8
        return s[u.index(u.startIndex, offsetBy: trimmed.lowerBound)..<u.index(u.startIndex, offsetBy: trimmed.upperBound)]
    }

    /// The range of `bytes` without the spaces around it (empty at 0 when all are spaces); nil
    /// when a byte is not ASCII.
    static func trimmedASCII(bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        // Most names: no space at either end, all ASCII (told 8 bytes at a time).
        if let head = bytes.first, let tail = bytes.last, !isSpace(head), !isSpace(tail), ByteWords.isASCII(bytes) { return 0..<bytes.count }
        // Over the buffer by position (generic over a collection, through its iterator and an
        // optional first, a name cost 40 instructions a byte).
        var first = -1, last = 0
        for k in 0..<bytes.count {
            let b = bytes[k]
            if b >= 0x80 { return nil }
            if !isSpace(b) {
                if first < 0 { first = k }
                last = k
            }
        }
        return first < 0 ? 0..<0 : first..<(last + 1)
    }

    /// A calendar date `YYYY-MM-DD`, or nil.
    public static func date(_ text: String) -> CalendarDate? {
        text.withUTF8InPlace { u in u.count == 10 ? date(u) : nil }
    }

    static func date(_ u: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
        guard u.count >= 10, u[4] == 0x2D, u[7] == 0x2D,
            let y = digits(u, 0, 4), let m = digits(u, 5, 2), let d = digits(u, 8, 2)
        else { return nil }
        return CalendarDate(year: y, month: m, day: d)
    }

    /// An RFC 3339 timestamp: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; returns its date part.
    public static func timestamp(_ text: String) -> CalendarDate? {
        text.withUTF8InPlace(timestamp)
    }

    static func timestamp(_ u: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
        guard u.count >= 20, let day = date(u),
            u[10] == 0x54, u[13] == 0x3A, u[16] == 0x3A,
            let h = digits(u, 11, 2), let mi = digits(u, 14, 2), let s = digits(u, 17, 2),
            h < 24, mi < 60, s < 61
        else { return nil }
        var k = 19
        if u[k] == 0x2E {
            k += 1
            let start = k
            while k < u.count, u[k] >= 0x30, u[k] <= 0x39 { k += 1 }
            if k == start { return nil }
        }
        guard k < u.count else { return nil }
        if u[k] == 0x5A { return k == u.count - 1 ? day : nil }
        guard u[k] == 0x2B || u[k] == 0x2D, u.count == k + 6, u[k + 3] == 0x3A,
            let oh = digits(u, k + 1, 2), let om = digits(u, k + 4, 2), oh < 24, om < 60
        else { return nil }
        return day
    }

    /// Inlined: called six times for each timestamp, the calls and their loops were most of
    /// the 500 instructions a timestamp took.
    @inline(__always)
    static func digits(_ u: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var v = 0
        for k in start..<(start + count) {
            let d = u[k] &- 0x30
            guard d < 10 else { return nil }
            v = v &* 10 &+ Int(d)
        }
        return v
    }
}
