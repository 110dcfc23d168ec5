/// One problem found in the repository, with where it is and the rule that found it.
///
/// A finding is made with a JSON pointer into its file (`/members/3/email`); ``FindingLocator``
/// resolves it to a line and column, so rules never deal with text positions.
public struct Finding: Sendable, Hashable, Codable {
    /// Path relative to the project root, with forward slashes (`data/orgs/acme.json`).
    public var path: String
    public var line: Int
    public var column: Int
    public var severity: Severity
    public var rule: String
    public var message: String
    /// Where in the file, as an RFC 6901 pointer; nil when the position is already known.
    public var pointer: String?

    public init(
        path: String, pointer: String? = "", line: Int = 0, column: Int = 0,
        severity: Severity = .error, rule: String, message: String
    ) {
        self.path = path
        self.pointer = pointer
        self.line = line
        self.column = column
        self.severity = severity
        self.rule = rule
        self.message = message
    }

    public static func error(_ rule: String, _ path: String, _ pointer: String, _ message: String) -> Finding {
        Finding(path: path, pointer: pointer, severity: .error, rule: rule, message: message)
    }

    public static func warning(_ rule: String, _ path: String, _ pointer: String, _ message: String) -> Finding {
        Finding(path: path, pointer: pointer, severity: .warning, rule: rule, message: message)
    }

    /// Sort order of a report: file, line, column, then severity, rule and message.
    public static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.path != b.path { return a.path < b.path }
        if a.line != b.line { return a.line < b.line }
        if a.column != b.column { return a.column < b.column }
        if a.severity != b.severity { return a.severity < b.severity }
        if a.rule != b.rule { return a.rule < b.rule }
        return a.message < b.message
    }

    private enum CodingKeys: String, CodingKey {
        case path, line, column, severity, rule, message
    }
}
