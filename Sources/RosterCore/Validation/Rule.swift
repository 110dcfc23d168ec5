/// One validation rule: a stable id (printed in brackets after each finding), what it checks,
/// and the function that checks it.
///
/// Most rules look at one org at a time: those are `.eachOrg`, and the validator runs all of
/// them on an org while its data is in cache, spreading orgs over the cores. Rules that compare
/// records with each other look at the whole snapshot.
public struct Rule: Sendable {
    /// The rule's function as written; the validator gives it a report that carries the id.
    public enum Check: Sendable {
        case eachOrg(@Sendable (OrgFile, ValidationContext, inout RuleReport) -> Void)
        case whole(@Sendable (ValidationContext, inout RuleReport) -> Void)
    }

    public let id: String
    public let summary: String
    public let check: Check

    /// A rule over one org at a time; `check` reports through a ``RuleReport`` that carries `id`.
    public init(_ id: String, _ summary: String, eachOrg check: @escaping @Sendable (OrgFile, ValidationContext, inout RuleReport) -> Void) {
        self.id = id
        self.summary = summary
        self.check = .eachOrg(check)
    }

    /// A rule over the whole snapshot; `check` reports through a ``RuleReport`` that carries `id`.
    public init(_ id: String, _ summary: String, _ check: @escaping @Sendable (ValidationContext, inout RuleReport) -> Void) {
        self.id = id
        self.summary = summary
        self.check = .whole(check)
    }

    /// Runs the rule on a snapshot alone (tests use this to exercise one rule).
    public func run(_ context: ValidationContext) -> [Finding] {
        var report = RuleReport(rule: id, errorsOnly: context.options.errorsOnly)
        switch check {
        case .eachOrg(let f): for org in context.snapshot.orgs { f(org, context, &report) }
        case .whole(let f): f(context, &report)
        }
        return report.findings
    }
}
