/// The lifecycle of a consumer org. Only an enabled org's users can connect to the marketplace.
public enum OrgStatus: String, Sendable, CaseIterable, Codable {
    case pending, rejected, enabled, disabled
}

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

/// A registration request, as Tyk's developer portal makes it, and the provider's decision.
public struct Registration: Sendable, Equatable {
    public enum Decision: String, Sendable, CaseIterable, Codable {
        case approved, rejected
    }

    public var requestedBy: String
    public var requestedAt: String
    public var decision: Decision?
    public var decidedBy: String?
    public var decidedAt: String?
    /// Why a request was rejected; required for a rejection.
    public var reason: String?

    public init(
        requestedBy: String, requestedAt: String, decision: Decision? = nil,
        decidedBy: String? = nil, decidedAt: String? = nil, reason: String? = nil
    ) {
        self.requestedBy = requestedBy
        self.requestedAt = requestedAt
        self.decision = decision
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.reason = reason
    }
}

public enum Role: String, Sendable, CaseIterable, Codable {
    case superAdmin = "super-admin"
    case teamMember = "team-member"
}

public enum MembershipState: String, Sendable, CaseIterable, Codable {
    case invited, active
}

/// One user's membership of an org.
public struct Membership: Sendable, Equatable {
    /// Lower-case.
    public var email: String
    public var firstName: String
    public var lastName: String
    public var role: Role
    public var state: MembershipState
    public var invitedAt: String
    public var invitedBy: String
    /// The fields most members lack, in one shared box (nil when all are nil): inline they
    /// took 48 of a member's 136 bytes, 48 MB for a million members.
    var extras: MembershipExtras?

    public init(
        email: String, firstName: String, lastName: String, role: Role,
        state: MembershipState, invitedAt: String, invitedBy: String, handle: String? = nil,
        expiresAt: String? = nil, acceptedAt: String? = nil
    ) {
        self.email = email
        extras = MembershipExtras.make(expiresAt: expiresAt, acceptedAt: acceptedAt, handle: handle)
        self.firstName = firstName
        self.lastName = lastName
        self.role = role
        self.state = state
        self.invitedAt = invitedAt
        self.invitedBy = invitedBy
    }
}

/// A team inside an org; its members share credentials.
public struct Team: Sendable, Equatable {
    public var id: String
    public var name: String
    /// Every org has exactly one default team, which cannot be deleted.
    public var isDefault: Bool
    /// E-mails of members of the same org.
    public var members: [String]

    public init(id: String, name: String, isDefault: Bool = false, members: [String] = []) {
        self.id = id
        self.name = name
        self.isDefault = isDefault
        self.members = members
    }
}
