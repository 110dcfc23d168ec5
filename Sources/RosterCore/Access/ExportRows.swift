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
        // Where each run's rows go: every run fills its own part of one block per kind of row.
        var firsts: [(user: Int, group: Int)] = [], userCount = 0, groupCount = 0
        for run in runs {
            firsts.append((userCount, groupCount))
            for k in run {
                userCount += snapshot.orgs[k].record.members.count
                groupCount += 1 + snapshot.orgs[k].record.teams.count
            }
        }
        nonisolated(unsafe) let slots = (
            arena.allocate(OrgRow.self, count), arena.allocate(UserRow.self, userCount), arena.allocate(GroupRow.self, groupCount)
        )
        let this = self, starts = firsts
        let parts = parallelMap(Array(runs.indices), chunkSize: 1) { r in
            var part = ExportRunBuilder(rows: this, firstUser: starts[r].user)
            part.add(runs[r], open: open)
            part.place(orgs: slots.0, runs[r].lowerBound, users: slots.1, starts[r].user, groups: slots.2, starts[r].group)
            return part.apps
        }
        (orgs, users, groups) = (UnsafeBufferPointer(slots.0), UnsafeBufferPointer(slots.1), UnsafeBufferPointer(slots.2))
        apps = parts.flatMap { $0 }.sorted { ($0.org, $0.id) < ($1.org, $1.id) }
        sortAll()
    }

    /// The three orders (see ``ExportOrder``), side by side on the cores. Only the rows' buffers
    /// are read (the snapshot, for the rare key that is not plain ASCII): a struct passed along
    /// on each of the 1.7 million comparisons was retained and released each time.
    private mutating func sortAll() {
        nonisolated(unsafe) let (orgs, users, groups) = (self.orgs, self.users, self.groups)
        let this = self
        let orders = parallelMap([0, 1, 2], chunkSize: 1) { which -> [Int32] in
            switch which {
            case 0:
                return ExportOrder.sorted(orgs.count) {
                    (orgs[$0].base + orgs[$0].id.start, orgs[$0].id.count, orgs[$0].plainID)
                } strings: {
                    (this.orgRecord(orgs[Int($0)].org).id, this.orgRecord(orgs[Int($1)].org).id)
                }
            case 1:
                return Self.sortedByEmail(users, Array(users.indices), this.snapshot).map { Int32($0) }
            default:
                return ExportOrder.sorted(groups.count) {
                    (groups[$0].base + groups[$0].externalId.start, groups[$0].externalId.count, groups[$0].plainKey)
                } strings: {
                    (this.externalId(groups[Int($0)]), this.externalId(groups[Int($1)]))
                }
            }
        }
        (orgOrder, userOrder, groupOrder) = (arena.keep(orders[0]), arena.keep(orders[1]), arena.keep(orders[2]))
    }

    /// `list` (indices in `users`) sorted by e-mail.
    static func sortedByEmail(_ users: UnsafeBufferPointer<UserRow>, _ list: [Int], _ snapshot: Snapshot) -> [Int] {
        // An org's few members (the groups' lists, 10,000 of them) are sorted in place: the
        // general sort's keys and closures cost more than the comparisons.
        if list.count <= 32 && list.allSatisfy({ users[$0].plainEmail }) {
            var out = list
            for i in out.indices.dropFirst() {
                let x = out[i], a = users[x]
                var j = i
                while j > 0, case let b = users[out[j - 1]],
                    compareBytes(a.base + a.email.start, a.email.count, b.base + b.email.start, b.email.count) < 0
                {
                    out[j] = out[j - 1]
                    j -= 1
                }
                out[j] = x
            }
            return out
        }
        let order = ExportOrder.sorted(list.count) {
            let u = users[list[$0]]
            return (u.base + u.email.start, u.email.count, u.plainEmail)
        } strings: { a, b in
            let (x, y) = (users[list[Int(a)]], users[list[Int(b)]])
            return (snapshot.orgs[Int(x.org)].record.members[Int(x.member)].email, snapshot.orgs[Int(y.org)].record.members[Int(y.member)].email)
        }
        return order.map { list[Int($0)] }
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
