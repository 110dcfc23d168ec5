/// The settings of `data/marketplace.json`.
enum SettingsRules {
    static let all: [Rule] = [
        Rule("settings-email", "provider admins, the sender and admin recipients are valid e-mails", settingsEmail),
        Rule("settings-guards", "maxRemovalFraction is between 0 and 1, minSuperAdmins at least 1", settingsGuards),
        Rule("settings-url", "portal baseURL and editURL are http(s) URLs", settingsURL),
        Rule("settings-invitations", "invitations.expireAfterDays is a number of days from 1 to 365", settingsInvitations),
    ]

    static func settingsInvitations(_ c: ValidationContext, _ report: inout RuleReport) {
        guard let days = c.snapshot.marketplace?.invitations.expireAfterDays,
            !(1...InvitationSettings.maxExpireAfterDays).contains(days)
        else { return }
        report.error(
            path, "/invitations/expireAfterDays",
            "expireAfterDays is \(days); it must be from 1 to \(InvitationSettings.maxExpireAfterDays) days")
    }

    static let path = Snapshot.marketplacePath

    static func settingsEmail(_ c: ValidationContext, _ report: inout RuleReport) {
        guard let m = c.snapshot.marketplace else { return }
        for (i, e) in m.admins.enumerated() where !Formats.isValidEmail(e) || e != e.lowercased() {
            report.error(path, "/admins/\(i)", "admin \(Quote.value(e)) is not a valid lower-case e-mail address")
        }
        for (i, e) in m.notifications.adminRecipients.enumerated() where !Formats.isValidEmail(e) {
            report.error(path, "/notifications/adminRecipients/\(i)", "recipient \(Quote.value(e)) is not a valid e-mail address")
        }
        if let sender = m.notifications.sender, !Formats.isValidEmail(sender) {
            report.error(path, "/notifications/sender", "sender \(Quote.value(sender)) is not a valid e-mail address")
        }
        if m.admins.isEmpty {
            report.warning(
                path, "/admins",
                "no provider admins are listed; nobody may approve registrations or change orgs through `roster check`")
        }
    }

    static func settingsGuards(_ c: ValidationContext, _ report: inout RuleReport) {
        guard let g = c.snapshot.marketplace?.guards else { return }
        if !(0...1).contains(g.maxRemovalFraction) {
            report.error(
                path, "/guards/maxRemovalFraction",
                "maxRemovalFraction is \(g.maxRemovalFraction); it must be between 0 and 1 (0.25 removes at most a quarter)")
        }
        if g.minSuperAdmins < 1 {
            report.error(path, "/guards/minSuperAdmins", "minSuperAdmins is \(g.minSuperAdmins); it must be at least 1")
        }
    }

    static func settingsURL(_ c: ValidationContext, _ report: inout RuleReport) {
        guard let p = c.snapshot.marketplace?.portal else { return }
        for (field, value) in [("baseURL", p.baseURL), ("editURL", p.editURL)] {
            // No space, and no control character (a line break in a URL printed in an e-mail
            // or a PR comment starts a line of its own).
            guard let value,
                !(value.hasPrefix("https://") || value.hasPrefix("http://")) || value.contains(" ") || Formats.firstControlCharacter(value) != nil
            else { continue }
            report.error(
                path, "/portal/\(field)", "\(field) \(Quote.value(value)) must be an http:// or https:// URL, without spaces or control characters")
        }
    }
}
