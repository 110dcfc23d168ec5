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
