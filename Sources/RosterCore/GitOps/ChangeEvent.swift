/// One thing a change between two revisions does, in the words of the domain: not a line diff.
public struct ChangeEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case orgCreated = "org.created"
        case orgRenamed = "org.renamed"
        case orgEnabled = "org.enabled"
        case orgDisabled = "org.disabled"
        case orgApproved = "org.approved"
        case orgRejected = "org.rejected"
        case orgDeleted = "org.deleted"
        case registrationRequested = "registration.requested"
        case memberInvited = "member.invited"
        case memberActivated = "member.activated"
        case memberRemoved = "member.removed"
        case memberRoleChanged = "member.role-changed"
        case memberRenamed = "member.renamed"
        case invitationResent = "member.invitation-resent"
        case orgEndChanged = "org.end-changed"
        case appCreated = "app.created"
        case appDeleted = "app.deleted"
        case appChanged = "app.changed"
        /// Not a change: `roster notify`'s reminder that an org's end date is near.
        case orgExpiring = "org.expiring"
        case teamCreated = "team.created"
        case teamDeleted = "team.deleted"
        case teamMembersChanged = "team.members-changed"
        case shareCreated = "share.created"
        case shareDeleted = "share.deleted"
        case shareLinked = "share.linked"
        case shareUnlinked = "share.unlinked"
        case accessEndChanged = "share.access-end-changed"
        case settingsChanged = "settings.changed"

        /// The section of a report the event belongs in.
        public var group: String {
            switch self {
            case .orgCreated, .orgRenamed, .orgEnabled, .orgDisabled, .orgApproved, .orgRejected, .orgDeleted, .registrationRequested, .orgEndChanged,
                .orgExpiring:
                "orgs"
            case .memberInvited, .memberActivated, .memberRemoved, .memberRoleChanged, .memberRenamed, .invitationResent: "members"
            case .appCreated, .appDeleted, .appChanged: "apps"
            case .teamCreated, .teamDeleted, .teamMembersChanged: "teams"
            case .shareCreated, .shareDeleted, .shareLinked, .shareUnlinked, .accessEndChanged: "shares"
            case .settingsChanged: "settings"
            }
        }
    }

    public var kind: Kind
    /// The record file the event is about.
    public var path: String
    public var org: String?
    public var share: String?
    public var team: String?
    public var email: String?
    /// The value before and after, when something changed from one value to another.
    public var from: String?
    public var to: String?
    /// Free detail: a name, a reason, the e-mails added to a team...
    public var detail: String?

    public init(
        _ kind: Kind, path: String, org: String? = nil, share: String? = nil, team: String? = nil,
        email: String? = nil, from: String? = nil, to: String? = nil, detail: String? = nil
    ) {
        self.kind = kind
        self.path = path
        self.org = org
        self.share = share
        self.team = team
        self.email = email
        self.from = from
        self.to = to
        self.detail = detail
    }

    /// A stable identity of the event, for e-mail Message-IDs.
    public var key: String {
        [kind.rawValue, path, org ?? "", share ?? "", team ?? "", email ?? "", from ?? "", to ?? ""].joined(separator: "\u{1F}")
    }

    /// One line for people: `member acme/bob@acme.example invited (team-member)`.
    public var summary: String {
        let orgRef = org ?? ""
        switch kind {
        case .orgCreated: return "org \(orgRef) created (\(detail ?? ""))"
        case .orgRenamed: return "org \(orgRef) renamed from \"\(from ?? "")\" to \"\(to ?? "")\""
        case .orgEnabled: return "org \(orgRef) enabled"
        case .orgDisabled: return "org \(orgRef) disabled"
        case .orgApproved: return "org \(orgRef) approved"
        case .orgRejected: return "org \(orgRef) rejected: \(detail ?? "")"
        case .orgDeleted: return "org \(orgRef) deleted (\(detail ?? ""))"
        case .registrationRequested: return "registration of \(orgRef) requested by \(email ?? "")"
        case .memberInvited: return "member \(email ?? "") invited to \(orgRef) as \(to ?? "")"
        case .memberActivated: return "member \(email ?? "") of \(orgRef) accepted the invitation"
        case .memberRemoved: return "member \(email ?? "") removed from \(orgRef)"
        case .memberRoleChanged: return "member \(email ?? "") of \(orgRef): role \(from ?? "") -> \(to ?? "")"
        case .memberRenamed: return "member \(email ?? "") of \(orgRef) renamed from \"\(from ?? "")\" to \"\(to ?? "")\""
        case .teamCreated: return "team \(orgRef)/\(team ?? "") created"
        case .teamDeleted: return "team \(orgRef)/\(team ?? "") deleted"
        case .teamMembersChanged: return "team \(orgRef)/\(team ?? ""): \(detail ?? "")"
        case .shareCreated: return "share \(share ?? "") created (\(detail ?? ""))"
        case .shareDeleted: return "share \(share ?? "") deleted"
        case .shareLinked: return "org \(orgRef) linked to share \(share ?? "")\(to.map { " until \($0)" } ?? "")"
        case .shareUnlinked: return "org \(orgRef) unlinked from share \(share ?? "")"
        case .accessEndChanged: return "access of \(orgRef) to \(share ?? ""): until \(from ?? "open") -> \(to ?? "open")"
        case .settingsChanged: return "settings changed: \(detail ?? "")"
        case .invitationResent: return "invitation of \(email ?? "") to \(orgRef) re-sent (expires \(to ?? "never"))"
        case .orgEndChanged: return "org \(orgRef) end date: \(from ?? "none") -> \(to ?? "none")"
        case .orgExpiring: return "org \(orgRef) expires on \(to ?? "")"
        case .appCreated: return "app \(orgRef)/\(detail ?? "") created for team \(team ?? "")"
        case .appDeleted: return "app \(orgRef)/\(detail ?? "") deleted (team \(team ?? ""))"
        case .appChanged: return "app \(orgRef)/\(detail ?? ""): \(to ?? "")"
        }
    }
}
