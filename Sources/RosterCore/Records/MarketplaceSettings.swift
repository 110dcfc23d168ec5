/// `data/marketplace.json`: the provider, its admins and the settings of every feature.
public struct MarketplaceSettings: Sendable, Equatable {
    public var providerName: String
    /// E-mails of the provider admins, who may change anything.
    public var admins: [String]
    /// Git-host handles of provider admins who have one, by e-mail (`roster check --actor @handle`).
    public var adminHandles: [String: String] = [:]
    public var registration: RegistrationSettings
    public var guards: Guards
    public var portal: PortalSettings
    public var notifications: NotificationSettings
    public var invitations: InvitationSettings

    public init(
        providerName: String, admins: [String] = [], registration: RegistrationSettings = .init(),
        guards: Guards = .init(), portal: PortalSettings = .init(), notifications: NotificationSettings = .init(),
        invitations: InvitationSettings = .init()
    ) {
        self.invitations = invitations
        self.providerName = providerName
        self.admins = admins
        self.registration = registration
        self.guards = guards
        self.portal = portal
        self.notifications = notifications
    }

    /// The e-mail of the provider admin whose handle is `handle` (compared ignoring case).
    public func admin(handle: String) -> String? {
        let key = Formats.handleKey(handle)
        return adminHandles.sorted { $0.key < $1.key }.first { Formats.handleKey($0.value) == key }?.key
    }
}

/// Whether consumers may register an org, and whether a registration is approved at once.
public struct RegistrationSettings: Sendable, Equatable {
    public var enabled: Bool
    public var autoApprove: Bool

    public init(enabled: Bool = false, autoApprove: Bool = false) {
        self.enabled = enabled
        self.autoApprove = autoApprove
    }
}

/// Limits that `roster check` enforces on pull requests.
public struct Guards: Sendable, Equatable {
    /// Largest share of an org's members (or of all orgs, or of a share's consumers) one change may remove.
    public var maxRemovalFraction: Double
    /// Fewest super admins an enabled org with members must keep.
    public var minSuperAdmins: Int

    public init(maxRemovalFraction: Double = 0.25, minSuperAdmins: Int = 1) {
        self.maxRemovalFraction = maxRemovalFraction
        self.minSuperAdmins = minSuperAdmins
    }
}

public struct PortalSettings: Sendable, Equatable {
    public var title: String?
    public var baseURL: String?
    /// When false (the default), e-mails are shown redacted: `j•••@acme.example`.
    public var showEmails: Bool
    /// A URL prefix that edits a file in the repository; the file's path is appended.
    public var editURL: String?

    public init(title: String? = nil, baseURL: String? = nil, showEmails: Bool = false, editURL: String? = nil) {
        self.title = title
        self.baseURL = baseURL
        self.showEmails = showEmails
        self.editURL = editURL
    }
}

public struct NotificationSettings: Sendable, Equatable {
    public var sender: String?
    /// Who receives "registration received"; the admins when empty.
    public var adminRecipients: [String]

    public init(sender: String? = nil, adminRecipients: [String] = []) {
        self.sender = sender
        self.adminRecipients = adminRecipients
    }
}

/// How long an invitation stays valid. The block is optional: nil keeps a file that never set
/// it byte-identical, and means the default.
public struct InvitationSettings: Sendable, Equatable {
    public static let defaultExpireAfterDays = 14
    /// A year: an invitation that stays open longer is an account nobody watches.
    public static let maxExpireAfterDays = 365
    public var expireAfterDays: Int?

    public init(expireAfterDays: Int? = nil) {
        self.expireAfterDays = expireAfterDays
    }

    /// The value in force: the set one, else 14.
    public var effectiveExpireAfterDays: Int { expireAfterDays ?? Self.defaultExpireAfterDays }
}
