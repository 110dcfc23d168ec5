/// Ids, names, e-mails, dates: each value on its own.
enum IdentityRules {
    static let all: [Rule] = [
        Rule("id-format", "org, share, team and app ids match \(Limits.idPattern)", idFormat),
        Rule("org-name", "org names have 3 to 64 characters after trimming", eachOrg: orgName),
        Rule("org-name-unique", "no two orgs share a name, ignoring case and Unicode normalization", orgNameUnique),
        Rule("share-name", "share names have 3 to 64 characters after trimming", shareName),
        Rule("share-name-unique", "no two shares share a name, ignoring case", shareNameUnique),
        Rule("team-name", "team names have 2 to 100 characters after trimming", eachOrg: teamName),
        Rule("email-format", "member e-mails are valid addresses, in lower case", eachOrg: emailFormat),
        Rule("member-name", "members have a first and a last name", eachOrg: memberName),
        Rule(
            "timestamp-format", "createdAt, invitedAt, expiresAt, acceptedAt and the registration times are RFC 3339 timestamps",
            eachOrg: timestampFormat),
        Rule("date-format", "share access since/until and an org's until are YYYY-MM-DD dates, until not before since", dateFormat),
    ]

    static func idFormat(_ c: ValidationContext) -> [Finding] {
        var out: [Finding] = []
        // The pointer is made only for a finding: 40,000 team ids are checked per validation.
        func check(_ id: String, _ path: String, _ pointer: @autoclosure () -> String, _ what: String) {
            if !Formats.isValidID(id) {
                out.append(
                    .error(
                        "id-format", path, pointer(),
                        "\(what) id \(Quote.value(id)) must match \(Limits.idPattern): lower-case letters, digits and '-', at most 63 characters"))
            }
        }
        for org in c.snapshot.orgs {
            check(org.record.id, org.path, "/id", "org")
            for (t, team) in org.record.teams.enumerated() { check(team.id, org.path, "/teams/\(t)/id", "team") }
            for (a, app) in org.record.apps.enumerated() { check(app.id, org.path, "/apps/\(a)/id", "app") }
        }
        for share in c.snapshot.shares { check(share.record.id, share.path, "/id", "share") }
        return out
    }

    static func nameLength(_ rule: String, _ name: String, _ range: ClosedRange<Int>, _ path: String, _ pointer: String, _ what: String) -> Finding? {
        let n = Formats.trimmedLength(name)
        guard !range.contains(n) else { return nil }
        return .error(
            rule, path, pointer,
            "\(what) name \(Quote.value(name)) has \(n) character\(n == 1 ? "" : "s"); it needs \(range.lowerBound) to \(range.upperBound)")
    }

    static func orgName(_ org: OrgFile, _: ValidationContext) -> [Finding] {
        nameLength("org-name", org.record.name, Limits.orgName, org.path, "/name", "org").map { [$0] } ?? []
    }

    static func shareName(_ c: ValidationContext) -> [Finding] {
        c.snapshot.shares.compactMap { nameLength("share-name", $0.record.name, Limits.shareName, $0.path, "/name", "share") }
    }

    static func teamName(_ org: OrgFile, _: ValidationContext) -> [Finding] {
        org.record.teams.enumerated().compactMap { t, team in
            nameLength("team-name", team.name, Limits.teamName, org.path, "/teams/\(t)/name", "team")
        }
    }

    /// Reports every record after the first (in path order) whose name key repeats.
    static func uniqueNames(_ rule: String, _ items: [(path: String, name: String)], _ what: String) -> [Finding] {
        var firstByKey: [String: String] = [:]
        var out: [Finding] = []
        for item in items {
            let key = Formats.nameKey(item.name)
            if let first = firstByKey[key] {
                out.append(
                    .error(
                        rule, item.path, "/name",
                        "\(what) name \(Quote.value(item.name)) is already used by \(Quote.bare(first)) (names are compared ignoring case)"))
            } else {
                firstByKey[key] = item.path
            }
        }
        return out
    }

    static func orgNameUnique(_ c: ValidationContext) -> [Finding] {
        uniqueNames("org-name-unique", c.snapshot.orgs.map { ($0.path, $0.record.name) }, "org")
    }

    static func shareNameUnique(_ c: ValidationContext) -> [Finding] {
        uniqueNames("share-name-unique", c.snapshot.shares.map { ($0.path, $0.record.name) }, "share")
    }

