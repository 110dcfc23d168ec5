/// org create / rename / enable / disable / delete / register / approve / reject.
extension ChangeEngine {
    func checkOrgName(_ name: String, except id: String? = nil) throws(ChangeRefusal) {
        try Naming.checkLength(name, Limits.orgName, what: "org")
        let key = Formats.nameKey(name)
        if let other = snapshot.orgs.first(where: { $0.record.id != id && Formats.nameKey($0.record.name) == key }) {
            throw ChangeRefusal(
                "the name \"\(name)\" is already used by org \(other.record.id) (names are compared ignoring case, spacing and invisible characters)")
        }
    }

    func checkNewOrgID(_ id: String) throws(ChangeRefusal) {
        if snapshot.orgs.contains(where: { $0.record.id == id }) || snapshot.unreadableOrgIDs.contains(id) {
            throw ChangeRefusal("an org with id \"\(id)\" exists already; choose another with --id")
        }
    }

    static func defaultTeam(_ members: [String]) -> Team {
        Team(id: "everyone", name: "Everyone", isDefault: true, members: members)
    }

    mutating func createOrg(name: String, id: String?) throws(ChangeRefusal) {
        let id = try Naming.id(id, from: name, what: "org")
        try checkNewOrgID(id)
        try checkOrgName(name)
        insertOrg(
            OrgRecord(
                id: id, name: name.trimmingCharacters(in: .whitespaces), status: .enabled,
                createdAt: context.now, teams: [Self.defaultTeam([])]))
    }

    mutating func renameOrg(_ org: String, to name: String) throws(ChangeRefusal) {
        let i = try orgIndex(org)
        guard snapshot.orgs[i].record.name != name else { throw ChangeRefusal("\(org) is already named \"\(name)\"") }
        try checkOrgName(name, except: org)
        try updateOrg(i) { $0.name = name.trimmingCharacters(in: .whitespaces) }
    }

    mutating func setEnabled(_ org: String, _ enable: Bool) throws(ChangeRefusal) {
        let i = try orgIndex(org)
        let status = snapshot.orgs[i].record.status
        switch (status, enable) {
        case (.enabled, true): throw ChangeRefusal("\(org) is already enabled")
        case (.disabled, false): throw ChangeRefusal("\(org) is already disabled")
        case (.pending, _): throw ChangeRefusal("\(org) is a pending registration; approve or reject it instead")
        case (.rejected, _): throw ChangeRefusal("\(org) was rejected; a rejected registration cannot be \(enable ? "enabled" : "disabled")")
        default: break
        }
        let now = context.now, actor = actor
        try updateOrg(i) { org throws(ChangeRefusal) in
            org.status = enable ? .enabled : .disabled
            org.statusChangedAt = now
            org.statusChangedBy = actor
        }
        if !enable {
            let users = snapshot.orgs[i].record.userCount
            note("\(org) is disabled: its \(Plural.count(users, "user")) can no longer connect; members, teams and share links are kept")
        }
    }

    mutating func deleteOrg(_ org: String, confirm: String) throws(ChangeRefusal) {
        let i = try orgIndex(org)
        let record = snapshot.orgs[i].record
        guard confirm == record.name else {
            throw ChangeRefusal("deleting \(org) needs --confirm with its exact name: --confirm \"\(record.name)\"")
        }
        var unlinked: [String] = []
        for s in snapshot.shares.indices where snapshot.shares[s].record.consumers.contains(where: { $0.org == org }) {
            unlinked.append(snapshot.shares[s].record.id)
            try updateShare(s) { $0.consumers.removeAll { $0.org == org } }
        }
        let path = snapshot.orgs[i].path
        snapshot.orgs.remove(at: i)
        touched.remove(path)
        removed.insert(path)
        // The confirmation is recorded, so `roster check` can tell a deliberate deletion.
        extraFiles[Tombstone.path(for: org)] = Tombstone.bytes(org: record, confirm: confirm, at: context.now, by: context.actor)
        let active = record.userCount
        let apps =
            record.apps.isEmpty ? "" : " and \(Plural.count(record.apps.count, "app")) (remove their credentials from the gateway)"
        note(
            "deleting \(org) removes \(Plural.count(record.members.count, "member")) and \(Plural.count(record.teams.count, "team"))\(apps)"
        )
        if unlinked.isEmpty {
            note("\(org) consumed no share")
        } else {
            note(
                "\(org) is unlinked from \(Plural.count(unlinked.count, "share")): \(unlinked.joined(separator: ", ")); its \(Plural.count(active, "active user")) stop counting as active consumers (billing)"
            )
        }
    }

