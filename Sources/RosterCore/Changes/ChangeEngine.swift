/// Applies operations to a snapshot in memory, enforcing the rules of the seeds, then validates
/// the result. Nothing here touches the disk: ``ChangeWriter`` writes what ``ChangePlan`` says.
public struct ChangeEngine {
    public internal(set) var snapshot: Snapshot
    let context: ChangeContext
    /// Paths whose record changed or was created, and paths whose file goes away.
    var touched: Set<String> = []
    var removed: Set<String> = []
    /// Whether `data/marketplace.json` changed (`roster settings set`).
    var settingsTouched = false
    /// Files that are not records, written with the change (the deletion record of an org).
    var extraFiles: [String: [UInt8]] = [:]
    /// What the change does beyond the obvious, for the user to read (the impact of a delete).
    public private(set) var notes: [String] = []

    public init(snapshot: Snapshot, context: ChangeContext) {
        self.snapshot = snapshot
        self.context = context
    }

    /// Applies `operations` in order, all or nothing, and validates the result.
    public static func plan(_ operations: [Change], on snapshot: Snapshot, context: ChangeContext) throws(ChangeRefusal) -> ChangePlan {
        let loadErrors = snapshot.loadFindings.filter { $0.severity == .error }
        if !loadErrors.isEmpty {
            throw ChangeRefusal(
                "the repository has files roster cannot read; fix them first (`roster validate` shows where)",
                findings: FindingLocator.locate(loadErrors, sources: snapshot.sources))
        }
        var engine = ChangeEngine(snapshot: snapshot, context: context)
        for (index, operation) in operations.enumerated() {
            do {
                try engine.apply(operation)
            } catch var refusal {
                if operations.count > 1 || operation.name == "" {
                    refusal.operationNumber = index + 1
                    refusal.operationName = operation.name
                }
                throw refusal
            }
        }
        return try engine.finish(original: snapshot)
    }

    mutating func apply(_ operation: Change) throws(ChangeRefusal) {
        if operation.recordsActor, context.actor == nil {
            throw ChangeRefusal("\(operation.name) records who did it: pass --actor EMAIL, set ROSTER_ACTOR, or set git's user.email")
        }
        switch operation {
        case let .orgCreate(name, id): try createOrg(name: name, id: id)
        case let .orgRename(org, name): try renameOrg(org, to: name)
        case let .orgEnable(org): try setEnabled(org, true)
        case let .orgDisable(org): try setEnabled(org, false)
        case let .orgDelete(org, confirm): try deleteOrg(org, confirm: confirm)
        case let .orgRegister(name, id, email, first, last, handle):
            try register(name: name, id: id, email: email, first: first, last: last, handle: handle)
        case let .orgApprove(org, name): try approve(org, name: name)
        case let .orgReject(org, reason): try reject(org, reason: reason)
        case let .memberInvite(org, email, first, last, role, team, handle):
            try invite(org, email: email, first: first, last: last, role: role, team: team, handle: handle)
        case let .memberRemove(org, email): try removeMember(org, email: email)
        case let .memberSetRole(org, email, role): try setRole(org, email: email, role: role)
        case let .memberEdit(org, email, first, last, handle): try editMember(org, email: email, first: first, last: last, handle: handle)
        case let .memberActivate(org, email): try activate(org, email: email)
        case let .teamCreate(org, name, id): try createTeam(org, name: name, id: id)
        case let .teamDelete(org, team): try deleteTeam(org, team: team)
        case let .teamAdd(org, team, email): try addToTeam(org, team: team, email: email)
        case let .teamRemove(org, team, email): try removeFromTeam(org, team: team, email: email)
        case let .shareCreate(name, id, description): try createShare(name: name, id: id, description: description)
        case let .shareDelete(share): try deleteShare(share)
        case let .shareAddOrg(share, org, until): try link(share, org: org, until: until)
        case let .shareRemoveOrg(share, org): try unlink(share, org: org)
        case let .memberResend(org, email): try resend(org, email: email)
        case let .settingsSet(key, value): try setSetting(key, value: value)
        case let .shareAddNewOrg(share, name, id, until): try linkNewOrg(share, name: name, id: id, until: until)
        case let .orgSetUntil(org, until): try setUntil(org, until: until)
        case let .appCreate(org, name, id, team, shares, visibility, description):
            try createApp(org, name: name, id: id, team: team, shares: shares, visibility: visibility, description: description)
        case let .appDelete(org, app): try deleteApp(org, app: app)
        case let .appAddShare(org, app, share): try addAppShare(org, app: app, share: share)
        case let .appRemoveShare(org, app, share): try removeAppShare(org, app: app, share: share)
        }
    }

