/// What rules may look at besides the records: the day to measure ages against.
public struct ValidationOptions: Sendable {
    /// Dates such as "invitation older than 14 days" are measured from this day.
    public var today: CalendarDate
    /// Only errors are wanted (`roster export` refuses invalid records, and says nothing of
    /// warnings): warnings are neither made nor located, which spares a message, a pointer and
    /// a second parse of the file for each of them.
    public var errorsOnly: Bool

    public init(today: CalendarDate = .today(), errorsOnly: Bool = false) {
        self.today = today
        self.errorsOnly = errorsOnly
    }
}

/// The snapshot with the indexes several rules need, computed once.
public struct ValidationContext: Sendable {
    public let snapshot: Snapshot
    public let options: ValidationOptions
    public let settings: MarketplaceSettings
    /// Org ids that exist, readable or not.
    public let knownOrgIDs: Set<String>

    public init(snapshot: Snapshot, options: ValidationOptions) {
        self.snapshot = snapshot
        self.options = options
        settings = snapshot.settings
        // An org is known by its id and by its file name, so an id that differs from the file
        // name is reported once (id-filename), not again by every share that names the file.
        // One set, filled in place: an id equal to its file name (nearly all) is put in once.
        var known = snapshot.unreadableOrgIDs
        known.reserveCapacity(snapshot.orgs.count + known.count)
        for org in snapshot.orgs {
            let stem = RecordStore.fileStem(org.path)
            known.insert(stem)
            if org.record.id != stem { known.insert(org.record.id) }
        }
        knownOrgIDs = known
    }
}

/// One validation rule: a stable id (printed in brackets after each finding), what it checks,
/// and the function that checks it.
///
/// Most rules look at one org at a time: those are `.eachOrg`, and the validator runs all of
/// them on an org while its data is in cache, spreading orgs over the cores. Rules that compare
/// records with each other look at the whole snapshot.
public struct Rule: Sendable {
    public enum Check: Sendable {
        case eachOrg(@Sendable (OrgFile, ValidationContext) -> [Finding])
        case whole(@Sendable (ValidationContext) -> [Finding])
    }

    public let id: String
    public let summary: String
    public let check: Check

    /// A rule over one org at a time; `check` reports through a ``RuleReport`` that carries `id`.
    public init(_ id: String, _ summary: String, eachOrg check: @escaping @Sendable (OrgFile, ValidationContext, inout RuleReport) -> Void) {
        self.id = id
        self.summary = summary
        self.check = .eachOrg { org, context in
            var report = RuleReport(rule: id, errorsOnly: context.options.errorsOnly)
            check(org, context, &report)
            return report.findings
        }
    }

    /// A rule over the whole snapshot; `check` reports through a ``RuleReport`` that carries `id`.
    public init(_ id: String, _ summary: String, _ check: @escaping @Sendable (ValidationContext, inout RuleReport) -> Void) {
        self.id = id
        self.summary = summary
        self.check = .whole { context in
            var report = RuleReport(rule: id, errorsOnly: context.options.errorsOnly)
            check(context, &report)
            return report.findings
        }
    }

    /// Runs the rule on a snapshot alone (tests use this to exercise one rule).
    public func run(_ context: ValidationContext) -> [Finding] {
        switch check {
        case .eachOrg(let f): context.snapshot.orgs.flatMap { f($0, context) }
        case .whole(let f): f(context)
        }
    }
}

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
