/// What rules may look at besides the records: the day to measure ages against.
public struct ValidationOptions: Sendable, Equatable {
    /// Dates such as "invitation older than 14 days" are measured from this day.
    public var today: CalendarDate
    /// Only errors are wanted (`roster export` refuses invalid records, and says nothing of
    /// warnings): warnings are neither made nor located, which spares a message, a pointer and
    /// a second parse of the file for each of them.
    public var errorsOnly: Bool

    public init(today: CalendarDate = .today(), errorsOnly: Bool = false) {
        self.today = today
        self.errorsOnly = errorsOnly
    }
}
