/// Record text made safe for a terminal or a CI log: every character that could move the
/// cursor, end a line, recolour the screen or reorder what is shown is written as a visible
/// escape instead (`\n`, `\r`, `\t`, `\u{1B}`, `\u{202E}`).
///
/// So a record value never breaks a line of roster's output and never starts one: a name cannot
/// forge a finding, a `::error` workflow command or an ANSI sequence.
public enum TerminalText {
    /// `text` with every hidden character shown escaped. With `keepingLineBreaks`, LF stays a
    /// line break: for text whose lines roster composed itself, each holding escaped values.
    public static func escape(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: isHidden) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if keepingLineBreaks, scalar == "\n" {
                out.unicodeScalars.append(scalar)
            } else if let shown = visible(scalar) {
                out += shown
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// How a hidden character is shown, or nil for one that prints as itself.
    public static func visible(_ scalar: Unicode.Scalar) -> String? {
        guard isHidden(scalar) else { return nil }
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default: return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }

    /// Control characters (C0, DEL, C1), the Unicode line and paragraph separators, and the
    /// bidirectional marks, embeddings, overrides and isolates ("Trojan Source").
    public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x2028, 0x2029: true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }
}
