/// Who can connect and to which shares on one day, for every org and member of a snapshot,
/// computed with ``AccessRule``. The export and the SCIM sync both read this model.
public struct AccessModel: Sendable {
    public struct Org: Sendable, Equatable {
        public var id: String
        public var name: String
        public var status: OrgStatus
        /// Whether the org admits its users on the day.
        public var active: Bool
        /// Shares whose link to the org is open on the day; empty when the org is not active.
        public var shares: [String]
        /// Team ids with their names, sorted by id.
        public var teams: [(id: String, name: String)]

        public static func == (a: Org, b: Org) -> Bool {
            a.id == b.id && a.name == b.name && a.status == b.status && a.active == b.active && a.shares == b.shares
                && a.teams.map(\.id) == b.teams.map(\.id) && a.teams.map(\.name) == b.teams.map(\.name)
        }
    }

    public struct User: Sendable, Equatable {
        public var email: String
        public var firstName: String
        public var lastName: String
        public var org: String
        public var orgName: String
        public var role: Role
        /// True exactly when the user can connect on the day.
        public var active: Bool
        /// Ids of the teams that list the user, sorted.
        public var teams: [String]
        /// Shares the user has access to on the day, sorted; empty when not active.
        public var shares: [String]
    }

    /// An application a team shares (Tyk step 5), with the shares it reaches on the day: those
    /// of its shares whose link to the org is open, none when the org is not active.
    public struct App: Sendable, Equatable {
        public var org: String
        public var id: String
        public var team: String
        public var shares: [String]
    }

    public var day: CalendarDate
    /// Sorted by id.
    public var orgs: [Org]
    /// Sorted by e-mail.
    public var users: [User]
    /// Sorted by org, then id.
    public var apps: [App]

    /// The model of `snapshot` on `day`.
    public init(_ snapshot: Snapshot, on day: CalendarDate) {
        self.day = day
        let openShares = Self.openShares(snapshot, on: day)
        var orgs: [Org] = [], users: [User] = [], apps: [App] = []
        orgs.reserveCapacity(snapshot.orgs.count)
        for file in snapshot.orgs {
            let org = file.record
            let active = AccessRule.orgIsActive(org, on: day)
            let shares = Self.shares(of: org, active: active, openShares)
            apps += Self.apps(of: org, shares: shares)
            orgs.append(
                Org(
                    id: org.id, name: org.name, status: org.status, active: active, shares: shares,
                    teams: org.teams.map { ($0.id, $0.name) }.sorted { $0.id < $1.id }))
            let teamsOf = Self.teamsOfMembers(org)
            for member in org.members {
                let can = AccessRule.canConnect(org: org, member: member, on: day)
                users.append(
                    User(
                        email: member.email, firstName: member.firstName, lastName: member.lastName,
                        org: org.id, orgName: org.name, role: member.role, active: can,
                        teams: (teamsOf[member.email] ?? []).sorted(), shares: can ? shares : []))
            }
        }
        self.orgs = orgs.sorted { $0.id < $1.id }
        self.users = users.sorted { $0.email < $1.email }
        self.apps = apps.sorted { ($0.org, $0.id) < ($1.org, $1.id) }
    }

    /// The ids of the shares whose link to each org is open on `day`, by org id (in the order
    /// of the shares, possibly repeated).
    static func openShares(_ snapshot: Snapshot, on day: CalendarDate) -> [String: [String]] {
        var open: [String: [String]] = [:]
        for file in snapshot.shares {
            let share = file.record
            for link in share.consumers where AccessRule.linkIsOpen(link, on: day) {
                open[link.org, default: []].append(share.id)
            }
        }
        return open
    }

    /// The shares an org's users reach on the day: its open shares, sorted, once each; none when
    /// the org is not active.
    static func shares(of org: OrgRecord, active: Bool, _ open: [String: [String]]) -> [String] {
        active ? Array(Set(open[org.id] ?? [])).sorted() : []
    }

    /// The org's apps with the shares each reaches (those of `shares` it lists).
    static func apps(of org: OrgRecord, shares: [String]) -> [App] {
        org.apps.map { App(org: org.id, id: $0.id, team: $0.team, shares: Set($0.shares).intersection(shares).sorted()) }
    }

    /// The ids of the teams that list each e-mail, in the teams' order (unsorted).
    static func teamsOfMembers(_ org: OrgRecord) -> [String: [String]] {
        var teamsOf: [String: [String]] = [:]
        for team in org.teams { for email in team.members { teamsOf[email, default: []].append(team.id) } }
        return teamsOf
    }

    /// A SCIM group to mirror: one per org (`org:<id>`) and one per team (`org:<id>/team:<team-id>`).
    public struct Group: Sendable, Equatable {
        public var externalId: String
        public var displayName: String
        /// E-mails of the group's active users, sorted.
        public var members: [String]
    }

    /// A group per org and per team, each listing its active users; sorted by external id.
    public var groups: [Group] {
        // Users by index, not copied: each copy would retain all of a user's strings.
        var byOrg: [String: [Int]] = [:]
        for k in users.indices where users[k].active { byOrg[users[k].org, default: []].append(k) }
        var out: [Group] = []
        out.reserveCapacity(orgs.count * 2)
        for org in orgs {
            let members = byOrg[org.id] ?? []
            out.append(Group(externalId: "org:\(org.id)", displayName: org.name, members: members.map { users[$0].email }))
            for team in org.teams {
                out.append(
                    Group(
                        externalId: "org:\(org.id)/team:\(team.id)", displayName: "\(org.name) / \(team.name)",
                        members: members.filter { users[$0].teams.contains(team.id) }.map { users[$0].email }))
            }
        }
        return out.sorted { $0.externalId < $1.externalId }
    }
}
