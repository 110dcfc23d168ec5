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
        org.record.members.withUnsafeBufferPointer { members in
            var seen: Set<String> = []  // only for orgs too large to compare pairwise
            for i in members.indices {
                let repeated =
                    members.count <= MemberLookup.limit
                    ? MemberLookup.firstIndex(of: members[i].email, in: members, before: i) != nil : !seen.insert(members[i].email).inserted
                guard repeated else { continue }
                report.error(org.path, "/members/\(i)/email", "\(Quote.bare(members[i].email)) is listed more than once; list each member once")
            }
        }
    }

    static func teamDuplicate(_ org: OrgFile, _: ValidationContext, _ report: inout RuleReport) {
        org.record.teams.withUnsafeBufferPointer { teams in
            guard teams.count > 1 else { return }  // one team cannot repeat itself
            // A few teams are compared pairwise, their name keys on the stack; many use sets.
            let small = teams.count <= 16
            var ids: Set<String> = [], names: Set<String> = []
            withUnsafeTemporaryAllocation(of: String.self, capacity: small ? teams.count : 0) { keys in
                for t in teams.indices {
                    let id = teams[t].id, key = Formats.nameKey(teams[t].name)
                    let idSeen = small ? teams[..<t].contains { $0.id == id } : !ids.insert(id).inserted
                    let nameSeen = small ? keys[..<t].contains(key) : !names.insert(key).inserted
                    if small { keys.initializeElement(at: t, to: key) }
                    if idSeen {
                        report.error(org.path, "/teams/\(t)/id", "team id \(Quote.value(id)) is used twice in \(Quote.bare(org.record.id))")
                    }
                    if nameSeen {
                        report.error(
                            org.path, "/teams/\(t)/name",
                            "team name \(Quote.value(teams[t].name)) is used twice in \(Quote.bare(org.record.id))")
                    }
                }
                if small { keys.deinitialize() }
            }
        }
    }

    static func teamMemberUnknown(_ org: OrgFile, _: ValidationContext, _ report: inout RuleReport) {
        org.record.members.withUnsafeBufferPointer { members in
            // Small orgs: each entry found among the members by comparison, and a repeat within a
            // team told by the bit of the member it names; large ones: sets of e-mails.
            let small = members.count <= MemberLookup.limit
            let emails = small ? SmallStringSet([]) : SmallStringSet(members.lazy.map(\.email))
            org.record.teams.forEachLent { t, team in
                var seen = SmallStringSet([])
                var seenBits: UInt64 = 0
                team.pointee.members.forEachLent { k, entry in
                    let email = entry.pointee
                    let index = small ? MemberLookup.firstIndex(of: email, in: members) : nil
                    if small ? index == nil : !emails.contains(email) {
                        report.error(
                            org.path, "/teams/\(t)/members/\(k)",
                            "team \(Quote.value(team.pointee.id)) lists \(Quote.bare(email)), who is not a member of \(Quote.bare(org.record.id)); invite them first or remove the entry"
                        )
                        return
                    }
                    let first = index.map { seenBits & (1 << $0) == 0 } ?? seen.insert(email)
                    if let index { seenBits |= 1 << index }
                    if !first {
                        report.error(
                            org.path, "/teams/\(t)/members/\(k)", "team \(Quote.value(team.pointee.id)) lists \(Quote.bare(email)) twice")
                    }
                }
            }
        }
    }

    static func shareConsumerUnknown(_ c: ValidationContext, _ report: inout RuleReport) {
        let known = c.knownOrgIDs()
        for share in c.snapshot.shares {
            for (i, link) in share.record.consumers.enumerated() where !known.contains(link.org) {
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
