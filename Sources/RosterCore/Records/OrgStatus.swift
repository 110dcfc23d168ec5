/// The lifecycle of a consumer org. Only an enabled org's users can connect to the marketplace.
public enum OrgStatus: String, Sendable, CaseIterable, Codable {
    case pending, rejected, enabled, disabled
}
