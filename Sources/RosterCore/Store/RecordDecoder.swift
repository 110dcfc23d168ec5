/// Builds records from parsed JSON, reporting every structural problem with a JSON pointer.
///
/// A member or team whose fields are unusable is skipped (its problems are reported); an org or
/// share whose own required fields are unusable yields nil, so later rules do not pile up
/// findings that only repeat the first one.
enum RecordDecoder {
    static func marketplace(_ root: JSONNode, log: DecodeLog) -> MarketplaceSettings? {
        guard let r = ObjectReader(root, pointer: "", what: "marketplace.json", log: log) else { return nil }
        r.rejectUnknown(RecordKeys.marketplace)
        _ = r.string("$schema", required: false)
        let provider = r.object("provider", what: "provider", required: true)
        provider?.rejectUnknown(RecordKeys.provider)
        var settings = MarketplaceSettings(providerName: provider?.string("name") ?? "")
        (settings.admins, settings.adminHandles) = admins(r)
        if let reg = r.object("registration", what: "registration settings") {
            reg.rejectUnknown(RecordKeys.registrationSettings)
            settings.registration = RegistrationSettings(
                enabled: reg.bool("enabled") ?? false,
                autoApprove: reg.bool("autoApprove") ?? false)
        }
        if let g = r.object("guards", what: "guards") {
            g.rejectUnknown(RecordKeys.guards)
            settings.guards = Guards(
                maxRemovalFraction: g.number("maxRemovalFraction") ?? 0.25,
                minSuperAdmins: g.integer("minSuperAdmins") ?? 1)
        }
        if let p = r.object("portal", what: "portal settings") {
            p.rejectUnknown(RecordKeys.portal)
            settings.portal = PortalSettings(
                title: p.string("title", required: false),
                baseURL: p.string("baseURL", required: false),
                showEmails: p.bool("showEmails") ?? false,
                editURL: p.string("editURL", required: false))
        }
        if let n = r.object("notifications", what: "notification settings") {
            n.rejectUnknown(RecordKeys.notifications)
            settings.notifications = NotificationSettings(
                sender: n.string("sender", required: false),
                adminRecipients: n.strings("adminRecipients") ?? [])
        }
        if let inv = r.object("invitations", what: "invitation settings") {
            inv.rejectUnknown(RecordKeys.invitations)
            settings.invitations = InvitationSettings(expireAfterDays: inv.integer("expireAfterDays"))
        }
        return provider == nil ? nil : settings
    }

    /// `admins` holds e-mails, or objects `{ "email", "handle" }` for admins with a git-host handle.
    static func admins(_ r: ObjectReader) -> (emails: [String], handles: [String: String]) {
        // handles: e-mail -> handle as written.
        var emails: [String] = [], handles: [String: String] = [:]
        for (i, item) in (r.array("admins") ?? []).enumerated() {
            if case .string(let email) = item.value {
                emails.append(email)
            } else if let admin = ObjectReader(item, pointer: r.at("admins"), index: i, what: "admin", log: r.log) {
                admin.rejectUnknown(RecordKeys.admin)
                guard let email = admin.string("email") else { continue }
                emails.append(email)
                if let handle = admin.string("handle", required: false) { handles[email] = handle }
            }
        }
        return (emails, handles)
    }

