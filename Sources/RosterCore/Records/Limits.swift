/// The limits of record values (content/record-format.md), declared once: the validation rules, the
/// verbs' refusals and the JSON Schemas all read them here.
public enum Limits {
    /// Org and share names, after trimming (Bobsled: "longer than 2 characters").
    public static let orgName = 3...64
    public static let shareName = orgName
    /// Team and app names, after trimming.
    public static let teamName = 2...100
    public static let appName = teamName
    /// A member's first and last name, after trimming.
    public static let personName = 1...100
    /// Ids of orgs, shares, teams and apps: lower-case letters, digits and '-', at most 63.
    public static let idPattern = "^[a-z0-9][a-z0-9-]{0,62}$"
}
