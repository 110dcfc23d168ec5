/// Ids, names, e-mails, dates: each value on its own.
enum IdentityRules {
    static let all: [Rule] = [
        Rule("id-format", "org, share, team and app ids match \(Limits.idPattern)", eachOrg: idFormat, rest: shareIDFormat),
        Rule("org-name", "org names have 3 to 64 characters after trimming", eachOrg: orgName),
        Rule(
            "org-name-unique", "no two orgs share a name, ignoring case, spacing, invisible characters and Unicode compatibility forms", orgNameUnique
        ),
        Rule("share-name", "share names have 3 to 64 characters after trimming", shareName),
        Rule(
            "share-name-unique", "no two shares share a name, ignoring case, spacing, invisible characters and Unicode compatibility forms",
            shareNameUnique),
        Rule("team-name", "team names have 2 to 100 characters after trimming", eachOrg: teamName),
        Rule(
            "email-format",
            "member e-mails are valid addresses, in lower case; who invited, requested, decided, changed a status or created an app is an e-mail",
            eachOrg: emailFormat),
        Rule("member-name", "members have a first and a last name", eachOrg: memberName),
        Rule(
            "text-control",
            "names, descriptions, reasons and titles hold no control character (U+0000-U+001F, U+007F-U+009F), U+2028 or U+2029, nor a bidi embedding, override or isolate (U+202A-U+202E, U+2066-U+2069)",
            eachOrg: textControl, rest: textControlRest),
        Rule(
            "timestamp-format", "createdAt, invitedAt, expiresAt, acceptedAt and the registration times are RFC 3339 timestamps",
            eachOrg: timestampFormat),
        Rule(
            "date-format", "share access since/until and an org's until are YYYY-MM-DD dates, until not before since", eachOrg: orgDateFormat,
            rest: dateFormat),
    ]

    /// The pointer is made only for a finding: 40,000 team ids are checked per validation.
    static func idFormat(_ id: String, _ path: String, _ pointer: @autoclosure () -> String, _ what: String, _ report: inout RuleReport) {
        guard !Formats.isValidID(id) else { return }
        report.error(
            path, pointer(), "\(what) id \(Quote.value(id)) must match \(Limits.idPattern): lower-case letters, digits and '-', at most 63 characters"
        )
    }

    static func idFormat(_ org: OrgFile, _: ValidationContext, _ report: inout RuleReport) {
        idFormat(org.record.id, org.path, "/id", "org", &report)
        org.record.teams.forEachLent { t, team in idFormat(team.pointee.id, org.path, "/teams/\(t)/id", "team", &report) }
        org.record.apps.forEachLent { a, app in idFormat(app.pointee.id, org.path, "/apps/\(a)/id", "app", &report) }
    }

    static func shareIDFormat(_ c: ValidationContext, _ report: inout RuleReport) {
        for share in c.snapshot.shares { idFormat(share.record.id, share.path, "/id", "share", &report) }
    }

    static func nameLength(
        _ report: inout RuleReport, _ name: String, _ range: ClosedRange<Int>, _ path: String, _ pointer: @autoclosure () -> String, _ what: String
    ) {
        let n = Formats.trimmedLength(name)
        guard !range.contains(n) else { return }
        report.error(
            path, pointer(),
            "\(what) name \(Quote.value(name)) has \(Plural.count(n, "character")); it needs \(range.lowerBound) to \(range.upperBound)")
    }

    static func orgName(_ org: OrgFile, _: ValidationContext, _ report: inout RuleReport) {
        nameLength(&report, org.record.name, Limits.orgName, org.path, "/name", "org")
    }

    static func shareName(_ c: ValidationContext, _ report: inout RuleReport) {
        for share in c.snapshot.shares { nameLength(&report, share.record.name, Limits.shareName, share.path, "/name", "share") }
    }

    static func teamName(_ org: OrgFile, _: ValidationContext, _ report: inout RuleReport) {
        org.record.teams.forEachLent { t, team in
            nameLength(&report, team.pointee.name, Limits.teamName, org.path, "/teams/\(t)/name", "team")
        }
    }

    /// Reports every record after the first (in path order) whose name key repeats.
    /// Item `k` of `count` has the path and name `item(k)`.
    static func uniqueNames(_ report: inout RuleReport, count: Int, _ item: (Int) -> (path: String, name: String), _ what: String) {
        // Made at its size once: growing, the table of 100,000 names was rebuilt (every key
        // hashed again) 17 times. Items are named by position until a finding needs the path.
        var firstByKey: [String: Int] = [:]
        firstByKey.reserveCapacity(count)
        for k in 0..<count {
            let (path, name) = item(k)
            let key = Formats.nameKey(name)
            if let first = firstByKey[key] {
                report.error(
                    path, "/name",
                    "\(what) name \(Quote.value(name)) is already used by \(Quote.bare(item(first).path)) (names are compared ignoring case, spacing and invisible characters)"
                )
            } else {
                firstByKey[key] = k
            }
        }
    }

