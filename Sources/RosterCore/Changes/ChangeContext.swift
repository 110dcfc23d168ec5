/// Who makes a change and when; filled into `invitedBy`, `decidedBy`, `statusChangedAt`...
public struct ChangeContext: Sendable {
    public var actor: String?
    /// RFC 3339 timestamp of the change.
    public var now: String
    public var today: CalendarDate

    public init(actor: String?, now: String, today: CalendarDate) {
        self.actor = actor
        self.now = now
        self.today = today
    }
}
