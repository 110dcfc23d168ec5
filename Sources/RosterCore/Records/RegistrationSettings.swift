/// Whether consumers may register an org, and whether a registration is approved at once.
public struct RegistrationSettings: Sendable, Equatable {
    public var enabled: Bool
    public var autoApprove: Bool

    public init(enabled: Bool = false, autoApprove: Bool = false) {
        self.enabled = enabled
        self.autoApprove = autoApprove
    }
}