    static func org(_ root: JSONNode, log: DecodeLog) -> OrgRecord? {
        guard let r = ObjectReader(root, pointer: "", what: "org", log: log) else { return nil }
        r.rejectUnknown(RecordKeys.org)
        _ = r.string("$schema", required: false)
        let id = r.string("id")
        let name = r.string("name")
        let status = r.choice("status", OrgStatus.self)
        let createdAt = r.string("createdAt")
        var registration: Registration?
        if let reg = r.object("registration", what: "registration") {
            reg.rejectUnknown(RecordKeys.registration)
            if let by = reg.string("requestedBy"), let at = reg.string("requestedAt") {
                registration = Registration(
                    requestedBy: by, requestedAt: at,
                    decision: reg.choice("decision", Registration.Decision.self, required: false),
                    decidedBy: reg.string("decidedBy", required: false),
                    decidedAt: reg.string("decidedAt", required: false),
                    reason: reg.string("reason", required: false))
            }
        }
        var members: [Membership] = []
        if let items = r.array("members", required: true) {
            members.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                if let m = membership(item, index: i, log: log) { members.append(m) }
            }
        }
        var teams: [Team] = []
        if let items = r.array("teams", required: true) {
            for (i, item) in items.enumerated() {
                if let t = team(item, index: i, log: log) { teams.append(t) }
            }
        }
        var apps: [App] = []
        for (i, item) in (r.array("apps") ?? []).enumerated() {
            if let a = app(item, index: i, log: log) { apps.append(a) }
        }
        let changedAt = r.string("statusChangedAt", required: false)
        let changedBy = r.string("statusChangedBy", required: false)
        let until = r.string("until", required: false)
        guard let id, let name, let status, var createdAt else { return nil }
        StringPool.shareRepeats(createdAt: &createdAt, members: &members, teams: &teams, registration: &registration)
        return OrgRecord(
            id: id, name: name, status: status, createdAt: createdAt, until: until,
            statusChangedAt: changedAt, statusChangedBy: changedBy,
            registration: registration, members: members, teams: teams, apps: apps)
    }

    static func membership(_ node: JSONNode, index: Int, log: DecodeLog) -> Membership? {
        guard let r = ObjectReader(node, pointer: "/members", index: index, what: "member", log: log) else { return nil }
        r.rejectUnknown(RecordKeys.membership)
        let email = r.string("email")
        let first = r.string("firstName")
        let last = r.string("lastName")
        let role = r.choice("role", Role.self)
        let state = r.choice("state", MembershipState.self)
        let invitedAt = r.string("invitedAt")
        let invitedBy = r.string("invitedBy")
        let handle = r.string("handle", required: false)
        let expiresAt = r.string("expiresAt", required: false)
        let acceptedAt = r.string("acceptedAt", required: false)
        guard let email, let first, let last, let role, let state, let invitedAt, let invitedBy else { return nil }
        return Membership(
            email: email, firstName: first, lastName: last, role: role, state: state,
            invitedAt: invitedAt, invitedBy: invitedBy, handle: handle, expiresAt: expiresAt, acceptedAt: acceptedAt)
    }

    static func app(_ node: JSONNode, index: Int, log: DecodeLog) -> App? {
        guard let r = ObjectReader(node, pointer: "/apps", index: index, what: "app", log: log) else { return nil }
        r.rejectUnknown(RecordKeys.app)
        let id = r.string("id")
        let name = r.string("name")
        let description = r.string("description", required: false)
        let team = r.string("team")
        let visibility = r.choice("visibility", AppVisibility.self)
        let shares = r.strings("shares", required: true) ?? []
        let createdBy = r.string("createdBy")
        let createdAt = r.string("createdAt")
        guard let id, let name, let team, let visibility, let createdBy, let createdAt else { return nil }
        return App(
            id: id, name: name, description: description, team: team, visibility: visibility,
            shares: shares, createdBy: createdBy, createdAt: createdAt)
    }

    static func team(_ node: JSONNode, index: Int, log: DecodeLog) -> Team? {
        guard let r = ObjectReader(node, pointer: "/teams", index: index, what: "team", log: log) else { return nil }
        r.rejectUnknown(RecordKeys.team)
        let id = r.string("id")
        let name = r.string("name")
        let isDefault = r.bool("default") ?? false
        let members = r.strings("members", required: true) ?? []
        guard let id, let name else { return nil }
        return Team(id: id, name: name, isDefault: isDefault, members: members)
    }

    static func share(_ root: JSONNode, log: DecodeLog) -> ShareRecord? {
        guard let r = ObjectReader(root, pointer: "", what: "share", log: log) else { return nil }
        r.rejectUnknown(RecordKeys.share)
        _ = r.string("$schema", required: false)
        let id = r.string("id")
        let name = r.string("name")
        let description = r.string("description", required: false) ?? ""
        var consumers: [ShareLink] = []
        if let items = r.array("consumers", required: true) {
            for (i, item) in items.enumerated() {
                guard let c = ObjectReader(item, pointer: "/consumers", index: i, what: "consumer", log: log) else { continue }
                c.rejectUnknown(RecordKeys.shareLink)
                let org = c.string("org")
                let since = c.string("since")
                let until = c.string("until", required: false)
                if let org, let since { consumers.append(ShareLink(org: org, since: since, until: until)) }
            }
        }
        guard let id, let name else { return nil }
        return ShareRecord(id: id, name: name, description: description, consumers: consumers)
    }
}
