/// How bad a finding is: an error fails `roster validate`, a warning does not.
public enum Severity: String, Sendable, Comparable, Codable {
    case error
    case warning

    public static func < (a: Severity, b: Severity) -> Bool {
        a == .error && b == .warning
    }
}
