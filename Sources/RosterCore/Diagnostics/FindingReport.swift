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

    /// `path:line:column: severity: message [rule]` on one line: control characters of the
    /// path and the message are shown escaped (``TerminalText``), so record text in them can
    /// neither break the line nor send escape sequences to the terminal.
    public static func textLine(_ f: Finding, color: Bool = false) -> String {
        let label = f.severity.rawValue
        let painted = color ? (f.severity == .error ? "\u{1B}[1;31m\(label)\u{1B}[0m" : "\u{1B}[1;33m\(label)\u{1B}[0m") : label
        return "\(TerminalText.escape(f.path)):\(f.line):\(f.column): \(painted): \(TerminalText.escape(f.message)) [\(TerminalText.escape(f.rule))]"
    }

    /// "2 errors, 1 warning", or "no problems found".
    public static func summary(_ findings: [Finding], filesChecked: Int? = nil) -> String {
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.count - errors
        let files = filesChecked.map { " in \(Plural.count($0, "file"))" } ?? ""
        if findings.isEmpty { return "no problems found\(files)" }
        return "\(Plural.count(errors, "error")), \(Plural.count(warnings, "warning"))\(files)"
    }

    /// A GitHub workflow command (`::error file=…,line=…,col=…,title=…::message`). Control
    /// characters are first shown escaped as in text output, then the runner's own escapes are
    /// applied (`%`, CR, LF; and `:`, `,` in properties), so no value can end the command or
    /// start another one.
    public static func githubLine(_ f: Finding) -> String {
        let file = GitHubCommand.property(TerminalText.escape(f.path))
        let title = GitHubCommand.property(TerminalText.escape(f.rule))
        return
            "::\(f.severity.rawValue) file=\(file),line=\(f.line),col=\(f.column),title=\(title)::\(GitHubCommand.data(TerminalText.escape(f.message)))"
    }

    /// A JSON array of `{path, line, column, severity, rule, message}`, in report order.
    public static func json(_ findings: [Finding]) -> String {
        let items = findings.map { f in
            JSONNode(
                .object([
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
