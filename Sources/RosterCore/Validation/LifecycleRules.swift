/// Time limits of the consumer lifecycle: invitations that expire, orgs that end (Amplify).
enum LifecycleRules {
    static let all: [Rule] = [
        Rule("invitation-expired", "an invitation is accepted before its expiresAt; after it, resend or remove it", eachOrg: invitationExpired),
        Rule("org-expiring", "an org's end date (until) is within 30 days (warning)", eachOrg: orgExpiring),
        Rule("org-expired", "an org whose end date (until) has come is inactive (warning)", eachOrg: orgExpired),
    ]

    static var expiryNoticeDays: Int { OrgRecord.expiryNoticeDays }

    static func invitationExpired(_ org: OrgFile, _ c: ValidationContext, _ report: inout RuleReport) {
        org.record.members.forEachLent { i, m in
            guard m.pointee.state == .invited, let text = m.pointee.expiresAt, let day = Formats.timestamp(text), day < c.options.today
            else { return }
            let id = Quote.bare(org.record.id), email = Quote.bare(m.pointee.email)
            report.error(
                org.path, "/members/\(i)/expiresAt",
                "the invitation of \(email) expired on \(day); send a new one (`roster member resend \(id) \(email)`) or remove it (`roster member remove \(id) \(email)`)"
            )
        }
    }

    static func orgExpiring(_ org: OrgFile, _ c: ValidationContext, _ report: inout RuleReport) {
        guard let text = org.record.until, let until = Formats.date(text), c.options.today < until,
            until.dayNumber - c.options.today.dayNumber <= expiryNoticeDays
        else { return }
        let days = until.dayNumber - c.options.today.dayNumber
        report.warning(
            org.path, "/until",
            "\(Quote.bare(org.record.id)) expires on \(text), in \(Plural.count(days, "day")); its users can no longer connect from then on (extend it with `roster org set-until \(Quote.bare(org.record.id)) DATE`)"
        )
    }

    static func orgExpired(_ org: OrgFile, _ c: ValidationContext, _ report: inout RuleReport) {
        guard let text = org.record.until, org.record.isExpired(on: c.options.today) else { return }
        report.warning(
            org.path, "/until",
            "\(Quote.bare(org.record.id)) expired on \(text): it counts as inactive and its users cannot connect (extend it with `roster org set-until \(Quote.bare(org.record.id)) DATE`, or delete it)"
        )
    }
}
