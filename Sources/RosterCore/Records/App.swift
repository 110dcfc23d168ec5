/// An application a team of a consumer org shares (Tyk step 5: "when any team member creates an
/// application, all other team members can access it and use the credentials").
///
/// No secret ever lives in a record: the credentials stay in the gateway, keyed by the org's id
/// and the app's id.
public struct App: Sendable, Equatable {
    /// Unique in the org.
    public var id: String
    public var name: String
    public var description: String?
    /// The id of the team that owns it.
    public var team: String
    public var visibility: AppVisibility
    /// Ids of shares the org consumes; in file order when loaded, sorted when written.
    public var shares: [String]
    public var createdBy: String
    /// RFC 3339 timestamp.
    public var createdAt: String

    public init(
        id: String, name: String, description: String? = nil, team: String, visibility: AppVisibility = .team,
        shares: [String] = [], createdBy: String, createdAt: String
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.team = team
        self.visibility = visibility
        self.shares = shares
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}

extension OrgRecord {
    /// The e-mails of the members who may use `app`: the active members of its team, or of the
    /// org for `org` visibility. An invitation not yet accepted grants nothing (``AccessRule``),
    /// so an invitee is no user of an app, however the portal and e-mails word it.
    public func users(of app: App) -> [String] {
        let active = Set(members.lazy.filter { $0.state == .active }.map(\.email))
        switch app.visibility {
        case .org: return active.sorted()
        case .team: return (teams.first { $0.id == app.team }?.members ?? []).filter(active.contains).sorted()
        }
    }
}
