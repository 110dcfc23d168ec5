/// Prints findings in the three formats `roster validate` offers.
public enum FindingReport {
    public enum Format: String, Sendable, CaseIterable {
        case text, json, github
    }

    /// The whole report: one line per finding, then (for text) the count line.
    public static func render(_ findings: [Finding], format: Format, color: Bool = false, filesChecked: Int? = nil) -> String {
        switch format {
        case .text:
            var out = findings.map { textLine($0, color: color) + "\n" }.joined()
            out += summary(findings, filesChecked: filesChecked) + "\n"
            return out
        case .json:
            return json(findings)
        case .github:
            return findings.map { githubLine($0) + "\n" }.joined()
        }
    }

    public static func textLine(_ f: Finding, color: Bool = false) -> String {
        let label = f.severity.rawValue
        let painted = color ? (f.severity == .error ? "\u{1B}[1;31m\(label)\u{1B}[0m" : "\u{1B}[1;33m\(label)\u{1B}[0m") : label
        return "\(visible(f.path)):\(f.line):\(f.column): \(painted): \(f.message) [\(f.rule)]"
    }

    /// A file name as a text line shows it: control characters, line and paragraph separators
    /// escaped, so a name such as "x\n::error::..." cannot start a line of its own (a CI
    /// runner's workflow command) or drive the terminal.
    static func visible(_ path: String) -> String {
        var out = ""
        for scalar in path.unicodeScalars {
            let v = scalar.value
            out += v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029 ? "\\u{\(String(v, radix: 16))}" : String(scalar)
        }
        return out
    }

    /// "2 errors, 1 warning", or "no problems found".
    public static func summary(_ findings: [Finding], filesChecked: Int? = nil) -> String {
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.count - errors
        let files = filesChecked.map { " in \($0) file\($0 == 1 ? "" : "s")" } ?? ""
        if findings.isEmpty { return "no problems found\(files)" }
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\(files)"
    }

    /// GitHub workflow commands; `%`, CR and LF are escaped as the runner requires.
    public static func githubLine(_ f: Finding) -> String {
        func escapeData(_ s: String) -> String {
            s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
        }
        func escapeProperty(_ s: String) -> String {
            escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
        }
        return "::\(f.severity.rawValue) file=\(escapeProperty(f.path)),line=\(f.line),col=\(f.column),title=\(escapeProperty(f.rule))::\(escapeData(f.message))"
    }

    /// A JSON array of `{path, line, column, severity, rule, message}`, in report order.
    public static func json(_ findings: [Finding]) -> String {
        let items = findings.map { f in
            JSONNode(.object([
                JSONMember(key: "path", node: JSONNode(.string(f.path))),
                JSONMember(key: "line", node: JSONNode(.number(String(f.line)))),
                JSONMember(key: "column", node: JSONNode(.number(String(f.column)))),
                JSONMember(key: "severity", node: JSONNode(.string(f.severity.rawValue))),
                JSONMember(key: "rule", node: JSONNode(.string(f.rule))),
                JSONMember(key: "message", node: JSONNode(.string(f.message))),
            ]))
        }
        return JSONWriter.canonical(JSONNode(.array(items)))
    }
}