    static func orgNameUnique(_ c: ValidationContext, _ report: inout RuleReport) {
        let orgs = c.snapshot.orgs
        uniqueNames(&report, count: orgs.count, { (orgs[$0].path, orgs[$0].record.name) }, "org")
    }

    static func shareNameUnique(_ c: ValidationContext, _ report: inout RuleReport) {
        let shares = c.snapshot.shares
        uniqueNames(&report, count: shares.count, { (shares[$0].path, shares[$0].record.name) }, "share")
    }

    static func emailFormat(_ org: OrgFile, _: ValidationContext, _ report: inout RuleReport) {
        do {
            // Members of an org are mostly invited by the same person: that address, one
            // string shared by them all (see StringPool), is checked once.
            var checkedInviter: String?
            org.record.members.forEachLent { i, m in
                let email = m.pointee.email
                if !Formats.isValidEmail(email) {
                    report.error(org.path, "/members/\(i)/email", "\(Quote.value(email)) is not a valid e-mail address")
                } else if !Formats.hasNoUppercase(email) {
                    report.error(
                        org.path, "/members/\(i)/email",
                        "e-mails are stored in lower case: write \(Quote.value(email.lowercased()))")
                }
                let inviter = m.pointee.invitedBy
                guard inviter != checkedInviter else { return }
                if Formats.isValidEmail(inviter) {
                    checkedInviter = inviter
                } else {
                    report.error(org.path, "/members/\(i)/invitedBy", "invitedBy \(Quote.value(inviter)) is not a valid e-mail address")
                }
            }
            if let r = org.record.registration, !Formats.isValidEmail(r.requestedBy) {
                report.error(
                    org.path, "/registration/requestedBy",
                    "requestedBy \(Quote.value(r.requestedBy)) is not a valid e-mail address")
            }
            // Who decided, changed the status or created an app: the actor's e-mail the verb
            // wrote (a decision may be the setting's, "auto-approve"). Unchecked, a hand edit put
            // any text there, line breaks included, for the pages and the PR comment to show.
            if let by = org.record.registration?.decidedBy, by != Registration.autoApprover, !Formats.isValidEmail(by) {
                report.error(
                    org.path, "/registration/decidedBy",
                    "decidedBy \(Quote.value(by)) is not a valid e-mail address (nor \"\(Registration.autoApprover)\")")
            }
            if let by = org.record.statusChangedBy, !Formats.isValidEmail(by) {
                report.error(org.path, "/statusChangedBy", "statusChangedBy \(Quote.value(by)) is not a valid e-mail address")
            }
            org.record.apps.forEachLent { a, app in
                guard !Formats.isValidEmail(app.pointee.createdBy) else { return }
                report.error(org.path, "/apps/\(a)/createdBy", "createdBy \(Quote.value(app.pointee.createdBy)) is not a valid e-mail address")
            }
        }
    }

    static func memberName(_ org: OrgFile, _: ValidationContext, _ report: inout RuleReport) {
        func check(_ value: String, _ field: String, _ i: Int, _ email: String) {
            let n = Formats.trimmedLength(value)
            if n == 0 || n > 100 {
                report.error(org.path, "/members/\(i)/\(field)", "\(field) of \(Quote.bare(email)) must have 1 to 100 characters")
            }
        }
        org.record.members.forEachLent { i, m in
            check(m.pointee.firstName, "firstName", i, m.pointee.email)
            check(m.pointee.lastName, "lastName", i, m.pointee.email)
        }
    }

    /// Reports `value` when it holds a control character or a line separator: each sink of a
    /// name (an e-mail header, a terminal, a CI log) that forgot to escape one would be an
    /// injection. `what` names the field (`firstName "A\nB" of bob@acme.example`), and is made
    /// only for a finding.
    static func controlFree(
        _ report: inout RuleReport, _ value: String?, _ path: String, _ pointer: @autoclosure () -> String, _ what: (String) -> String
    ) {
        guard let value, let scalar = Formats.firstControlCharacter(value) else { return }
        report.error(
            path, pointer(),
            "\(what(Quote.value(value))) contains \(Formats.describeControl(scalar)); names and other record text are one line without control or direction-override characters"
        )
    }

