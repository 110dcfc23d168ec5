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
