/// What makes two notifications the same e-mail: the real-world fact they tell of, named by what
/// the records say about it (who, which membership or registration, and when), never by the file
/// it sits in or the commits that carry it. So `notify A..C` after `notify A..B` finds B's
/// e-mails again under the same Message-IDs, and so does a run after an org file was renamed;
/// a new fact (a new invitation, a second disabling) has a new time and a new identity.
///
/// An org is named by its `createdAt`, which a rename keeps; a user belongs to one org at a
/// time, so an e-mail address and a time are enough to tell two orgs' facts apart.
struct NotificationIdentity: Sendable, Equatable {
    /// The values that name the fact, the template and the recipient included.
    var parts: [String]
    /// When the fact happened, if the records say (RFC 3339): the message's Date.
    var time: String?

    /// The fingerprint used in the Message-ID and the file name: 32 hexadecimal digits.
    var fingerprint: String {
        String(SHA256.hex(Array(parts.joined(separator: "\u{1F}").utf8)).prefix(32))
    }

    /// The identity of `template` sent to `recipient` for `event`; `org` is the org in the head
    /// (or the base, for a deletion) and `before` the org in the base.
    static func of(_ template: String, event e: ChangeEvent, org: OrgRecord?, before: OrgRecord?, recipient: String) -> NotificationIdentity {
        let email = e.email ?? ""
        let anchor = org?.createdAt ?? before?.createdAt ?? ""
        let registration = org?.registration
        var parts: [String]
        var time: String?
        switch template {
        case "invitation", "invitation-resent":
            let invitedAt = org?.member(email)?.invitedAt ?? ""
            (parts, time) = ([anchor, email, invitedAt], invitedAt)
        case "registration-received":
            (parts, time) = ([registration?.requestedBy ?? email, registration?.requestedAt ?? ""], registration?.requestedAt)
        case "registration-approved", "registration-rejected":
            parts = [registration?.requestedBy ?? email, registration?.requestedAt ?? "", registration?.decidedAt ?? ""]
            time = registration?.decidedAt
        case "role-changed":
            // The records keep no time for a role change: the membership and the two roles name it.
            parts = [anchor, email, org?.member(email)?.invitedAt ?? "", e.from ?? "", e.to ?? ""]
        case "member-removed":
            // The membership that ended: a later invitation of the same person has a new invitedAt.
            parts = [before?.createdAt ?? anchor, email, before?.member(email)?.invitedAt ?? ""]
        case "org-expiring", "org-end-date":
            // The date the org ends names the fact: a new date is a new message, a re-run is not.
            parts = [anchor, e.to ?? "none"]
        case "share-access-granted", "share-access-revoked":
            parts = [anchor, e.share ?? "", e.from ?? "", e.to ?? ""]
        case "app-created", "app-deleted":
            let app = (template == "app-created" ? org : before)?.apps.first { $0.id == e.detail }
            (parts, time) = ([anchor, e.detail ?? "", app?.createdAt ?? ""], template == "app-created" ? app?.createdAt : nil)
        case "org-disabled", "org-enabled":
            (parts, time) = ([anchor, org?.statusChangedAt ?? ""], org?.statusChangedAt)
        default:
            parts = [e.kind.rawValue, anchor, email, e.from ?? "", e.to ?? "", e.detail ?? ""]
        }
        return NotificationIdentity(parts: ["roster-notification-v1", template] + parts + [recipient], time: time)
    }
}