    static func textControl(_ org: OrgFile, _: ValidationContext, _ report: inout RuleReport) {
        controlFree(&report, org.record.name, org.path, "/name") { "org name \($0)" }
        controlFree(&report, org.record.registration?.reason, org.path, "/registration/reason") {
            "registration reason \($0) of \(Quote.bare(org.record.id))"
        }
        org.record.members.forEachLent { i, m in
            controlFree(&report, m.pointee.firstName, org.path, "/members/\(i)/firstName") { "firstName \($0) of \(Quote.bare(m.pointee.email))" }
            controlFree(&report, m.pointee.lastName, org.path, "/members/\(i)/lastName") { "lastName \($0) of \(Quote.bare(m.pointee.email))" }
        }
        org.record.teams.forEachLent { t, team in
            controlFree(&report, team.pointee.name, org.path, "/teams/\(t)/name") { "name \($0) of team \(Quote.bare(team.pointee.id))" }
        }
        org.record.apps.forEachLent { a, app in
            controlFree(&report, app.pointee.name, org.path, "/apps/\(a)/name") { "name \($0) of app \(Quote.bare(app.pointee.id))" }
            controlFree(&report, app.pointee.description, org.path, "/apps/\(a)/description") {
                "description \($0) of app \(Quote.bare(app.pointee.id))"
            }
        }
    }

    /// The shares and the settings: what ``textControl(_:_:_:)`` checks in orgs.
    static func textControlRest(_ c: ValidationContext, _ report: inout RuleReport) {
        for share in c.snapshot.shares {
            controlFree(&report, share.record.name, share.path, "/name") { "share name \($0)" }
            controlFree(&report, share.record.description, share.path, "/description") { "description \($0) of share \(Quote.bare(share.record.id))" }
        }
        guard let m = c.snapshot.marketplace else { return }
        let path = Snapshot.marketplacePath
        controlFree(&report, m.providerName, path, "/provider/name") { "provider name \($0)" }
        controlFree(&report, m.portal.title, path, "/portal/title") { "portal title \($0)" }
    }

    static func timestampFormat(_ org: OrgFile, _: ValidationContext, _ report: inout RuleReport) {
        // The pointer is made only for a finding: three fields of every member are checked.
        func check(_ value: String?, _ path: String, _ pointer: @autoclosure () -> String) {
            guard let value, Formats.timestamp(value) == nil else { return }
            let pointer = pointer()
            let field = pointer.split(separator: "/").last.map(String.init) ?? pointer
            report.error(path, pointer, "\(field) \(Quote.value(value)) is not an RFC 3339 timestamp such as 2025-03-14T09:30:00Z")
        }
        // Read in place (`org.record.`), not copied into a local: a copy retains every field.
        check(org.record.createdAt, org.path, "/createdAt")
        check(org.record.statusChangedAt, org.path, "/statusChangedAt")
        check(org.record.registration?.requestedAt, org.path, "/registration/requestedAt")
        check(org.record.registration?.decidedAt, org.path, "/registration/decidedAt")
        org.record.members.forEachLent { i, m in
            check(m.pointee.invitedAt, org.path, "/members/\(i)/invitedAt")
            guard let extras = m.pointee.extras else { return }
            check(extras.expiresAt, org.path, "/members/\(i)/expiresAt")
            check(extras.acceptedAt, org.path, "/members/\(i)/acceptedAt")
        }
        org.record.apps.forEachLent { a, app in check(app.pointee.createdAt, org.path, "/apps/\(a)/createdAt") }
    }

    static func orgDateFormat(_ org: OrgFile, _: ValidationContext, _ report: inout RuleReport) {
        guard let until = org.record.until, Formats.date(until) == nil else { return }
        report.error(org.path, "/until", "until \(Quote.value(until)) is not a date such as 2027-06-30")
    }

    static func dateFormat(_ c: ValidationContext, _ report: inout RuleReport) {
        for share in c.snapshot.shares {
            for (i, link) in share.record.consumers.enumerated() {
                let since = Formats.date(link.since)
                if since == nil {
                    report.error(share.path, "/consumers/\(i)/since", "since \(Quote.value(link.since)) is not a date such as 2025-03-14")
                }
                guard let untilText = link.until else { continue }
                if let until = Formats.date(untilText) {
                    if let since, until < since {
                        report.error(
                            share.path, "/consumers/\(i)/until",
                            "until \(Quote.bare(untilText)) is before since \(Quote.bare(link.since))")
                    }
                } else {
                    report.error(share.path, "/consumers/\(i)/until", "until \(Quote.value(untilText)) is not a date such as 2025-03-14")
                }
            }
        }
    }
}
