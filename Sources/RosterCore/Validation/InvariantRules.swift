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
            // Eight bytes at a time from the string's own storage (parsed strings are native).
            email.utf8.withContiguousStorageIfAvailable { FNV1a.fingerprint(UnsafeRawBufferPointer($0)) }
                ?? FNV1a.fingerprint(Array(email.utf8))
        }
    }

    /// `hash` is a parameter so a test can make every address collide.
    static func userSingleOrg(_ c: ValidationContext, _ report: inout RuleReport, hash: (String) -> UInt64) {
        // Ordinals instead of copies, and fingerprints of each address's bytes (an equal one is
        // confirmed by comparing the addresses): this walks every member of the marketplace,
        // and a String-keyed table spent most of its time hashing and reference counting.
        let orgs = c.snapshot.orgs
        // starts[k]: the ordinal of the first member of org k.
        var starts: [Int] = []
        starts.reserveCapacity(orgs.count + 1)
        var total = 0
        for org in orgs {
            starts.append(total)
            total += org.record.members.count
        }
        starts.append(total)
        func orgOf(_ ordinal: Int) -> Int {
            var (low, high) = (0, orgs.count - 1)  // the last org whose start is at most `ordinal`
            while low < high {
                let mid = (low + high + 1) / 2
                if starts[mid] <= ordinal { low = mid } else { high = mid - 1 }
            }
            return low
        }
        func email(_ ordinal: Int) -> String {
            let o = orgOf(ordinal)
            return orgs[o].record.members[ordinal - starts[o]].email
        }
        var prints: [UInt64] = []
        prints.reserveCapacity(total)
        for k in orgs.indices {
            orgs[k].record.members.withUnsafeBufferPointer { members in
                for i in members.indices { prints.append(hash(members[i].email)) }
            }
        }
        for (member, first) in EmailOwners.repeats(prints, sameEmail: { email($0) == email($1) }) {
            let (k, o) = (orgOf(member), orgOf(first))
            guard o != k else { continue }
            let i = member - starts[k]
            report.error(
                orgs[k].path, "/members/\(i)/email",
                "\(Quote.bare(orgs[k].record.members[i].email)) is already a member of \(Quote.bare(orgs[o].record.id)); a user belongs to one consumer org at most"
            )
        }
    }

    static func minSuperAdmins(_ org: OrgFile, _ c: ValidationContext, _ report: inout RuleReport) {
        let minimum = c.settings.guards.minSuperAdmins
        guard org.record.status == .enabled, !org.record.members.isEmpty else { return }
        var count = 0
        org.record.members.forEachLent { _, m in count += m.pointee.role == .superAdmin ? 1 : 0 }
        guard count < minimum else { return }
        report.error(
            org.path, "/members",
            "\(Quote.bare(org.record.id)) has \(Plural.count(count, "super admin")); an enabled org with members needs at least \(minimum): give a member the role \"super-admin\""
        )
    }

    static func teamDefault(_ org: OrgFile, _: ValidationContext, _ report: inout RuleReport) {
        do {
            var defaults = 0  // counted, not listed: a list of one was an allocation per org
            org.record.teams.forEachLent { t, team in
                guard team.pointee.isDefault else { return }
                defaults += 1
                if defaults > 1 {
                    report.error(org.path, "/teams/\(t)/default", "\(Quote.bare(org.record.id)) has more than one default team")
                }
            }
            if defaults == 0 {
                report.error(org.path, "/teams", "\(Quote.bare(org.record.id)) has no default team; mark one team with \"default\": true")
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
        // The status read alone: handing the record to a function copied it (a dozen retains per org).
        var blocked: Set<String> = []
        for org in c.snapshot.orgs where org.record.status == .pending || org.record.status == .rejected { blocked.insert(org.record.id) }
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
