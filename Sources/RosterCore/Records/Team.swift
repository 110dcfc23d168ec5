/// A team inside an org; its members share credentials.
public struct Team: Sendable, Equatable {
    public var id: String
    public var name: String
    /// Every org has exactly one default team, which cannot be deleted.
    public var isDefault: Bool
    /// E-mails of members of the same org.
    public var members: [String]

    public init(id: String, name: String, isDefault: Bool = false, members: [String] = []) {
        self.id = id
        self.name = name
        self.isDefault = isDefault
        self.members = members
    }
}
