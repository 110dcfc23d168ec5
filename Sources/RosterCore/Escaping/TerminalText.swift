/// Record text made safe for a terminal or a CI log: every character that could move the
/// cursor, end a line, recolour the screen, reorder what is shown or hide itself is written as
/// a visible escape instead (`\n`, `\r`, `\t`, `\u{1B}`, `\u{202E}`, `\u{200B}`).
///
/// So a record value never breaks a line of roster's output and never starts one: a name cannot
/// forge a finding, a `::error` workflow command or an ANSI sequence, and two names that print
/// alike are the same name ("Acme" and "Acme\u{200B}" do not).
///
/// Zero width joiner and non-joiner (U+200D, U+200C) are kept where they do something visible:
/// between two characters that are neither ASCII, nor white space, nor hidden, as in emoji
/// sequences (👩‍💻), Indic conjuncts and Persian words. Anywhere else (at either end, next to
/// ASCII, a space or another hidden character) they print nothing and are escaped. Variation
/// selectors (U+FE00...U+FE0F, U+E0100...U+E01EF) are kept: emoji, keycaps (`1️⃣`) and CJK
/// ideographs need them. Tag characters are escaped even in the subdivision flags (🏴 followed
/// by tags) that use them: they also carry invisible text.
public enum TerminalText {
    /// `text` with every hidden character shown escaped. With `keepingLineBreaks`, LF stays a
    /// line break: for text whose lines roster composed itself, each holding escaped values.
    public static func escape(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { isHidden($0) || isJoiner($0) }) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for k in scalars.indices {
            let scalar = scalars[k]
            if keepingLineBreaks, scalar == "\n" {
                out.unicodeScalars.append(scalar)
            } else if let shown = visible(in: scalars, at: k) {
                out += shown
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// How the character at `k` of `scalars` is shown, or nil for one that prints as itself: a
    /// hidden character escaped, and a joiner escaped unless it joins (see ``TerminalText``).
    public static func visible(in scalars: [Unicode.Scalar], at k: Int) -> String? {
        let scalar = scalars[k]
        guard isJoiner(scalar) else { return visible(scalar) }
        let before = k > scalars.startIndex ? scalars[k - 1] : nil
        let after = k + 1 < scalars.endIndex ? scalars[k + 1] : nil
        guard let before, let after, joins(before), joins(after) else { return escaped(scalar) }
        return nil
    }

    /// How a hidden character is shown, or nil for one that prints as itself. Without the
    /// characters around it, a joiner prints as itself.
    public static func visible(_ scalar: Unicode.Scalar) -> String? {
        guard isHidden(scalar) else { return nil }
        return escaped(scalar)
    }

    static func escaped(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": "\\n"
        case "\r": "\\r"
        case "\t": "\\t"
        default: "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }

    /// Control characters (C0, DEL, C1), the Unicode line and paragraph separators, the
    /// bidirectional marks, embeddings, overrides and isolates ("Trojan Source"), and the
    /// characters that print nothing or a blank that is not a space: zero width space, word
    /// joiner, byte order mark, soft hyphen, combining grapheme joiner, Mongolian vowel
    /// separator, invisible operators, deprecated format characters, Hangul fillers,
    /// interlinear annotation marks, musical formatting characters and tags; the braille
    /// blank, the Khmer inherent vowels and the object replacement character; every other
    /// format character (Unicode category Cf); and the spaces that print as a space but are
    /// not one ("Acme\u{2009}Corp" and "Acme\u{A0}Corp" printed as "Acme Corp"), all but the
    /// ideographic space of CJK text. Joiners are judged with their neighbours
    /// (``visible(in:at:)``).
    public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x20, 0x21...0x7E: false
        case 0x2028, 0x2029: true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        case 0x200B, 0x2060, 0xFEFF, 0x00AD, 0x034F, 0x180E: true
        case 0x2061...0x2064, 0x206A...0x206F: true
        case 0x115F, 0x1160, 0x3164, 0xFFA0: true
        case 0xFFF9...0xFFFB, 0x1D173...0x1D17A, 0xE0000...0xE007F: true
        case 0x2800, 0x17B4, 0x17B5, 0xFFFC: true
        case 0x3000, 0x200C, 0x200D: false
        default:
            switch scalar.properties.generalCategory {
            case .format, .spaceSeparator: true
            default: false
            }
        }
    }

    /// Zero width non-joiner and joiner.
    static func isJoiner(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x200C || scalar.value == 0x200D
    }

    /// A neighbour a joiner can act on: not ASCII, not white space, not hidden, not a joiner.
    static func joins(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x80 && !scalar.properties.isWhitespace && !isHidden(scalar) && !isJoiner(scalar)
    }
}
