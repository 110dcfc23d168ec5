/// Record text made safe for GitHub-flavoured Markdown (pull-request summaries, the Markdown
/// catalogue): it shows as written and cannot change the document's structure.
///
/// Hidden characters (line breaks, ESC, C1, bidi overrides, zero width and blank-looking
/// characters) are shown escaped as the terminal shows them (`\n`, `\u{1B}`, `\u{200B}`), so a
/// value stays on its line and cannot pass for another; `|` cannot split a table cell;
/// backticks cannot open a code span or fence; `<` cannot open raw HTML or an autolink;
/// `[`, `]`, `*`, `_`, `~`, `#`, `&` and `\` lose their meaning; and markup that only counts at
/// the start of a line (`-`, `+`, `=`, `>`, `!`, `:`, `1.`, `1)`) is escaped there.
public enum MarkdownText {
    /// Text for a table cell.
    public static func cell(_ text: String?) -> String {
        escape(text)
    }

    /// Text inside running Markdown: a paragraph, a list item, a heading, a link's text.
    public static func inline(_ text: String?) -> String {
        escape(text)
    }

    /// A code span that shows `text` literally, hidden characters escaped. Not for table
    /// cells: a `|` in a code span still ends a cell there.
    public static func code(_ text: String) -> String {
        let shown = TerminalText.escape(text)
        var longest = 0, run = 0
        for ch in shown.unicodeScalars {
            run = ch == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        // A span that starts or ends with a backtick or a space needs a space inside its fences;
        // one space on each side is stripped again.
        let padded = shown.first == "`" || shown.last == "`" || shown.first == " " || shown.last == " " || shown.isEmpty
        return fence + (padded ? " \(shown) " : shown) + fence
    }

    /// A relative link destination: every byte but letters, digits and `-._~/` percent-encoded,
    /// so a space, `)` or `<` in a name cannot end the link or start markup.
    public static func destination(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E, 0x2F: out.unicodeScalars.append(Unicode.Scalar(byte))
            default: out += "%" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// Characters escaped wherever they are.
    static let special: Set<Unicode.Scalar> = ["\\", "|", "`", "*", "_", "[", "]", "<", ">", "#", "~", "&"]
    /// Characters that are markup only at the start of a line.
    static let leading: Set<Unicode.Scalar> = ["-", "+", "=", "!", ":"]

    static func escape(_ text: String?) -> String {
        guard let text else { return "" }
        // Outer spaces are dropped: in a cell they are not shown, at the start of a line four
        // of them open a code block, at the end two of them break the line.
        let all = Array(text.unicodeScalars)
        var start = 0, end = all.count
        while start < end, all[start] == " " { start += 1 }
        while end > start, all[end - 1] == " " { end -= 1 }
        let scalars = all[start..<end]
        var out = ""
        out.reserveCapacity(scalars.count + 8)
        let listMarker = orderedListMarker(Array(scalars.prefix(10)))
        for (k, scalar) in zip(0..., scalars) {
            if let shown = TerminalText.visible(in: all, at: start + k) {
                out += "\\" + shown
            } else if special.contains(scalar) || (k == 0 && leading.contains(scalar)) || k == listMarker {
                out += "\\"
                out.unicodeScalars.append(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The position of the `.` or `)` of an ordered-list marker (`1.`, `12)`) at the start.
    static func orderedListMarker(_ head: [Unicode.Scalar]) -> Int? {
        var k = 0
        while k < head.count, ("0"..."9").contains(head[k]) { k += 1 }
        guard k > 0, k < head.count, head[k] == "." || head[k] == ")" else { return nil }
        return k
    }
}
