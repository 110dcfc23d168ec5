/// Git-host handles (`roster check --actor @handle`): a handle names one person, so it must be
/// well formed and unique across the members of every org and the provider admins.
enum HandleRules {
    static let all: [Rule] = [
        Rule(
            "handle-format", "member and admin handles are git-host logins: letters, digits, '-', '_', '.', at most 39", eachOrg: handleFormat,
            rest: adminHandleFormat),
        Rule("handle-unique", "a handle names one person: unique across all members and provider admins, ignoring case", handleUnique),
    ]

    static func message(_ handle: String) -> String {
        "handle \"\(handle)\" is not a git-host login: letters, digits, '-', '_' and '.', starting with a letter or digit, at most 39 characters"
    }

    static func handleFormat(_ org: OrgFile, _: ValidationContext, _ report: inout RuleReport) {
        org.record.members.forEachLent { i, m in
            if let h = m.pointee.handle, !Formats.isValidHandle(h) { report.error(org.path, "/members/\(i)/handle", message(h)) }
        }
    }

    static func adminHandleFormat(_ c: ValidationContext, _ report: inout RuleReport) {
        for (i, email) in c.settings.admins.enumerated() {
            if let h = c.settings.adminHandles[email], !Formats.isValidHandle(h) {
                report.error(Snapshot.marketplacePath, "/admins/\(i)/handle", message(h))
            }
        }
    }

    static func handleUnique(_ c: ValidationContext, _ report: inout RuleReport) {
        var owner: [String: String] = [:]
        for (i, email) in c.settings.admins.enumerated() {
            guard let h = c.settings.adminHandles[email] else { continue }
            if let first = owner[Formats.handleKey(h)] {
                report.error(Snapshot.marketplacePath, "/admins/\(i)/handle", "handle \"\(h)\" is already the handle of \(first)")
            } else {
                owner[Formats.handleKey(h)] = email
            }
        }
        for org in c.snapshot.orgs {
            org.record.members.forEachLent { i, m in
                guard let h = m.pointee.handle else { return }
                if let first = owner[Formats.handleKey(h)], first != m.pointee.email {
                    report.error(
                        org.path, "/members/\(i)/handle",
                        "handle \"\(h)\" is already the handle of \(first); a handle names one person")
                } else {
                    owner[Formats.handleKey(h)] = m.pointee.email
                }
            }
        }
    }
}
