/// Warnings: nothing is broken, but something probably wants attention.
enum HygieneRules {
    static let all: [Rule] = [
        Rule("share-access-expired", "share access whose until date has passed (warning)", shareAccessExpired),
        Rule("invitation-stale", "invitations pending longer than 14 days (warning)", eachOrg: invitationStale),
        Rule("member-no-team", "members who are in no team (warning)", eachOrg: memberNoTeam),
        Rule("disabled-org-shared", "disabled orgs still linked to shares (warning)", disabledOrgShared),
    ]

    static let staleInvitationDays = 14

    static func shareAccessExpired(_ c: ValidationContext, _ report: inout RuleReport) {
        for share in c.snapshot.shares {
            for (i, link) in share.record.consumers.enumerated() {
                guard let text = link.until, let until = Formats.date(text), until < c.options.today else { continue }
                report.warning(
                    share.path, "/consumers/\(i)/until",
                    "access of \(Quote.bare(link.org)) to \(Quote.bare(share.record.id)) ended on \(text); remove the link with `roster share remove-org \(Quote.bare(share.record.id)) \(Quote.bare(link.org))`"
                )
            }
        }
    }

    static func invitationStale(_ org: OrgFile, _ c: ValidationContext, _ report: inout RuleReport) {
        let limit = c.options.today.dayNumber - staleInvitationDays
        do {
            org.record.members.forEachLent { i, m in
                guard m.pointee.state == .invited, let day = Formats.timestamp(m.pointee.invitedAt), day.dayNumber < limit else { return }
                report.warning(
                    org.path, "/members/\(i)/state",
                    "\(Quote.bare(m.pointee.email)) was invited on \(day) and has not accepted for more than \(staleInvitationDays) days")
            }
        }
    }

    static func memberNoTeam(_ org: OrgFile, _: ValidationContext, _ report: inout RuleReport) {
        guard !InvariantRules.isAwaitingOrRejected(org.record), !report.errorsOnly else { return }
        org.record.members.withUnsafeBufferPointer { members in
            let small = members.count <= MemberLookup.limit
            let bits = small ? MemberLookup.listedBits(org.record, members) : 0
            let inTeam = small ? SmallStringSet([]) : SmallStringSet(org.record.teams.lazy.flatMap(\.members))
            for i in members.indices {
                guard !(small ? MemberLookup.isListed(i, bits, members) : inTeam.contains(members[i].email)) else { continue }
                report.warning(
                    org.path, "/members/\(i)",
                    "\(Quote.bare(members[i].email)) is in no team of \(Quote.bare(org.record.id)), so they see no shared credentials")
            }
        }
    }

    static func disabledOrgShared(_ c: ValidationContext, _ report: inout RuleReport) {
        let disabled = Set(c.snapshot.orgs.filter { $0.record.status == .disabled }.map(\.record.id))
        guard !disabled.isEmpty else { return }
        for share in c.snapshot.shares {
            for (i, link) in share.record.consumers.enumerated() where disabled.contains(link.org) {
                report.warning(
                    share.path, "/consumers/\(i)/org",
                    "\(Quote.bare(link.org)) is disabled but still linked to \(Quote.bare(share.record.id))")
            }
        }
    }
}
