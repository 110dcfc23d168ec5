public enum Role: String, Sendable, CaseIterable, Codable {
    case superAdmin = "super-admin"
    case teamMember = "team-member"
}
