/// The rows of one run of orgs (the first pass of ``ExportRows``, one run per thread at a
/// time): each org's shares laid out once for all its users, each string escaped once however
/// often the documents repeat it, the groups with their members in e-mail order.
struct ExportRunBuilder: @unchecked Sendable {
    let rows: ExportRows
    /// Index in ``ExportRows/users`` of the run's first user.
    let firstUser: Int
    var orgs: [OrgRow] = []
    var users: [UserRow] = []
    var groups: [GroupRow] = []
    var apps: [AccessModel.App] = []
    /// Per org of the run: its users' team ids, sorted, by user index in the run.
    private var teams: [[[String]]] = []

    init(rows: ExportRows, firstUser: Int) {
        self.rows = rows
        self.firstUser = firstUser
    }

    mutating func add(_ run: Range<Int>, open: [String: [String]]) {
        // Records are read where they are (a record bound to a name, or a member taken out of
        // its list, was copied: a retain and a release per string).
        let snapshot = rows.snapshot
        var f = FragmentBuilder()
        for k in run { addOrg(snapshot.orgs[k].record, Int32(k), open, &f) }
        let base = f.seal(into: rows.arena)
        for k in orgs.indices { orgs[k].base = base }
        for k in users.indices { users[k].base = base }
        var g = FragmentBuilder()
        var user = 0
        for (k, row) in orgs.enumerated() {
            let count = snapshot.orgs[Int(row.org)].record.members.count
            addGroups(snapshot.orgs[Int(row.org)].record, k, users: user..<user + count, snapshot, &g)
            user += count
        }
        let groupBase = g.seal(into: rows.arena)
        for k in groups.indices { groups[k].base = groupBase }
    }

    /// Copies the run's rows into their places in the blocks of all the rows (the run's orgs,
    /// users and groups start at `org`, `user` and `group`).
    func place(
        orgs all: UnsafeMutableBufferPointer<OrgRow>, _ org: Int, users allUsers: UnsafeMutableBufferPointer<UserRow>, _ user: Int,
        groups allGroups: UnsafeMutableBufferPointer<GroupRow>, _ group: Int
    ) {
        precondition(
            org + orgs.count <= all.count && user + users.count <= allUsers.count && group + groups.count <= allGroups.count,
            "a run's rows fit the places counted for them")
        for (k, row) in orgs.enumerated() { (all.baseAddress! + org + k).initialize(to: row) }
        for (k, row) in users.enumerated() { (allUsers.baseAddress! + user + k).initialize(to: row) }
        for (k, row) in groups.enumerated() { (allGroups.baseAddress! + group + k).initialize(to: row) }
    }

    /// `Array(Set(list)).sorted()` (``AccessModel/shares(of:active:_:)``) without hashing: an
    /// org has one or two shares, and a set per org cost more than the rest of its row.
    static func uniqueSorted(_ list: [String]) -> [String] {
        guard list.count > 1 else { return list }
        var out: [String] = []
        for s in list.sorted() where out.last != s { out.append(s) }
        return out
    }

    private mutating func addOrg(_ org: OrgRecord, _ index: Int32, _ open: [String: [String]], _ f: inout FragmentBuilder) {
        let active = AccessRule.orgIsActive(org, on: rows.day)
        let shares = active ? Self.uniqueSorted(open[org.id] ?? []) : []
        if !org.apps.isEmpty { apps += AccessModel.apps(of: org, shares: shares) }
        var row = OrgRow(status: org.status, active: active)
        (row.id, row.plainID) = f.text(org.id)
        row.name = f.text(org.name).text
        row.shares = f.fragment { ExportLayout.stringArray(shares, into: &$0) }
        row.entitlements = f.fragment { ExportLayout.entitlements(shares, into: &$0) }
        row.org = index
        orgs.append(row)
        var orgTeams: [[String]] = []
        orgTeams.reserveCapacity(org.members.count)
        for m in org.members.indices {
            var user = UserRow(org: index, member: Int32(m), role: org.members[m].role)
            user.active = AccessRule.canConnect(org: org, member: org.members[m], on: rows.day)
            (user.email, user.plainEmail) = f.text(org.members[m].email)
            user.firstName = f.text(org.members[m].firstName).text
            user.lastName = f.text(org.members[m].lastName).text
            // As AccessModel.teamsOfMembers: a team once per time it lists the e-mail, sorted.
            var ids: [String] = []
            for team in org.teams { for email in team.members where email == org.members[m].email { ids.append(team.id) } }
            if ids.count > 1 { ids.sort() }
            user.teams = f.fragment { ExportLayout.stringArray(ids, into: &$0) }
            orgTeams.append(ids)
            users.append(user)
        }
        teams.append(orgTeams)
    }

    /// The org's group and one per team, each listing the org's active users in e-mail order.
    private mutating func addGroups(_ org: OrgRecord, _ k: Int, users range: Range<Int>, _ snapshot: Snapshot, _ g: inout FragmentBuilder) {
        let members = users.withUnsafeBufferPointer { rows in
            ExportRows.sortedByEmail(rows, range.filter { rows[$0].active }, snapshot)
        }
        let orgTeams = teams[k]
        let first = firstUser
        // The keys and names are escaped part by part, as their strings would be (escaping maps
        // characters one by one): `org:<id>/team:<team-id>` and `<org> / <team>` are not made.
        func add(team: Int32, _ list: [Int]) {
            var row = GroupRow(org: orgs[k].org, team: team)
            (row.externalId, row.plainKey) = team < 0 ? g.joined("org:", org.id) : g.joined("org:", org.id, "/team:", org.teams[Int(team)].id)
            row.id = g.exportID(row.externalId)
            row.displayName = (team < 0 ? g.text(org.name) : g.joined(org.name, " / ", org.teams[Int(team)].name)).text
            row.members = g.fragment { out in
                for user in list { withUnsafeBytes(of: Int32(first + user)) { out.append(contentsOf: $0) } }
            }
            groups.append(row)
        }
        add(team: -1, members)
        for (t, team) in org.teams.enumerated() {
            add(team: Int32(t), members.filter { orgTeams[$0 - range.lowerBound].contains(team.id) })
        }
    }
}
