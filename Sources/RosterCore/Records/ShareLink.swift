/// A consumer org's access to a share: from `since`, until `until` when set (dates, YYYY-MM-DD).
public struct ShareLink: Sendable, Equatable {
    public var org: String
    public var since: String
    public var until: String?

    public init(org: String, since: String, until: String? = nil) {
        self.org = org
        self.since = since
        self.until = until
    }
}