    /// The org (if any) a user already belongs to.
    func orgOfUser(_ email: String) -> String? {
        snapshot.orgs.first { $0.record.members.contains { $0.email == email } }?.record.id
    }

    mutating func register(name: String, id: String?, email: String, first: String, last: String, handle: String?) throws(ChangeRefusal) {
        let settings = snapshot.settings.registration
        guard settings.enabled else {
            throw ChangeRefusal("registration is disabled in \(Snapshot.marketplacePath) (registration.enabled is false)")
        }
        let id = try Naming.id(id, from: name, what: "org")
        try checkNewOrgID(id)
        try checkOrgName(name)
        let email = try Naming.email(email)
        if let other = orgOfUser(email) {
            throw ChangeRefusal("\(email) is already a member of \(other); a user belongs to one consumer org at most")
        }
        insertOrg(
            OrgRecord.registered(
                id: id, name: name, email: email, first: try Naming.personName(first, "--first"),
                last: try Naming.personName(last, "--last"), handle: try Naming.handle(handle),
                at: context.now, autoApprove: settings.autoApprove))
        note(
            settings.autoApprove
                ? "auto-approve is on: \(id) is enabled and \(email) is its super admin"
                : "\(id) waits for a provider admin: `roster org approve \(id)` or `roster org reject \(id) --reason ...`")
    }

    mutating func approve(_ org: String, name: String?) throws(ChangeRefusal) {
        let i = try orgIndex(org)
        guard snapshot.orgs[i].record.status == .pending else {
            throw ChangeRefusal("\(org) is \(snapshot.orgs[i].record.status.rawValue), not a pending registration")
        }
        if let name { try checkOrgName(name, except: org) }
        let now = context.now, actor = actor
        try updateOrg(i) { record throws(ChangeRefusal) in
            guard var registration = record.registration else { throw ChangeRefusal("\(org) has no registration request") }
            registration.decision = .approved
            registration.decidedBy = actor
            registration.decidedAt = now
            record.registration = registration
            record.status = .enabled
            if let name { record.name = name.trimmingCharacters(in: .whitespaces) }
            for k in record.members.indices where record.members[k].email == registration.requestedBy {
                record.members[k].role = .superAdmin
            }
        }
    }

    mutating func reject(_ org: String, reason: String) throws(ChangeRefusal) {
        let i = try orgIndex(org)
        guard snapshot.orgs[i].record.status == .pending else {
            throw ChangeRefusal("\(org) is \(snapshot.orgs[i].record.status.rawValue), not a pending registration")
        }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw ChangeRefusal("a rejection needs a reason: --reason TEXT (the requester reads it)") }
        let now = context.now, actor = actor
        try updateOrg(i) { record throws(ChangeRefusal) in
            guard record.registration != nil else { throw ChangeRefusal("\(org) has no registration request") }
            record.registration?.decision = .rejected
            record.registration?.decidedBy = actor
            record.registration?.decidedAt = now
            record.registration?.reason = reason
            record.status = .rejected
        }
    }
}

extension OrgRecord {
    /// The org `roster org register` writes for a requester: pending, or enabled with the
    /// requester as super admin when auto-approve is on. `roster check` compares a newcomer's
    /// pull request with exactly this.
    public static func registered(
        id: String, name: String, email: String, first: String, last: String,
        handle: String? = nil, at now: String, autoApprove: Bool
    ) -> OrgRecord {
        let requester = Membership(
            email: email, firstName: first, lastName: last, role: autoApprove ? .superAdmin : .teamMember,
            state: .active, invitedAt: now, invitedBy: email, handle: handle)
        var registration = Registration(requestedBy: email, requestedAt: now)
        if autoApprove {
            registration.decision = .approved
            registration.decidedBy = Registration.autoApprover
            registration.decidedAt = now
        }
        return OrgRecord(
            id: id, name: name.trimmingCharacters(in: .whitespaces), status: autoApprove ? .enabled : .pending,
            createdAt: now, registration: registration, members: [requester], teams: [ChangeEngine.defaultTeam([email])])
    }
}

extension Registration {
    /// `decidedBy` of a registration approved by the marketplace's auto-approve setting.
    public static let autoApprover = "auto-approve"
}
