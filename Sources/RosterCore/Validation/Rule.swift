/// What rules may look at besides the records: the day to measure ages against.
public struct ValidationOptions: Sendable {
    /// Dates such as "invitation older than 14 days" are measured from this day.
    public var today: CalendarDate

    public init(today: CalendarDate = .today()) {
        self.today = today
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
        knownOrgIDs = Set(snapshot.orgs.map(\.record.id)).union(snapshot.orgs.map { RecordStore.fileStem($0.path) })
            .union(snapshot.unreadableOrgIDs)
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

    public init(_ id: String, _ summary: String, eachOrg check: @escaping @Sendable (OrgFile, ValidationContext) -> [Finding]) {
        self.id = id
        self.summary = summary
        self.check = .eachOrg(check)
    }

    public init(_ id: String, _ summary: String, _ check: @escaping @Sendable (ValidationContext) -> [Finding]) {
        self.id = id
        self.summary = summary
        self.check = .whole(check)
    }

    /// Runs the rule on a snapshot alone (tests use this to exercise one rule).
    public func run(_ context: ValidationContext) -> [Finding] {
        switch check {
        case .eachOrg(let f): context.snapshot.orgs.flatMap { f($0, context) }
        case .whole(let f): f(context)
        }
    }
}
