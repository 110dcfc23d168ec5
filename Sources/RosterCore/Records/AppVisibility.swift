/// Who may use an app: the members of its team, or every member of the org.
public enum AppVisibility: String, Sendable, CaseIterable, Codable {
    case team, org
}
