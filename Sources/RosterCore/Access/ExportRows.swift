/// An org of the export: its fragments, made once, in the block `base` points at.
struct OrgRow {
    var base = ExportArena.unset
    var id = Text(), name = Text()
    /// The value of `"shares"` in access.json, for the org and each of its active users.
    var shares = Text()
    /// The value of `"entitlements"` in scim/Users.json for each of its active users.
    var entitlements = Text()
    var status = OrgStatus.pending
    var active = false
    var plainID = false
    /// Index of the org in the snapshot.
    var org: Int32 = 0
}

/// A member of an org (a user of the export).
struct UserRow {
    var base = ExportArena.unset
    var email = Text(), firstName = Text(), lastName = Text()
    /// The value of `"teams"` in access.json.
    var teams = Text()
    /// Indices of the org (in the snapshot and in ``ExportRows/orgs``) and of the member.
    var org: Int32 = 0, member: Int32 = 0
    var role = Role.teamMember
    var active = false
    var plainEmail = false
}

/// A SCIM group: one per org (`team` -1) and one per team.
struct GroupRow {
    var base = ExportArena.unset
    var externalId = Text(), id = Text(), displayName = Text()
    /// The indices (`Int32`) in ``ExportRows/users`` of its active users, sorted by e-mail.
    var members = Text()
    var org: Int32 = 0, team: Int32 = -1
    var plainKey = false
}

/// Everything the export writes, from a snapshot on a day, as rows of fragments in three orders:
/// the documents are then laid out by copying fragments between constant bytes (see
/// ``ExportLayout``), with no model, dictionary or `String` per value in between. The rule is
/// ``AccessRule``'s, through the same steps as ``AccessModel`` (which the sync reads), and
/// the orders are those of `String`'s `<`, ties in the snapshot's order as a stable sort keeps them.
struct ExportRows: @unchecked Sendable {
    let snapshot: Snapshot
    let day: CalendarDate
    /// In the snapshot's order, in memory the arena owns (read by every thread, never retained).
    private(set) var orgs = UnsafeBufferPointer<OrgRow>(start: nil, count: 0)
    private(set) var users = UnsafeBufferPointer<UserRow>(start: nil, count: 0)
    private(set) var groups = UnsafeBufferPointer<GroupRow>(start: nil, count: 0)
    private(set) var apps: [AccessModel.App] = []
    /// Indices of ``orgs`` sorted by id, ``users`` by e-mail, ``groups`` by external id.
    private(set) var orgOrder = UnsafeBufferPointer<Int32>(start: nil, count: 0)
    private(set) var userOrder = UnsafeBufferPointer<Int32>(start: nil, count: 0)
    private(set) var groupOrder = UnsafeBufferPointer<Int32>(start: nil, count: 0)
    let arena = ExportArena()

    /// Orgs per run of the first pass: each run fills one block of fragments.
    static let orgsPerRun = 128

    init(_ snapshot: Snapshot, on day: CalendarDate) {
        self.snapshot = snapshot
        self.day = day
        let open = AccessModel.openShares(snapshot, on: day)
        let count = snapshot.orgs.count
        let runs = stride(from: 0, to: count, by: Self.orgsPerRun).map { $0..<min(count, $0 + Self.orgsPerRun) }
        var firstUser: [Int] = [], userCount = 0
        for run in runs {
            firstUser.append(userCount)
            for k in run { userCount += snapshot.orgs[k].record.members.count }
        }
        let this = self, firsts = firstUser
        let parts = parallelMap(Array(runs.indices), chunkSize: 1) { r in
            var part = ExportRunBuilder(rows: this, firstUser: firsts[r])
            part.add(runs[r], open: open)
            return part
        }
        orgs = arena.keep(parts.flatMap(\.orgs))
        users = arena.keep(parts.flatMap(\.users))
        groups = arena.keep(parts.flatMap(\.groups))
        apps = parts.flatMap(\.apps).sorted { ($0.org, $0.id) < ($1.org, $1.id) }
        sortAll()
    }

    /// The three orders, side by side on the cores.
    private mutating func sortAll() {
        let this = self
        let orders = parallelMap([0, 1, 2], chunkSize: 1) { which -> [Int32] in
            switch which {
            case 0: return this.sorted(this.orgs.count) { this.orgPrecedes($0, $1) }
            case 1: return this.sorted(this.users.count) { this.userPrecedes($0, $1) }
            default: return this.sorted(this.groups.count) { this.groupPrecedes($0, $1) }
            }
        }
        (orgOrder, userOrder, groupOrder) = (arena.keep(orders[0]), arena.keep(orders[1]), arena.keep(orders[2]))
    }

    private func sorted(_ count: Int, by precedes: (Int32, Int32) -> Bool) -> [Int32] {
        var order = (0..<Int32(count)).map { $0 }
        order.sort(by: precedes)
        return order
    }

    /// Whether org `a` comes before org `b` (by id; the snapshot's order when equal).
    func orgPrecedes(_ a: Int32, _ b: Int32) -> Bool {
        let (x, y) = (orgs[Int(a)], orgs[Int(b)])
        if x.plainID && y.plainID {
            let c = compareBytes(x.base + x.id.start, x.id.count, y.base + y.id.start, y.id.count)
            return c != 0 ? c < 0 : a < b
        }
        return Self.precedes(orgRecord(a).id, orgRecord(b).id, a, b)
    }

    /// Whether user `a` comes before user `b` (by e-mail; the snapshot's order when equal).
    func userPrecedes(_ a: Int32, _ b: Int32) -> Bool {
        Self.userPrecedes(users[Int(a)], a, users[Int(b)], b, snapshot)
    }

    static func userPrecedes(_ x: UserRow, _ a: Int32, _ y: UserRow, _ b: Int32, _ snapshot: Snapshot) -> Bool {
        if x.plainEmail && y.plainEmail {
            let c = compareBytes(x.base + x.email.start, x.email.count, y.base + y.email.start, y.email.count)
            return c != 0 ? c < 0 : a < b
        }
        let s = snapshot.orgs[Int(x.org)].record.members[Int(x.member)].email
        let t = snapshot.orgs[Int(y.org)].record.members[Int(y.member)].email
        return precedes(s, t, a, b)
    }

    /// Whether group `a` comes before group `b` (by external id; the order made when equal).
    func groupPrecedes(_ a: Int32, _ b: Int32) -> Bool {
        let (x, y) = (groups[Int(a)], groups[Int(b)])
        if x.plainKey && y.plainKey {
            let c = compareBytes(x.base + x.externalId.start, x.externalId.count, y.base + y.externalId.start, y.externalId.count)
            return c != 0 ? c < 0 : a < b
        }
        return Self.precedes(externalId(x), externalId(y), a, b)
    }

    /// `s < t`, then the earlier index: the order a stable sort by `<` gives.
    static func precedes(_ s: String, _ t: String, _ a: Int32, _ b: Int32) -> Bool {
        s < t || (!(t < s) && a < b)
    }

    func orgRecord(_ k: Int32) -> OrgRecord { snapshot.orgs[Int(k)].record }

    /// A group's external id, `org:<id>` or `org:<id>/team:<team-id>`.
    func externalId(_ g: GroupRow) -> String {
        Self.externalId(orgRecord(g.org), team: g.team)
    }

    static func externalId(_ org: OrgRecord, team: Int32) -> String {
        team < 0 ? "org:\(org.id)" : "org:\(org.id)/team:\(org.teams[Int(team)].id)"
    }

    var activeUsers: Int { users.reduce(0) { $0 + ($1.active ? 1 : 0) } }
}
