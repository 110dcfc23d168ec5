/// Rules that hold across a whole org or the whole marketplace.
enum InvariantRules {
    static let all: [Rule] = [
        Rule(userSingleOrgID, "a user (e-mail) belongs to at most one consumer org", userSingleOrg),
        Rule("min-super-admins", "every enabled org with members has at least guards.minSuperAdmins super admins", eachOrg: minSuperAdmins),
        Rule("team-default", "every org has exactly one default team", eachOrg: teamDefault),
        Rule("pending-org-members", "a pending or rejected org has only its requester as member", eachOrg: pendingOrgMembers),
        Rule("pending-org-shares", "a pending or rejected org consumes no share", pendingOrgShares),
        Rule("registration-state", "the registration record agrees with the org's status", eachOrg: registrationState),
        Rule("registration-disabled", "a pending registration exists only while registration is enabled", eachOrg: registrationDisabled),
    ]

    /// Named, since the validator gives this rule, the heaviest, a core of its own.
    static let userSingleOrgID = "user-single-org"

    static func userSingleOrg(_ c: ValidationContext, _ report: inout RuleReport) {
        userSingleOrg(c, &report) { email in
            var hash = FNV1a()
            hash.add(email)
            return hash.value
        }
    }

    /// `hash` is a parameter so a test can make every address collide.
    static func userSingleOrg(_ c: ValidationContext, _ report: inout RuleReport, hash: (String) -> UInt64) {
        // Indexes instead of copies, and the table keyed by a 64-bit hash of each address's
        // bytes (an equal hash is confirmed by comparing the addresses): this walks every
        // member of the marketplace, and a String-keyed table spent most of its time hashing
        // and reference counting.
        let orgs = c.snapshot.orgs
        var owner: [UInt64: (org: Int, member: Int)] = [:]
        owner.reserveCapacity(orgs.reduce(0) { $0 + $1.record.members.count })
        var collided: [String: Int] = [:]
        func found(_ k: Int, _ i: Int, _ email: String, _ first: Int) {
            report.error(
                orgs[k].path, "/members/\(i)/email",
                "\(Quote.bare(email)) is already a member of \(Quote.bare(orgs[first].record.id)); a user belongs to one consumer org at most")
        }
        for k in orgs.indices {
            orgs[k].record.members.withUnsafeBufferPointer { members in
                for i in members.indices {
                    let key = hash(members[i].email)
                    if let seen = owner[key] {
                        if orgs[seen.org].record.members[seen.member].email == members[i].email {
                            if seen.org != k { found(k, i, members[i].email, seen.org) }
                        } else if let first = collided[members[i].email] {
                            if first != k { found(k, i, members[i].email, first) }
                        } else {
                            collided[members[i].email] = k
                        }
                    } else {
                        owner[key] = (k, i)
                    }
                }
            }
        }
    }

    static func minSuperAdmins(_ org: OrgFile, _ c: ValidationContext, _ report: inout RuleReport) {
        let minimum = c.settings.guards.minSuperAdmins
        let r = org.record
        guard r.status == .enabled, !r.members.isEmpty else { return }
        let count = r.members.reduce(0) { $0 + ($1.role == .superAdmin ? 1 : 0) }
        guard count < minimum else { return }
        report.error(
            org.path, "/members",
            "\(Quote.bare(r.id)) has \(count) super admin\(count == 1 ? "" : "s"); an enabled org with members needs at least \(minimum): give a member the role \"super-admin\""
        )
    }

    static func teamDefault(_ org: OrgFile, _: ValidationContext, _ report: inout RuleReport) {
        do {
            let defaults = org.record.teams.indices.filter { org.record.teams[$0].isDefault }
            if defaults.isEmpty {
                report.error(org.path, "/teams", "\(Quote.bare(org.record.id)) has no default team; mark one team with \"default\": true")
            }
            for t in defaults.dropFirst() {
                report.error(org.path, "/teams/\(t)/default", "\(Quote.bare(org.record.id)) has more than one default team")
            }
        }
    }

    static func isAwaitingOrRejected(_ r: OrgRecord) -> Bool {
        r.status == .pending || r.status == .rejected
    }

    static func pendingOrgMembers(_ org: OrgFile, _: ValidationContext, _ report: inout RuleReport) {
        if isAwaitingOrRejected(org.record) {
            let requester = org.record.registration?.requestedBy
            for (i, m) in org.record.members.enumerated() where m.email != requester {
                report.error(
                    org.path, "/members/\(i)",
                    "\(Quote.bare(org.record.id)) is \(org.record.status.rawValue): only its requester can be a member until it is approved; remove \(Quote.bare(m.email))"
                )
            }
        }
    }

    static func pendingOrgShares(_ c: ValidationContext, _ report: inout RuleReport) {
        let blocked = Set(c.snapshot.orgs.filter { isAwaitingOrRejected($0.record) }.map(\.record.id))
        guard !blocked.isEmpty else { return }
        for share in c.snapshot.shares {
            for (i, link) in share.record.consumers.enumerated() where blocked.contains(link.org) {
                report.error(
                    share.path, "/consumers/\(i)/org",
                    "\(Quote.bare(link.org)) is not approved (pending or rejected) and cannot consume \(Quote.bare(share.record.id))")
            }
        }
    }

    static func registrationState(_ org: OrgFile, _: ValidationContext, _ report: inout RuleReport) {
        do {
            let r = org.record
            func refuse(_ pointer: String, _ message: String) {
                report.error(org.path, pointer, message)
            }
            guard let reg = r.registration else {
                if isAwaitingOrRejected(r) { refuse("/status", "\(Quote.bare(r.id)) is \(r.status.rawValue) but has no \"registration\" record") }
                return
            }
            switch (r.status, reg.decision) {
            case (.pending, .some): refuse("/registration/decision", "\(Quote.bare(r.id)) is pending, so its registration has no decision yet")
            case (.rejected, let d) where d != .rejected:
                refuse("/registration", "\(Quote.bare(r.id)) is rejected, so its registration needs \"decision\": \"rejected\"")
            case (.enabled, let d), (.disabled, let d):
                if d != .approved {
                    refuse("/registration", "\(Quote.bare(r.id)) is \(r.status.rawValue), so its registration needs \"decision\": \"approved\"")
                }
            default: break
            }
            if reg.decision != nil, reg.decidedBy == nil || reg.decidedAt == nil {
                refuse("/registration", "a decided registration records decidedBy and decidedAt")
            }
            if reg.decision == .rejected, (reg.reason ?? "").isEmpty {
                refuse("/registration", "a rejected registration records the reason")
            }
        }
    }

    static func registrationDisabled(_ org: OrgFile, _ c: ValidationContext, _ report: inout RuleReport) {
        guard !c.settings.registration.enabled, org.record.status == .pending else { return }
        report.error(
            org.path, "/status",
            "\(Quote.bare(org.record.id)) is a pending registration, but registration is disabled in \(Snapshot.marketplacePath); enable it or decide the request"
        )
    }
}
