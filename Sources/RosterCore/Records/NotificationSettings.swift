public struct NotificationSettings: Sendable, Equatable {
    public var sender: String?
    /// Who receives "registration received"; the admins when empty.
    public var adminRecipients: [String]

    public init(sender: String? = nil, adminRecipients: [String] = []) {
        self.sender = sender
        self.adminRecipients = adminRecipients
    }
}
