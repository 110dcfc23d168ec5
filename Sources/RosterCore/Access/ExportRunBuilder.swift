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
        var f = FragmentBuilder()
        for k in run { addOrg(Int32(k), open, &f) }
        let base = f.seal(into: rows.arena)
        for k in orgs.indices { orgs[k].base = base }
        for k in users.indices { users[k].base = base }
        var g = FragmentBuilder()
        var user = 0
        for (k, org) in orgs.enumerated() {
            let count = rows.snapshot.orgs[Int(org.org)].record.members.count
            addGroups(k, users: user..<user + count, &g)
            user += count
        }
        let groupBase = g.seal(into: rows.arena)
        for k in groups.indices { groups[k].base = groupBase }
    }

    private mutating func addOrg(_ index: Int32, _ open: [String: [String]], _ f: inout FragmentBuilder) {
        let org = rows.orgRecord(index)
        let active = AccessRule.orgIsActive(org, on: rows.day)
        let shares = AccessModel.shares(of: org, active: active, open)
        apps += AccessModel.apps(of: org, shares: shares)
        var row = OrgRow(status: org.status, active: active)
        (row.id, row.plainID) = f.text(org.id)
        row.name = f.text(org.name).text
        row.shares = f.fragment { ExportLayout.stringArray(shares, into: &$0) }
        row.entitlements = f.fragment { ExportLayout.entitlements(shares, into: &$0) }
        row.org = index
        orgs.append(row)
        let teamsOf = AccessModel.teamsOfMembers(org)
        var orgTeams: [[String]] = []
        for (m, member) in org.members.enumerated() {
            var user = UserRow(org: index, member: Int32(m), role: member.role)
            user.active = AccessRule.canConnect(org: org, member: member, on: rows.day)
            (user.email, user.plainEmail) = f.text(member.email)
            user.firstName = f.text(member.firstName).text
            user.lastName = f.text(member.lastName).text
            let ids = (teamsOf[member.email] ?? []).sorted()
            user.teams = f.fragment { ExportLayout.stringArray(ids, into: &$0) }
            orgTeams.append(ids)
            users.append(user)
        }
        teams.append(orgTeams)
    }

    /// The org's group and one per team, each listing the org's active users in e-mail order.
    private mutating func addGroups(_ k: Int, users range: Range<Int>, _ g: inout FragmentBuilder) {
        let org = rows.orgRecord(orgs[k].org)
        let snapshot = rows.snapshot
        let members = range.filter { users[$0].active }.sorted {
            ExportRows.userPrecedes(users[$0], Int32($0), users[$1], Int32($1), snapshot)
        }
        let orgTeams = teams[k]
        let first = firstUser
        func add(team: Int32, name: String, _ list: [Int]) {
            var row = GroupRow(org: orgs[k].org, team: team)
            let key = ExportRows.externalId(org, team: team)
            (row.externalId, row.plainKey) = g.text(key)
            row.id = g.text(SCIMDocuments.exportID(group: key)).text
            row.displayName = g.text(name).text
            row.members = g.fragment { out in
                for user in list { withUnsafeBytes(of: Int32(first + user)) { out.append(contentsOf: $0) } }
            }
            groups.append(row)
        }
        add(team: -1, name: org.name, members)
        for (t, team) in org.teams.enumerated() {
            add(team: Int32(t), name: "\(org.name) / \(team.name)", members.filter { orgTeams[$0 - range.lowerBound].contains(team.id) })
        }
    }
}
