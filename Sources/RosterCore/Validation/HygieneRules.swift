/// Warnings: nothing is broken, but something probably wants attention.
enum HygieneRules {
    static let all: [Rule] = [
        Rule("share-access-expired", "share access whose until date has passed (warning)", shareAccessExpired),
        Rule("invitation-stale", "invitations pending longer than 14 days (warning)", eachOrg: invitationStale),
        Rule("member-no-team", "members who are in no team (warning)", eachOrg: memberNoTeam),
        Rule("disabled-org-shared", "disabled orgs still linked to shares (warning)", disabledOrgShared),
    ]

    static let staleInvitationDays = 14

    static func shareAccessExpired(_ c: ValidationContext) -> [Finding] {
        var out: [Finding] = []
        for share in c.snapshot.shares {
            for (i, link) in share.record.consumers.enumerated() {
                guard let text = link.until, let until = Formats.date(text), until < c.options.today else { continue }
                out.append(
                    .warning(
                        "share-access-expired", share.path, "/consumers/\(i)/until",
                        "access of \(Quote.bare(link.org)) to \(Quote.bare(share.record.id)) ended on \(text); remove the link with `roster share remove-org \(Quote.bare(share.record.id)) \(Quote.bare(link.org))`"
                    ))
            }
        }
        return out
    }

    static func invitationStale(_ org: OrgFile, _ c: ValidationContext) -> [Finding] {
        var out: [Finding] = []
        let limit = c.options.today.dayNumber - staleInvitationDays
        do {
            org.record.members.forEachIndexed { i, m in
                guard m.pointee.state == .invited else { return }
                guard let day = Formats.timestamp(m.pointee.invitedAt), day.dayNumber < limit else { return }
                out.append(
                    .warning(
                        "invitation-stale", org.path, "/members/\(i)/state",
                        "\(Quote.bare(m.pointee.email)) was invited on \(day) and has not accepted for more than \(staleInvitationDays) days"))
            }
        }
        return out
    }

    static func memberNoTeam(_ org: OrgFile, _: ValidationContext) -> [Finding] {
        var out: [Finding] = []
        if !InvariantRules.isAwaitingOrRejected(org.record) {
            let inTeam = SmallStringSet(org.record.teams.lazy.flatMap(\.members))
            org.record.members.forEachIndexed { i, m in
                guard !inTeam.contains(m.pointee.email) else { return }
                out.append(
                    .warning(
                        "member-no-team", org.path, "/members/\(i)",
                        "\(Quote.bare(m.pointee.email)) is in no team of \(Quote.bare(org.record.id)), so they see no shared credentials"))
            }
        }
        return out
    }

    static func disabledOrgShared(_ c: ValidationContext) -> [Finding] {
        let disabled = Set(c.snapshot.orgs.filter { $0.record.status == .disabled }.map(\.record.id))
        guard !disabled.isEmpty else { return [] }
        var out: [Finding] = []
        for share in c.snapshot.shares {
            for (i, link) in share.record.consumers.enumerated() where disabled.contains(link.org) {
                out.append(
                    .warning(
                        "disabled-org-shared", share.path, "/consumers/\(i)/org",
                        "\(Quote.bare(link.org)) is disabled but still linked to \(Quote.bare(share.record.id))"))
            }
        }
        return out
    }
}
