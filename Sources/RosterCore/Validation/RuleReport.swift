/// The findings of one rule, each stamped with the rule's id (as rust-lang/team's `wrapper`
/// binds the check's name): a rule body says only where and what is wrong, and its id is
/// written once, in its ``Rule``. The pointer and the message are built only for a finding.
public struct RuleReport {
    public let rule: String
    public private(set) var findings: [Finding] = []

    /// When true, ``warning(_:_:_:)`` reports nothing (see ``ValidationOptions/errorsOnly``).
    public let errorsOnly: Bool

    public init(rule: String, errorsOnly: Bool = false) {
        self.rule = rule
        self.errorsOnly = errorsOnly
    }

    public mutating func error(_ path: String, _ pointer: @autoclosure () -> String, _ message: @autoclosure () -> String) {
        findings.append(.error(rule, path, pointer(), message()))
    }

    public mutating func warning(_ path: String, _ pointer: @autoclosure () -> String, _ message: @autoclosure () -> String) {
        guard !errorsOnly else { return }
        findings.append(.warning(rule, path, pointer(), message()))
    }
}