    static func emailFormat(_ org: OrgFile, _: ValidationContext) -> [Finding] {
        var out: [Finding] = []
        do {
            org.record.members.forEachIndexed { i, m in
                if !Formats.isValidEmail(m.pointee.email) {
                    out.append(
                        .error("email-format", org.path, "/members/\(i)/email", "\(Quote.value(m.pointee.email)) is not a valid e-mail address"))
                } else if !Formats.hasNoUppercase(m.pointee.email) {
                    out.append(
                        .error(
                            "email-format", org.path, "/members/\(i)/email",
                            "e-mails are stored in lower case: write \(Quote.value(m.pointee.email.lowercased()))"))
                }
                if !Formats.isValidEmail(m.pointee.invitedBy) {
                    out.append(
                        .error(
                            "email-format", org.path, "/members/\(i)/invitedBy",
                            "invitedBy \(Quote.value(m.pointee.invitedBy)) is not a valid e-mail address"
                        ))
                }
            }
            if let r = org.record.registration, !Formats.isValidEmail(r.requestedBy) {
                out.append(
                    .error(
                        "email-format", org.path, "/registration/requestedBy",
                        "requestedBy \(Quote.value(r.requestedBy)) is not a valid e-mail address"))
            }
        }
        return out
    }

    static func memberName(_ org: OrgFile, _: ValidationContext) -> [Finding] {
        var out: [Finding] = []
        func check(_ value: String, _ field: String, _ i: Int, _ email: String) {
            let n = Formats.trimmedLength(value)
            if n == 0 || n > 100 {
                out.append(
                    .error("member-name", org.path, "/members/\(i)/\(field)", "\(field) of \(Quote.bare(email)) must have 1 to 100 characters"))
            }
        }
        org.record.members.forEachIndexed { i, m in
            check(m.pointee.firstName, "firstName", i, m.pointee.email)
            check(m.pointee.lastName, "lastName", i, m.pointee.email)
        }
        return out
    }

    static func timestampFormat(_ org: OrgFile, _: ValidationContext) -> [Finding] {
        var out: [Finding] = []
        // The pointer is built only for a finding: three per member otherwise, most of the rule's time.
        func check(_ value: String?, _ path: String, _ pointerText: @autoclosure () -> String) {
            guard let value, Formats.timestamp(value) == nil else { return }
            let pointer = pointerText()
            let field = pointer.split(separator: "/").last.map(String.init) ?? pointer
            out.append(
                .error("timestamp-format", path, pointer, "\(field) \(Quote.value(value)) is not an RFC 3339 timestamp such as 2025-03-14T09:30:00Z"))
        }
        let r = org.record
        check(r.createdAt, org.path, "/createdAt")
        check(r.statusChangedAt, org.path, "/statusChangedAt")
        check(r.registration?.requestedAt, org.path, "/registration/requestedAt")
        check(r.registration?.decidedAt, org.path, "/registration/decidedAt")
        r.members.forEachIndexed { i, m in
            check(m.pointee.invitedAt, org.path, "/members/\(i)/invitedAt")
            check(m.pointee.expiresAt, org.path, "/members/\(i)/expiresAt")
            check(m.pointee.acceptedAt, org.path, "/members/\(i)/acceptedAt")
        }
        for (a, app) in r.apps.enumerated() { check(app.createdAt, org.path, "/apps/\(a)/createdAt") }
        return out
    }

    static func dateFormat(_ c: ValidationContext) -> [Finding] {
        var out: [Finding] = []
        for org in c.snapshot.orgs {
            guard let until = org.record.until, Formats.date(until) == nil else { continue }
            out.append(.error("date-format", org.path, "/until", "until \(Quote.value(until)) is not a date such as 2027-06-30"))
        }
        for share in c.snapshot.shares {
            for (i, link) in share.record.consumers.enumerated() {
                let since = Formats.date(link.since)
                if since == nil {
                    out.append(
                        .error(
                            "date-format", share.path, "/consumers/\(i)/since", "since \(Quote.value(link.since)) is not a date such as 2025-03-14"))
                }
                guard let untilText = link.until else { continue }
                if let until = Formats.date(untilText) {
                    if let since, until < since {
                        out.append(
                            .error(
                                "date-format", share.path, "/consumers/\(i)/until",
                                "until \(Quote.bare(untilText)) is before since \(Quote.bare(link.since))"))
                    }
                } else {
                    out.append(
                        .error("date-format", share.path, "/consumers/\(i)/until", "until \(Quote.value(untilText)) is not a date such as 2025-03-14")
                    )
                }
            }
        }
        return out
    }
}
