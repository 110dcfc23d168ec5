/// References between records, and duplicates inside one record.
enum ReferenceRules {
    static let all: [Rule] = [
        Rule("member-duplicate", "an e-mail appears once among an org's members", eachOrg: memberDuplicate),
        Rule("team-duplicate", "team ids and names are unique within an org", eachOrg: teamDuplicate),
        Rule("team-member-unknown", "team members are members of the same org, listed once", eachOrg: teamMemberUnknown),
        Rule("share-consumer-unknown", "share consumers are existing orgs", shareConsumerUnknown),
        Rule("share-consumer-duplicate", "an org is listed once among a share's consumers", shareConsumerDuplicate),
    ]

    static func memberDuplicate(_ org: OrgFile, _: ValidationContext, _ report: inout RuleReport) {
        do {
            var seen = SmallStringSet([])
            org.record.members.forEachLent { i, m in
                guard !seen.insert(m.email) else { return }
                report.error(org.path, "/members/\(i)/email", "\(Quote.bare(m.email)) is listed more than once; list each member once")
            }
        }
    }

    static func teamDuplicate(_ org: OrgFile, _: ValidationContext, _ report: inout RuleReport) {
        do {
            var ids: Set<String> = []
            var names: Set<String> = []
            for (t, team) in org.record.teams.enumerated() {
                if !ids.insert(team.id).inserted {
                    report.error(
                        org.path, "/teams/\(t)/id",
                        "team id \(Quote.value(team.id)) is used twice in \(Quote.bare(org.record.id))")
                }
                if !names.insert(Formats.nameKey(team.name)).inserted {
                    report.error(
                        org.path, "/teams/\(t)/name",
                        "team name \(Quote.value(team.name)) is used twice in \(Quote.bare(org.record.id))")
                }
            }
        }
    }

    static func teamMemberUnknown(_ org: OrgFile, _: ValidationContext, _ report: inout RuleReport) {
        do {
            let emails = SmallStringSet(org.record.members.lazy.map(\.email))
            for (t, team) in org.record.teams.enumerated() {
                var seen = SmallStringSet([])
                for (k, email) in team.members.enumerated() {
                    if !emails.contains(email) {
                        report.error(
                            org.path, "/teams/\(t)/members/\(k)",
                            "team \(Quote.value(team.id)) lists \(Quote.bare(email)), who is not a member of \(Quote.bare(org.record.id)); invite them first or remove the entry"
                        )
                    } else if !seen.insert(email) {
                        report.error(org.path, "/teams/\(t)/members/\(k)", "team \(Quote.value(team.id)) lists \(Quote.bare(email)) twice")
                    }
                }
            }
        }
    }

    static func shareConsumerUnknown(_ c: ValidationContext, _ report: inout RuleReport) {
        for share in c.snapshot.shares {
            for (i, link) in share.record.consumers.enumerated() where !c.knownOrgIDs.contains(link.org) {
                report.error(
                    share.path, "/consumers/\(i)/org",
                    "consumer \(Quote.value(link.org)) is not an org (no \(Quote.bare(Snapshot.orgPath(link.org))))")
            }
        }
    }

    static func shareConsumerDuplicate(_ c: ValidationContext, _ report: inout RuleReport) {
        for share in c.snapshot.shares {
            var seen: Set<String> = []
            for (i, link) in share.record.consumers.enumerated() where !seen.insert(link.org).inserted {
                report.error(
                    share.path, "/consumers/\(i)/org",
                    "\(Quote.bare(link.org)) is listed twice as a consumer of \(Quote.bare(share.record.id))")
            }
        }
    }
}
