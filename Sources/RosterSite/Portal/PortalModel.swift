import RosterCore

/// What the portal's pages are made of: the snapshot plus the indexes several pages share,
/// computed once.
public struct PortalModel: Sendable {
    public let snapshot: Snapshot
    public let settings: MarketplaceSettings
    public let docs: DocsSite
    public let history: GitHistory
    public let email: EmailDisplay
    /// Orgs sorted by name, as the Consumer Orgs page lists them.
    public let orgsByName: [OrgFile]
    /// For each org id, the shares it consumes (share, link), sorted by share name.
    public let sharesOfOrg: [String: [(share: ShareRecord, link: ShareLink)]]
    public let orgNames: [String: String]
    public let orgStatus: [String: OrgStatus]

    public init(snapshot: Snapshot, docs: DocsSite, history: GitHistory) {
        self.snapshot = snapshot
        settings = snapshot.settings
        self.docs = docs
        self.history = history
        email = EmailDisplay(showEmails: settings.portal.showEmails)
        // Keys computed once: sorting 10,000 names would otherwise normalize each many times.
        orgsByName = snapshot.orgs.map { (Formats.nameKey($0.record.name), $0) }
            .sorted { ($0.0, $0.1.record.id) < ($1.0, $1.1.record.id) }.map(\.1)
        var byOrg: [String: [(share: ShareRecord, link: ShareLink)]] = [:]
        for share in snapshot.shares.sorted(by: { $0.record.name < $1.record.name }) {
            for link in share.record.consumers { byOrg[link.org, default: []].append((share.record, link)) }
        }
        sharesOfOrg = byOrg
        var names: [String: String] = [:], status: [String: OrgStatus] = [:]
        for org in snapshot.orgs {
            names[org.record.id] = org.record.name
            status[org.record.id] = org.record.status
        }
        orgNames = names
        orgStatus = status
        pendingRegistrations = snapshot.orgs.map(\.record).filter { $0.status == .pending }
            .sorted { ($0.registration?.requestedAt ?? "", $0.id) < ($1.registration?.requestedAt ?? "", $1.id) }
        userCount = snapshot.orgs.reduce(0) { $0 + $1.record.members.count }
        teamCount = snapshot.orgs.reduce(0) { $0 + $1.record.teams.count }
        statusCounts = Dictionary(grouping: snapshot.orgs, by: \.record.status).mapValues(\.count)
    }

    public var siteTitle: String {
        settings.portal.title ?? (settings.providerName.isEmpty ? "Consumer organizations" : "\(settings.providerName) consumer organizations")
    }

    /// Oldest request first.
    public let pendingRegistrations: [OrgRecord]
    public let userCount: Int
    public let teamCount: Int
    public let statusCounts: [OrgStatus: Int]
}

/// Labels people read for the values records hold.
enum Labels {
    static func status(_ s: OrgStatus) -> String {
        switch s {
        case .pending: "Pending"
        case .rejected: "Rejected"
        case .enabled: "Enabled"
        case .disabled: "Disabled"
        }
    }

    static func role(_ r: Role) -> String { r == .superAdmin ? "Super admin" : "Team member" }
    static func state(_ s: MembershipState) -> String { s == .active ? "Active" : "Invited" }

    /// `2025-03-14T09:30:00Z` -> `2025-03-14`.
    static func day(_ timestamp: String?) -> String {
        guard let timestamp else { return "" }
        return String(timestamp.prefix(10))
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}