    // MARK: - Access to records

    func orgIndex(_ id: String) throws(ChangeRefusal) -> Int {
        guard let i = snapshot.orgs.firstIndex(where: { $0.record.id == id }) else {
            throw ChangeRefusal("there is no org \"\(id)\"\(suggestion(id, snapshot.orgs.map(\.record.id)))")
        }
        return i
    }

    func shareIndex(_ id: String) throws(ChangeRefusal) -> Int {
        guard let i = snapshot.shares.firstIndex(where: { $0.record.id == id }) else {
            throw ChangeRefusal("there is no share \"\(id)\"\(suggestion(id, snapshot.shares.map(\.record.id)))")
        }
        return i
    }

    /// Where the entry `id` is in one of an org's lists (teams, apps), or a refusal that names
    /// the nearest id.
    func entryIndex<T>(
        _ org: Int, _ id: String, in list: KeyPath<OrgRecord, [T]>, id key: KeyPath<T, String>, kind: String
    ) throws(ChangeRefusal) -> Int {
        let record = snapshot.orgs[org].record
        guard let at = record[keyPath: list].firstIndex(where: { $0[keyPath: key] == id }) else {
            throw ChangeRefusal("\(record.id) has no \(kind) \"\(id)\"\(suggestion(id, record[keyPath: list].map { $0[keyPath: key] }))")
        }
        return at
    }

    func suggestion(_ word: String, _ candidates: [String]) -> String {
        ObjectReader.closest(to: word, in: candidates).map { "; did you mean \"\($0)\"?" } ?? ""
    }

    /// Changes one org in place and remembers that its file must be written.
    mutating func updateOrg(_ index: Int, _ change: (inout OrgRecord) throws(ChangeRefusal) -> Void) throws(ChangeRefusal) {
        try update(\.orgs, index, change)
    }

    mutating func updateShare(_ index: Int, _ change: (inout ShareRecord) throws(ChangeRefusal) -> Void) throws(ChangeRefusal) {
        try update(\.shares, index, change)
    }

    /// Changes one record of a list in place and remembers that its file must be written.
    private mutating func update<R>(
        _ list: WritableKeyPath<Snapshot, [RecordFile<R>]>, _ index: Int, _ change: (inout R) throws(ChangeRefusal) -> Void
    ) throws(ChangeRefusal) {
        var record = snapshot[keyPath: list][index].record
        try change(&record)
        snapshot[keyPath: list][index].record = record
        touched.insert(snapshot[keyPath: list][index].path)
    }

    mutating func insertOrg(_ org: OrgRecord) {
        insert(OrgFile(path: Snapshot.orgPath(org.id), record: org), into: \.orgs)
    }

    mutating func insertShare(_ share: ShareRecord) {
        insert(ShareFile(path: Snapshot.sharePath(share.id), record: share), into: \.shares)
    }

    /// Adds a record file in path order and remembers that it must be written.
    private mutating func insert<R>(_ file: RecordFile<R>, into list: WritableKeyPath<Snapshot, [RecordFile<R>]>) {
        let at = snapshot[keyPath: list].firstIndex { $0.path > file.path } ?? snapshot[keyPath: list].count
        snapshot[keyPath: list].insert(file, at: at)
        touched.insert(file.path)
        removed.remove(file.path)
    }

    var actor: String { context.actor ?? "" }

    mutating func note(_ text: String) { notes.append(text) }
}
