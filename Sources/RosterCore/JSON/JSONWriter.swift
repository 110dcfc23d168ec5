/// Writes JSON in roster's canonical layout: two-space indent, one member per line,
/// `"key": value`, keys in the order given, one trailing newline.
public enum JSONWriter {
    /// With `htmlSafe`, `<`, `>` and `&` in strings are written as `\u003c`, `\u003e`, `\u0026`,
    /// so the text stays inert even if someone embeds it in a page (the portal's JSON API).
    public static func canonical(_ node: JSONNode, htmlSafe: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(4096)
        write(node.value, indent: 0, htmlSafe: htmlSafe, into: &out)
        out.append("\n")
        return out
    }

    static func write(_ value: JSONValue, indent: Int, htmlSafe: Bool = false, into out: inout String) {
        switch value {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .number(let n): out.append(n)
        case .string(let s): writeString(s, htmlSafe: htmlSafe, into: &out)
        case .array(let items):
            if items.isEmpty { out.append("[]"); return }
            out.append("[\n")
            for (k, item) in items.enumerated() {
                pad(indent + 1, &out)
                write(item.value, indent: indent + 1, htmlSafe: htmlSafe, into: &out)
                out.append(k == items.count - 1 ? "\n" : ",\n")
            }
            pad(indent, &out)
            out.append("]")
        case .object(let members):
            if members.isEmpty { out.append("{}"); return }
            out.append("{\n")
            for (k, m) in members.enumerated() {
                pad(indent + 1, &out)
                writeString(m.key, htmlSafe: htmlSafe, into: &out)
                out.append(": ")
                write(m.node.value, indent: indent + 1, htmlSafe: htmlSafe, into: &out)
                out.append(k == members.count - 1 ? "\n" : ",\n")
            }
            pad(indent, &out)
            out.append("}")
        }
    }

    static func pad(_ level: Int, _ out: inout String) {
        for _ in 0..<level { out.append("  ") }
    }

    /// Escapes only what JSON requires, plus U+2028/U+2029 so the text is safe to embed in a script.
    public static func writeString(_ s: String, htmlSafe: Bool = false, into out: inout String) {
        out.append("\"")
        for scalar in s.unicodeScalars {
            switch scalar {
            case "<" where htmlSafe: out.append("\\u003c")
            case ">" where htmlSafe: out.append("\\u003e")
            case "&" where htmlSafe: out.append("\\u0026")
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case "\u{2028}": out.append("\\u2028")
            case "\u{2029}": out.append("\\u2029")
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }
}
