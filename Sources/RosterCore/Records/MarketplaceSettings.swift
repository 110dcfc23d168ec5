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
