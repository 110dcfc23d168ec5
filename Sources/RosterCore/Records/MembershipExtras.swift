/// A member's optional fields, kept out of line (see ``Membership/extras``). Immutable: a
/// change makes a new box, so copies of a membership never see each other's changes.
final class MembershipExtras: Sendable, Equatable {
    let expiresAt: String?
    let acceptedAt: String?
    let handle: String?

    private init(expiresAt: String?, acceptedAt: String?, handle: String?) {
        self.expiresAt = expiresAt
        self.acceptedAt = acceptedAt
        self.handle = handle
    }

    /// A box for the fields, or nil when none is set.
    static func make(expiresAt: String?, acceptedAt: String?, handle: String?) -> MembershipExtras? {
        if expiresAt == nil, acceptedAt == nil, handle == nil { return nil }
        return MembershipExtras(expiresAt: expiresAt, acceptedAt: acceptedAt, handle: handle)
    }

    static func == (a: MembershipExtras, b: MembershipExtras) -> Bool {
        a === b || (a.expiresAt == b.expiresAt && a.acceptedAt == b.acceptedAt && a.handle == b.handle)
    }
}

extension Membership {
    /// When an invitation stops being valid (RFC 3339): `invite` and `resend` set it from the
    /// settings' `invitations.expireAfterDays`. Nil in files written before invitations expired.
    public var expiresAt: String? {
        get { extras?.expiresAt }
        set { extras = .make(expiresAt: newValue, acceptedAt: acceptedAt, handle: handle) }
    }

    /// When the invitee accepted (`member activate`, state invited -> active).
    public var acceptedAt: String? {
        get { extras?.acceptedAt }
        set { extras = .make(expiresAt: expiresAt, acceptedAt: newValue, handle: handle) }
    }

    /// The member's account name on the git host (unique across the store), so that `roster
    /// check --actor @handle` can name a pull request's author by a login the host verifies.
    public var handle: String? {
        get { extras?.handle }
        set { extras = .make(expiresAt: expiresAt, acceptedAt: acceptedAt, handle: newValue) }
    }
}
