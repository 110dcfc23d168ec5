/// One event with the org it is about, before and after the change: the e-mails it calls for,
/// in order.
struct EventMail {
    let scope: NotificationScope
    let e: ChangeEvent
    /// The org at the head. Share events sit in the share's file: their org is found by id.
    let org: OrgRecord?
    /// The org at the base: a removed member is found there.
    let before: OrgRecord?

    init(scope: NotificationScope, event e: ChangeEvent) {
        self.scope = scope
        self.e = e
        org = scope.changes.head[e.path] ?? scope.changes.base[e.path] ?? e.org.flatMap { scope.orgsByID[$0] }
        before = scope.changes.base[e.path]
    }

    func notifications() -> [PlannedEmail] {
        switch e.kind {
        case .memberInvited where e.detail == MembershipState.invited.rawValue, .invitationResent: return invitation()
        case .registrationRequested where org?.status == .pending: return registrationReceived()
        case .orgApproved: return mail("registration-approved", to: e.email)
        case .orgRejected: return mail("registration-rejected", to: e.email, ["reason": e.detail ?? ""])
        case .memberRoleChanged: return roleChanged()
        case .memberRemoved: return mail("member-removed", to: e.email)
        case .orgDisabled, .orgEnabled: return toSuperAdmins(e.kind == .orgDisabled ? "org-disabled" : "org-enabled")
        case .orgDeleted:
            let values = scope.lifecycle.deletionValues(before)
            return scope.lifecycle.deletionRecipients(before).flatMap { mail("org-deleted", to: $0, values) }
        case .shareLinked, .shareUnlinked:
            // A deleted org hears of it once, in the deletion e-mail.
            guard e.org.flatMap({ scope.orgsByID[$0] }) != nil else { return [] }
            return toSuperAdmins(e.kind == .shareLinked ? "share-access-granted" : "share-access-revoked", scope.lifecycle.shareValues(e))
        case .orgEndChanged, .orgExpiring:
            return toSuperAdmins(e.kind == .orgExpiring ? "org-expiring" : "org-end-date", scope.lifecycle.endValues(e))
        case .appCreated, .appDeleted: return appMails()
        default: return []
        }
    }

    func invitation() -> [PlannedEmail] {
        let member = org?.member(e.email ?? "")
        var values = [
            "inviter": person(member?.invitedBy ?? ""), "role": NotificationPlanner.label(member?.role.rawValue),
            "editURL": scope.lifecycle.editURL(e.path),
        ]
        values["expires"] = member?.expiresAt.flatMap(LifecycleContext.readable)
        return mail(e.kind == .invitationResent ? "invitation-resent" : "invitation", to: e.email, values)
    }

    func registrationReceived() -> [PlannedEmail] {
        let settings = scope.settings
        let recipients = settings.notifications.adminRecipients.isEmpty ? settings.admins : settings.notifications.adminRecipients
        let values = ["requester": e.email ?? "", "portalURL": scope.baseURL.map { "\($0)registrations/index.html" } ?? ""]
        return recipients.sorted().flatMap { mail("registration-received", to: $0, values) }
    }

    func roleChanged() -> [PlannedEmail] {
        // The requester of an approved registration becomes super admin: the approval e-mail
        // says so already.
        if scope.changes.events.contains(where: { $0.kind == .orgApproved && $0.org == e.org && $0.email == e.email }) { return [] }
        return mail("role-changed", to: e.email, ["role": NotificationPlanner.label(e.to), "previousRole": NotificationPlanner.label(e.from)])
    }

    func appMails() -> [PlannedEmail] {
        let record = e.kind == .appCreated ? org : before
        guard let record, let app = record.apps.first(where: { $0.id == e.detail }) else { return [] }
        let values = [
            "app": app.name, "appID": app.id, "team": record.teams.first { $0.id == app.team }?.name ?? app.team,
            "creator": person(app.createdBy), "shares": app.shares.sorted().joined(separator: ", "),
        ]
        return record.users(of: app).flatMap { mail(e.kind == .appCreated ? "app-created" : "app-deleted", to: $0, values) }
    }

    /// A person's name as the org knows it (at the head, else at the base), else their e-mail.
    func person(_ email: String) -> String {
        guard let m = org?.member(email) ?? before?.member(email) else { return email }
        return "\(m.firstName) \(m.lastName)"
    }

    /// The e-mail to the org's super admins, sorted by address.
    func toSuperAdmins(_ template: String, _ values: [String: String] = [:]) -> [PlannedEmail] {
        (org?.superAdmins ?? []).map(\.email).sorted().flatMap { mail(template, to: $0, values) }
    }

    /// One e-mail with the values every template gets, or none to a missing or invalid address.
    func mail(_ template: String, to email: String?, _ values: [String: String] = [:]) -> [PlannedEmail] {
        guard let email, Formats.isValidEmail(email) else { return [] }
        let orgURL = scope.baseURL.map { "\($0)orgs/\(e.org ?? "")/index.html" } ?? ""
        let base = ["provider": scope.settings.providerName, "org": org?.name ?? e.org ?? "", "orgID": e.org ?? "", "portalURL": orgURL]
        let identity = NotificationIdentity.of(template, event: e, org: org, before: before, recipient: email)
        return [
            PlannedEmail(
                template: template, recipient: email, recipientName: person(email), event: e, values: base.merging(values) { $1 },
                identity: identity)
        ]
    }
}
