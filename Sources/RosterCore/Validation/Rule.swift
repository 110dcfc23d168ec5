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
        /// A rule with a part for each org, run with the per-org rules, and a part for the
        /// records that are not orgs (shares, settings), run with the rules across records.
        case split(
            eachOrg: @Sendable (OrgFile, ValidationContext, inout RuleReport) -> Void, rest: @Sendable (ValidationContext, inout RuleReport) -> Void)
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

    /// A rule with a part for each org and a part for the rest of the snapshot (see
    /// ``Check/split(eachOrg:rest:)``): a value of an org checked there, with the org's other
    /// rules, while the org is in cache (and, in a rebuild, only for an org that changed).
    public init(
        _ id: String, _ summary: String, eachOrg check: @escaping @Sendable (OrgFile, ValidationContext, inout RuleReport) -> Void,
        rest: @escaping @Sendable (ValidationContext, inout RuleReport) -> Void
    ) {
        self.id = id
        self.summary = summary
        self.check = .split(eachOrg: check, rest: rest)
    }

    /// Runs the rule on a snapshot alone (tests use this to exercise one rule).
    public func run(_ context: ValidationContext) -> [Finding] {
        var report = RuleReport(rule: id, errorsOnly: context.options.errorsOnly)
        switch check {
        case .eachOrg(let f): for org in context.snapshot.orgs { f(org, context, &report) }
        case .whole(let f): f(context, &report)
        case .split(let each, let rest):
            for org in context.snapshot.orgs { each(org, context, &report) }
            rest(context, &report)
        }
        return report.findings
    }
}
