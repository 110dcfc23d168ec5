/// The documented keys of `data/marketplace.json` that `roster settings set` changes: each with
/// its default, how to read its effective value, and how to check and store a new one.
public enum SettingKey: String, Sendable, CaseIterable {
    case registrationEnabled = "registration.enabled"
    case registrationAutoApprove = "registration.autoApprove"
    case maxRemovalFraction = "guards.maxRemovalFraction"
    case minSuperAdmins = "guards.minSuperAdmins"
    case portalTitle = "portal.title"
    case portalBaseURL = "portal.baseURL"
    case portalShowEmails = "portal.showEmails"
    case portalEditURL = "portal.editURL"
    case notificationsSender = "notifications.sender"
    case notificationsAdminRecipients = "notifications.adminRecipients"
    case invitationsExpireAfterDays = "invitations.expireAfterDays"

    /// The value in force when the file does not set the key, as `settings show` prints it.
    public var defaultValue: String {
        let d = MarketplaceSettings(providerName: "")
        return switch self {
        case .portalTitle: "(the provider's name)"
        case .portalBaseURL, .portalEditURL: "(none)"
        case .notificationsSender: "(the first provider admin)"
        case .notificationsAdminRecipients: "(the provider admins)"
        case .invitationsExpireAfterDays: String(InvitationSettings.defaultExpireAfterDays)
        default: value(in: d)
        }
    }

    /// What one may pass to `settings set`.
    public var expected: String {
        switch self {
        case .registrationEnabled, .registrationAutoApprove, .portalShowEmails: "true or false"
        case .maxRemovalFraction: "a number from 0 to 1, such as 0.25"
        case .minSuperAdmins: "a whole number from 1 to 100"
        case .portalTitle: "a title of 1 to 200 characters, or \"\" to use the provider's name"
        case .portalBaseURL, .portalEditURL: "an http:// or https:// URL, or \"\" to unset it"
        case .notificationsSender: "an e-mail address, or \"\" to unset it"
        case .notificationsAdminRecipients: "e-mail addresses separated by commas, or \"\" for the provider admins"
        case .invitationsExpireAfterDays: "a whole number of days from 1 to \(InvitationSettings.maxExpireAfterDays)"
        }
    }

    /// The value the file sets, as text; "" for an optional value it does not set.
    public func value(in s: MarketplaceSettings) -> String {
        switch self {
        case .registrationEnabled: String(s.registration.enabled)
        case .registrationAutoApprove: String(s.registration.autoApprove)
        case .maxRemovalFraction: RecordEncoder.formatFraction(s.guards.maxRemovalFraction)
        case .minSuperAdmins: String(s.guards.minSuperAdmins)
        case .portalTitle: s.portal.title ?? ""
        case .portalBaseURL: s.portal.baseURL ?? ""
        case .portalShowEmails: String(s.portal.showEmails)
        case .portalEditURL: s.portal.editURL ?? ""
        case .notificationsSender: s.notifications.sender ?? ""
        case .notificationsAdminRecipients: s.notifications.adminRecipients.sorted().joined(separator: ",")
        case .invitationsExpireAfterDays: s.invitations.expireAfterDays.map(String.init) ?? ""
        }
    }

    /// Checks `raw` and stores it in `s`; the refusal says what the key takes.
    public func apply(_ raw: String, to s: inout MarketplaceSettings) throws(ChangeRefusal) {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let bad = ChangeRefusal("\(rawValue) takes \(expected), not \(Quote.value(raw))")
        func flag() throws(ChangeRefusal) -> Bool {
            guard let b = ["true": true, "false": false][text] else { throw bad }
            return b
        }
        func optional(_ check: (String) -> Bool) throws(ChangeRefusal) -> String? {
            if text.isEmpty { return nil }
            guard check(text) else { throw bad }
            return text
        }
        switch self {
        case .registrationEnabled: s.registration.enabled = try flag()
        case .registrationAutoApprove: s.registration.autoApprove = try flag()
        case .portalShowEmails: s.portal.showEmails = try flag()
        case .maxRemovalFraction:
            guard let x = Double(text), x.isFinite, (0...1).contains(x), !text.contains(where: { $0.isLetter }) else { throw bad }
            s.guards.maxRemovalFraction = x
        case .minSuperAdmins:
            guard let n = Int(text), (1...100).contains(n) else { throw bad }
            s.guards.minSuperAdmins = n
        case .invitationsExpireAfterDays:
            guard let n = Int(text), (1...InvitationSettings.maxExpireAfterDays).contains(n) else { throw bad }
            s.invitations.expireAfterDays = n
        case .portalTitle:
            s.portal.title = try optional {
                $0.count <= 200 && !$0.contains(where: \.isNewline) && !$0.unicodeScalars.contains { $0.properties.generalCategory == .control }
            }
        case .portalBaseURL: s.portal.baseURL = try optional(Self.isWebURL)
        case .portalEditURL: s.portal.editURL = try optional(Self.isWebURL)
        case .notificationsSender: s.notifications.sender = try optional(Formats.isValidEmail)
        case .notificationsAdminRecipients:
            let list = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard list.allSatisfy(Formats.isValidEmail), Set(list).count == list.count else { throw bad }
            s.notifications.adminRecipients = list.sorted()
        }
    }

    /// "there is no setting "X"; did you mean "Y"? The keys are ..." (the guess, when there is one,
    /// ends its own sentence: "?;" read as a slip).
    public static func unknown(_ key: String) -> String {
        let keys = allCases.map(\.rawValue).joined(separator: ", ")
        guard let guess = ObjectReader.closest(to: key, in: allCases.map(\.rawValue)) else {
            return "there is no setting \"\(key)\"; the keys are \(keys)"
        }
        return "there is no setting \"\(key)\"; did you mean \"\(guess)\"? The keys are \(keys)"
    }

    static func isWebURL(_ text: String) -> Bool {
        (text.hasPrefix("https://") || text.hasPrefix("http://")) && text.count > 8
            && !text.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F }
    }
}

/// settings set.
extension ChangeEngine {
    mutating func setSetting(_ key: String, value: String) throws(ChangeRefusal) {
        guard let setting = SettingKey(rawValue: key) else {
            throw ChangeRefusal(SettingKey.unknown(key))
        }
        guard var settings = snapshot.marketplace else {
            throw ChangeRefusal("\(Snapshot.marketplacePath) cannot be read; fix it first (`roster validate`)")
        }
        let before = setting.value(in: settings)
        try setting.apply(value, to: &settings)
        guard setting.value(in: settings) != before else {
            throw ChangeRefusal("\(key) is already \(before.isEmpty ? "unset" : before)")
        }
        snapshot.marketplace = settings
        settingsTouched = true
    }
}
