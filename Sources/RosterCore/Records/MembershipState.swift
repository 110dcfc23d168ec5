public enum MembershipState: String, Sendable, CaseIterable, Codable {
    case invited, active
}
