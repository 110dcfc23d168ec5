/// One consumer organization: `data/orgs/<id>.json`.
public struct OrgRecord: Sendable, Equatable {
    public var id: String
    public var name: String
    public var status: OrgStatus
    /// RFC 3339 timestamp.
    public var createdAt: String
    /// The end of the org's contract (YYYY-MM-DD): from this day on the org is expired and
    /// counts as inactive, as Amplify's end date (its users can connect while today < until).
    public var until: String?
    /// Who last enabled or disabled the org, and when.
    public var statusChangedAt: String?
    public var statusChangedBy: String?
    public var registration: Registration?
    /// In file order when loaded; sorted by e-mail when written.
    public var members: [Membership]
    /// In file order when loaded; sorted by id when written.
    public var teams: [Team]
    /// Applications a team shares (Tyk step 5); sorted by id when written, left out when empty.
    public var apps: [App]

    public init(
        id: String, name: String, status: OrgStatus, createdAt: String, until: String? = nil,
        statusChangedAt: String? = nil, statusChangedBy: String? = nil,
        registration: Registration? = nil, members: [Membership] = [], teams: [Team] = [], apps: [App] = []
    ) {
        self.id = id
        self.until = until
        self.apps = apps
        self.name = name
        self.status = status
        self.createdAt = createdAt
        self.statusChangedAt = statusChangedAt
        self.statusChangedBy = statusChangedBy
        self.registration = registration
        self.members = members
        self.teams = teams
    }

    public func member(_ email: String) -> Membership? {
        members.first { $0.email == email }
    }

    public var defaultTeam: Team? {
        teams.first { $0.isDefault }
    }

    public var superAdmins: [Membership] {
        members.filter { $0.role == .superAdmin }
    }

    /// How many days ahead of its end date an org is reported as expiring (`org-expiring`, the
    /// reminder e-mail).
    public static let expiryNoticeDays = 30

    /// Whether the org's end date has come on `day`: from `until` on, it counts as inactive.
    public func isExpired(on day: CalendarDate) -> Bool {
        until.flatMap(Formats.date).map { day >= $0 } ?? false
    }

    /// Whether the org's users can connect on `day`: enabled and not expired.
    public func isActive(on day: CalendarDate) -> Bool {
        AccessRule.orgIsActive(self, on: day)
    }
}
