/// The orgs and shares as lists show them (`roster org list`, `roster share list`, and their
/// `show`): counted with ``OrgRecord/userCount`` and sorted in ``NaturalOrder``.
public struct Catalogue: Sendable {
    public struct OrgRow: Sendable, Equatable {
        public var id: String
        public var name: String
        public var status: OrgStatus
        public var teams: Int
        public var users: Int
        public var invitations: Int
        /// Ids of the shares the org is linked to, by share name.
        public var shares: [String]
        public var createdAt: String
    }

    public struct ShareRow: Sendable, Equatable {
        public var id: String
        public var name: String
        public var description: String
        public var consumers: Int
        /// Consumers whose users cannot connect (not enabled).
        public var blocked: Int
    }

    public let snapshot: Snapshot
    /// For each org id, the shares linking it (share, link), by share name.
    public let linksOfOrg: [String: [(share: ShareRecord, link: ShareLink)]]
    public let orgByID: [String: OrgRecord]
    /// The day whether users can connect is judged on (an org's `until`).
    public let today: CalendarDate

    public init(_ snapshot: Snapshot, today: CalendarDate) {
        self.snapshot = snapshot
        self.today = today
        orgByID = Dictionary(snapshot.orgs.map { ($0.record.id, $0.record) }, uniquingKeysWith: { first, _ in first })
        var links: [String: [(share: ShareRecord, link: ShareLink)]] = [:]
        for share in snapshot.shares.map(\.record).sorted(by: { NaturalOrder.less($0.name, $1.name) }) {
            for link in share.consumers { links[link.org, default: []].append((share, link)) }
        }
        linksOfOrg = links
    }

    /// Every org, or those of one status, by name in natural order.
    public func orgs(status: OrgStatus? = nil) -> [OrgRow] {
        let records = snapshot.orgs.map(\.record).filter { status == nil || $0.status == status }
        let keys = records.map { NaturalOrder.sortKey($0.name) }
        return records.indices.sorted { a, b in
            !NaturalOrder.same(keys[a], keys[b]) ? NaturalOrder.precedes(keys[a], keys[b]) : records[a].id < records[b].id
        }.map { row(records[$0]) }
    }

    public func row(_ org: OrgRecord) -> OrgRow {
        OrgRow(
            id: org.id, name: org.name, status: org.status, teams: org.teams.count, users: org.userCount,
            invitations: org.invitationCount, shares: (linksOfOrg[org.id] ?? []).map(\.share.id), createdAt: org.createdAt)
    }

    /// Every share by name in natural order.
    public func shares() -> [ShareRow] {
        snapshot.shares.map(\.record).sorted { NaturalOrder.less($0.name, $1.name) }.map { share in
            ShareRow(
                id: share.id, name: share.name, description: share.description, consumers: share.consumers.count,
                blocked: share.consumers.filter { orgByID[$0.org]?.usersCanConnect(on: today) != true }.count)
        }
    }

    /// The consumers of a share, by org name, with the org (nil when it does not exist).
    public func consumers(of share: ShareRecord) -> [(link: ShareLink, org: OrgRecord?)] {
        share.consumers.map { ($0, orgByID[$0.org]) }
            .sorted { NaturalOrder.less($0.org?.name ?? $0.link.org, $1.org?.name ?? $1.link.org) }
    }
}
