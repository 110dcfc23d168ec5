/// Membership test for the handful of e-mails one org has: a linear scan beats hashing up to a
/// few dozen entries, and validation asks this for every member of every org.
struct SmallStringSet {
    private var items: [String] = []
    private var hashed: Set<String>?
    private static let linearLimit = 24

    init<S: Sequence>(_ strings: S) where S.Element == String {
        for s in strings { insert(s) }
    }

    func contains(_ s: String) -> Bool {
        if let hashed { return hashed.contains(s) }
        return items.contains(s)
    }

    /// Inserts `s`; false when it was already there.
    @discardableResult
    mutating func insert(_ s: String) -> Bool {
        if hashed != nil { return hashed!.insert(s).inserted }
        if items.contains(s) { return false }
        items.append(s)
        if items.count > Self.linearLimit { hashed = Set(items); items = [] }
        return true
    }
}
