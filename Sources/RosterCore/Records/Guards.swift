/// Limits that `roster check` enforces on pull requests.
public struct Guards: Sendable, Equatable {
    /// Largest share of an org's members (or of all orgs, or of a share's consumers) one change may remove.
    public var maxRemovalFraction: Double
    /// Fewest super admins an enabled org with members must keep.
    public var minSuperAdmins: Int

    public init(maxRemovalFraction: Double = 0.25, minSuperAdmins: Int = 1) {
        self.maxRemovalFraction = maxRemovalFraction
        self.minSuperAdmins = minSuperAdmins
    }
}
