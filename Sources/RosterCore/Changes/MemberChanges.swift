/// member invite / remove / set-role / edit / activate.
extension ChangeEngine {
    func memberIndex(_ org: Int, _ email: String) throws(ChangeRefusal) -> Int {
        let email = email.lowercased()
        let record = snapshot.orgs[org].record
        guard let m = record.members.firstIndex(where: { $0.email == email }) else {
            throw ChangeRefusal("\(email) is not a member of \(record.id)")
        }
        return m
    }

    /// Refuses when `email` is the org's last super admin (seeds: it cannot be removed or demoted).
    func checkNotLastSuperAdmin(_ org: Int, _ email: String, doing: String) throws(ChangeRefusal) {
        let record = snapshot.orgs[org].record
        let admins = record.members.filter { $0.role == .superAdmin }
        if admins.count == 1, admins[0].email == email {
            throw ChangeRefusal(
                "\(email) is the last super admin of \(record.id) and cannot be \(doing); make another member super admin first (`roster member set-role \(record.id) EMAIL super-admin`)"
            )
        }
    }

    mutating func invite(_ org: String, email: String, first: String, last: String, role: Role, team: String?, handle: String? = nil)
        throws(ChangeRefusal)
    {
        let i = try orgIndex(org)
        let record = snapshot.orgs[i].record
        guard record.status == .enabled || record.status == .disabled else {
            throw ChangeRefusal("\(org) is \(record.status.rawValue): it cannot get members until a provider admin approves it")
        }
        let email = try Naming.email(email)
        if let existing = record.member(email) {
            throw ChangeRefusal("\(email) is already \(existing.state == .invited ? "invited to" : "an active member of") \(org)")
        }
        if let other = orgOfUser(email) {
            throw ChangeRefusal("\(email) is already a member of \(other); a user belongs to one consumer org at most")
        }
        if let team, !record.teams.contains(where: { $0.id == team }) {
            throw ChangeRefusal("\(org) has no team \"\(team)\"\(suggestion(team, record.teams.map(\.id)))")
        }
        let member = Membership(
            email: email, firstName: try Naming.personName(first, "--first"), lastName: try Naming.personName(last, "--last"),
            role: role, state: .invited, invitedAt: context.now, invitedBy: actor, handle: try Naming.handle(handle),
            expiresAt: invitationExpiry())
        try updateOrg(i) { record throws(ChangeRefusal) in
            record.members.append(member)
            for t in record.teams.indices where record.teams[t].isDefault || record.teams[t].id == team {
                if !record.teams[t].members.contains(email) { record.teams[t].members.append(email) }
            }
        }
    }

    mutating func removeMember(_ org: String, email: String) throws(ChangeRefusal) {
        let i = try orgIndex(org)
        let m = try memberIndex(i, email)
        let email = snapshot.orgs[i].record.members[m].email
        try checkNotLastSuperAdmin(i, email, doing: "removed")
        var teams: [String] = []
        try updateOrg(i) { record throws(ChangeRefusal) in
            record.members.remove(at: m)
            for t in record.teams.indices where record.teams[t].members.contains(email) {
                record.teams[t].members.removeAll { $0 == email }
                teams.append(record.teams[t].id)
            }
        }
        if !teams.isEmpty { note("\(email) is also removed from \(Plural.word(teams.count, "team")) \(teams.joined(separator: ", "))") }
    }

    mutating func setRole(_ org: String, email: String, role: Role) throws(ChangeRefusal) {
        let i = try orgIndex(org)
        let m = try memberIndex(i, email)
        let member = snapshot.orgs[i].record.members[m]
        guard member.role != role else { throw ChangeRefusal("\(member.email) is already \(role.rawValue) of \(org)") }
        if role == .teamMember { try checkNotLastSuperAdmin(i, member.email, doing: "demoted") }
        if role == .superAdmin, snapshot.orgs[i].record.status == .pending || snapshot.orgs[i].record.status == .rejected {
            throw ChangeRefusal("\(org) is not approved; approving it makes its requester super admin")
        }
        try updateOrg(i) { $0.members[m].role = role }
    }

    mutating func editMember(_ org: String, email: String, first: String?, last: String?, handle: String? = nil) throws(ChangeRefusal) {
        guard first != nil || last != nil || handle != nil else { throw ChangeRefusal("nothing to edit: pass --first, --last and/or --handle") }
        let i = try orgIndex(org)
        let m = try memberIndex(i, email)
        let firstName = try first.map { value throws(ChangeRefusal) in try Naming.personName(value, "--first") }
        let lastName = try last.map { value throws(ChangeRefusal) in try Naming.personName(value, "--last") }
        let handle = try Naming.handle(handle)
        try updateOrg(i) { record throws(ChangeRefusal) in
            if let handle { record.members[m].handle = handle }
            if let firstName { record.members[m].firstName = firstName }
            if let lastName { record.members[m].lastName = lastName }
        }
    }

    /// When an invitation made now expires: now plus the settings' `invitations.expireAfterDays`.
    func invitationExpiry() -> String? {
        Timestamps.adding(days: snapshot.settings.invitations.effectiveExpireAfterDays, to: context.now)
    }

    /// Accepting: refused once the invitation expired (a provider or super admin resends it).
    mutating func activate(_ org: String, email: String) throws(ChangeRefusal) {
        let i = try orgIndex(org)
        let m = try memberIndex(i, email)
        let member = snapshot.orgs[i].record.members[m]
        guard member.state == .invited else { throw ChangeRefusal("\(member.email) is already active in \(org)") }
        let expiry = Timestamps.invitationExpiry(
            expiresAt: member.expiresAt, invitedAt: member.invitedAt, days: snapshot.settings.invitations.effectiveExpireAfterDays)
        if let expiry, Timestamps.hasPassed(expiry, at: context.now) {
            throw ChangeRefusal(
                "the invitation of \(member.email) to \(org) expired at \(expiry); ask a super admin of \(org) to send a new one (`roster member resend \(org) \(member.email)`)"
            )
        }
        let now = context.now
        try updateOrg(i) { record throws(ChangeRefusal) in
            record.members[m].state = .active
            record.members[m].acceptedAt = now
        }
    }

    /// A new invitation to a member who has not accepted: new time, inviter and expiry (and so
    /// a new e-mail from `roster notify`).
    mutating func resend(_ org: String, email: String) throws(ChangeRefusal) {
        let i = try orgIndex(org)
        let m = try memberIndex(i, email)
        let member = snapshot.orgs[i].record.members[m]
        guard member.state == .invited else {
            throw ChangeRefusal("\(member.email) already accepted the invitation to \(org); there is nothing to resend")
        }
        let now = context.now, actor = actor, expiry = invitationExpiry()
        try updateOrg(i) { record throws(ChangeRefusal) in
            record.members[m].invitedAt = now
            record.members[m].invitedBy = actor
            record.members[m].expiresAt = expiry
        }
        note("a new invitation for \(member.email) expires at \(expiry ?? "?"); `roster notify` sends it once merged")
    }
}
