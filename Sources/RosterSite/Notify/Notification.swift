import RosterCore

/// One e-mail a change calls for: which template, to whom, with what values.
public struct Notification: Sendable, Equatable {
    public var template: String
    public var recipient: String
    public var recipientName: String
    public var event: ChangeEvent
    public var values: [String: String]
    /// The fact this e-mail tells of; the same fact gives the same Message-ID on every run.
    var identity: NotificationIdentity
}

/// Which e-mails the events between two revisions call for.
public enum NotificationPlanner {
    /// `today` (the head commit's day) and `head` (every record at the head; the comparison
    /// holds the changed files only) find the orgs whose end date is near, for a reminder, and
    /// the org a share event is about.
    public static func notifications(for c: Comparison, today: CalendarDate? = nil, head: Snapshot? = nil) -> [Notification] {
        let settings = c.head.settings ?? c.base.settings ?? MarketplaceSettings(providerName: "")
        let provider = settings.providerName
        let baseURL = settings.portal.baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        var out: [Notification] = []
        let changes = NotifiedChanges(c)
        let headOrgs = head?.orgs.map(\.record) ?? Array(c.head.orgs.values)
        let orgsByID = Dictionary(headOrgs.map { ($0.id, $0) }) { a, _ in a }
        let context = LifecycleContext(comparison: c, settings: settings, today: today, head: head)
        for e in changes.events + context.reminders() {
            // Share events sit in the share's file: their org is found by id.
            let org = changes.head[e.path] ?? changes.base[e.path] ?? e.org.flatMap { orgsByID[$0] }
            let before = changes.base[e.path]
            let orgName = org?.name ?? e.org ?? ""
            let orgURL = baseURL.map { "\($0)orgs/\(e.org ?? "")/index.html" } ?? ""
            // A removed member is found in the base.
            func person(_ email: String) -> String {
                guard let m = org?.member(email) ?? before?.member(email) else { return email }
                return "\(m.firstName) \(m.lastName)"
            }
            func add(_ template: String, to email: String?, _ values: [String: String] = [:]) {
                guard let email, Formats.isValidEmail(email) else { return }
                let base = ["provider": provider, "org": orgName, "orgID": e.org ?? "", "portalURL": orgURL]
                let identity = NotificationIdentity.of(template, event: e, org: org, before: before, recipient: email)
                out.append(
                    Notification(
                        template: template, recipient: email, recipientName: person(email), event: e,
                        values: base.merging(values) { $1 }, identity: identity))
            }
            switch e.kind {
            case .memberInvited where e.detail == MembershipState.invited.rawValue, .invitationResent:
                let member = org?.member(e.email ?? "")
                var values = ["inviter": person(member?.invitedBy ?? ""), "role": label(member?.role.rawValue), "editURL": context.editURL(e.path)]
                values["expires"] = member?.expiresAt.flatMap(LifecycleContext.readable)
                add(e.kind == .invitationResent ? "invitation-resent" : "invitation", to: e.email, values)
            case .registrationRequested where org?.status == .pending:
                let recipients = settings.notifications.adminRecipients.isEmpty ? settings.admins : settings.notifications.adminRecipients
                for admin in recipients.sorted() {
                    var n = ["requester": e.email ?? ""]
                    n["portalURL"] = baseURL.map { "\($0)registrations/index.html" } ?? ""
                    add("registration-received", to: admin, n)
                }
            case .orgApproved: add("registration-approved", to: e.email)
            case .orgRejected: add("registration-rejected", to: e.email, ["reason": e.detail ?? ""])
            case .memberRoleChanged:
                // The requester of an approved registration becomes super admin: the approval
                // e-mail says so already.
                if changes.events.contains(where: { $0.kind == .orgApproved && $0.org == e.org && $0.email == e.email }) { continue }
                add("role-changed", to: e.email, ["role": label(e.to), "previousRole": label(e.from)])
            case .memberRemoved: add("member-removed", to: e.email)
            case .orgDisabled, .orgEnabled:
                for admin in (org?.superAdmins ?? []).map(\.email).sorted() {
                    add(e.kind == .orgDisabled ? "org-disabled" : "org-enabled", to: admin)
                }
            case .orgDeleted:
                for recipient in context.deletionRecipients(before) { add("org-deleted", to: recipient, context.deletionValues(before)) }
            case .shareLinked, .shareUnlinked:
                // A deleted org hears of it once, in the deletion e-mail.
                guard e.org.flatMap({ orgsByID[$0] }) != nil else { continue }
                for admin in (org?.superAdmins ?? []).map(\.email).sorted() {
                    add(e.kind == .shareLinked ? "share-access-granted" : "share-access-revoked", to: admin, context.shareValues(e))
                }
            case .orgEndChanged, .orgExpiring:
                let values = context.endValues(e)
                for admin in (org?.superAdmins ?? []).map(\.email).sorted() {
                    add(e.kind == .orgExpiring ? "org-expiring" : "org-end-date", to: admin, values)
                }
            case .appCreated, .appDeleted:
                let record = e.kind == .appCreated ? org : before
                guard let record, let app = record.apps.first(where: { $0.id == e.detail }) else { continue }
                let values = [
                    "app": app.name, "appID": app.id, "team": record.teams.first { $0.id == app.team }?.name ?? app.team,
                    "creator": person(app.createdBy), "shares": app.shares.sorted().joined(separator: ", "),
                ]
                for user in record.users(of: app) { add(e.kind == .appCreated ? "app-created" : "app-deleted", to: user, values) }
            default: continue
            }
        }
        return out
    }

    static func label(_ role: String?) -> String {
        switch role {
        case Role.superAdmin.rawValue: "super admin"
        case Role.teamMember.rawValue: "team member"
        default: role ?? ""
        }
    }
}
