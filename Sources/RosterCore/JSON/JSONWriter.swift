/// Writes JSON in roster's canonical layout: two-space indent, one member per line,
/// `"key": value`, keys in the order given, one trailing newline.
public enum JSONWriter {
    /// With `htmlSafe`, `<`, `>` and `&` in strings are written as `\u003c`, `\u003e`, `\u0026`,
    /// so the text stays inert even if someone embeds it in a page (the portal's JSON API).
    public static func canonical(_ node: JSONNode, htmlSafe: Bool = false) -> String {
        String(decoding: canonicalBytes(node, htmlSafe: htmlSafe), as: UTF8.self)
    }

    /// The same, as UTF-8 bytes (what is written to disk; no String in between).
    public static func canonicalBytes(_ node: JSONNode, htmlSafe: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(node.value, indent: 0, htmlSafe: htmlSafe, into: &out)
        out.append(0x0A)
        return out
    }

    static func write(_ value: JSONValue, indent: Int, htmlSafe: Bool = false, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.utf8)
        case .string(let s): writeString(s, htmlSafe: htmlSafe, into: &out)
        case .array(let items):
            if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(contentsOf: "[\n".utf8)
            for (k, item) in items.enumerated() {
                pad(indent + 1, &out)
                write(item.value, indent: indent + 1, htmlSafe: htmlSafe, into: &out)
                out.append(contentsOf: (k == items.count - 1 ? "\n" : ",\n").utf8)
            }
            pad(indent, &out)
            out.append(0x5D)
        case .object(let members):
            if members.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(contentsOf: "{\n".utf8)
            for (k, m) in members.enumerated() {
                pad(indent + 1, &out)
                writeString(m.key, htmlSafe: htmlSafe, into: &out)
                out.append(contentsOf: ": ".utf8)
                write(m.node.value, indent: indent + 1, htmlSafe: htmlSafe, into: &out)
                out.append(contentsOf: (k == members.count - 1 ? "\n" : ",\n").utf8)
            }
            pad(indent, &out)
            out.append(0x7D)
        }
    }

    static func pad(_ level: Int, _ out: inout [UInt8]) {
        for _ in 0..<(2 * level) { out.append(0x20) }
    }

    /// Escapes only what JSON requires, plus U+2028/U+2029 so the text is safe to embed in a
    /// script, working on UTF-8 bytes.
    public static func writeString<Output: ByteOutput & ~Copyable>(_ s: String, htmlSafe: Bool = false, into out: inout Output) {
        out.append(0x22)
        appendEscaped(s, htmlSafe: htmlSafe, into: &out)
        out.append(0x22)
    }

    /// The content of `s` escaped as in ``writeString(_:htmlSafe:into:)``, without the quotes.
    public static func appendEscaped<Output: ByteOutput & ~Copyable>(_ s: String, htmlSafe: Bool = false, into out: inout Output) {
        s.withUTF8InPlace { escape($0, htmlSafe: htmlSafe, into: &out) }
    }

    /// `"…"`: the UTF-8 `bytes` (which must be valid UTF-8) as a JSON string, escaped as
    /// ``writeString(_:htmlSafe:into:)`` escapes a String's.
    public static func writeString<Output: ByteOutput & ~Copyable>(
        utf8 bytes: UnsafeBufferPointer<UInt8>, htmlSafe: Bool = false, into out: inout Output
    ) {
        out.append(0x22)
        escape(bytes, htmlSafe: htmlSafe, into: &out)
        out.append(0x22)
    }

    /// The UTF-8 `bytes` (whole characters) escaped as in ``writeString(utf8:htmlSafe:into:)``,
    /// without the quotes.
    public static func appendEscaped<Output: ByteOutput & ~Copyable>(
        utf8 bytes: UnsafeBufferPointer<UInt8>, htmlSafe: Bool = false, into out: inout Output
    ) {
        escape(bytes, htmlSafe: htmlSafe, into: &out)
    }

    /// The bytes of a string's content, escaped, without its quotes.
    private static func escape<Output: ByteOutput & ~Copyable>(_ bytes: UnsafeBufferPointer<UInt8>, htmlSafe: Bool, into out: inout Output) {
        // Runs of bytes that need no escape are copied at once; the words of 8 bytes with none
        // of the bytes looked at below are passed over first (``ByteWords``).
        let special = { (w: UInt64) -> UInt64 in
            let json = ByteWords.below(w, 0x20) | ByteWords.equal(w, 0x22) | ByteWords.equal(w, 0x5C) | ByteWords.equal(w, 0xE2)
            return htmlSafe ? json | ByteWords.equal(w, 0x3C) | ByteWords.equal(w, 0x3E) | ByteWords.equal(w, 0x26) : json
        }
        var k = ByteWords.firstFlagged(bytes, from: 0, special)
        var run = 0
        while k < bytes.count {
            let b = bytes[k]
            let plain = b >= 0x20 && b != 0x22 && b != 0x5C && b != 0xE2 && !(htmlSafe && (b == 0x3C || b == 0x3E || b == 0x26))
            // A character that starts with E2 but is neither U+2028 nor U+2029 (such as the dots
            // of each redacted e-mail, •••) goes on with the run, as a byte flagged but plain.
            if plain || (b == 0xE2 && !(k + 2 < bytes.count && bytes[k + 1] == 0x80 && (bytes[k + 2] == 0xA8 || bytes[k + 2] == 0xA9))) {
                k = ByteWords.firstFlagged(bytes, from: k + 1, special)
                continue
            }
            if run < k { out.appendBytes(UnsafeBufferPointer(rebasing: bytes[run..<k])) }
            switch b {
            case 0x22: out.append("\\\"")
            case 0x5C: out.append("\\\\")
            case 0x0A: out.append("\\n")
            case 0x0D: out.append("\\r")
            case 0x09: out.append("\\t")
            case 0x3C: out.append("\\u003c")
            case 0x3E: out.append("\\u003e")
            case 0x26: out.append("\\u0026")
            case 0..<0x20:
                let hex: StaticString = "0123456789abcdef"
                out.append("\\u00")
                out.append(hex.utf8Start[Int(b >> 4)])
                out.append(hex.utf8Start[Int(b & 0xF)])
            case 0xE2:
                // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR (the only E2 left here).
                out.append(bytes[k + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                k += 2
            default: out.append(b)
            }
            k += 1
            run = k
            k = ByteWords.firstFlagged(bytes, from: k, special)
        }
        if run < bytes.count { out.appendBytes(UnsafeBufferPointer(rebasing: bytes[run...])) }
    }
}
