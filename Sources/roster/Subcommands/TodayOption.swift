import ArgumentParser
import Foundation
import RosterCore

/// `--today`, the one day option of every verb that measures ages or access: a date, else
/// `$ROSTER_TODAY`, else today in UTC. A malformed date is bad usage (64), found while parsing.
struct TodayOption: ParsableArguments {
    @Option(
        name: .customLong("today"),
        help: ArgumentHelp(
            "Measure ages and access from this day, YYYY-MM-DD. Default: $ROSTER_TODAY, else today (UTC).", valueName: "date"),
        transform: TodayOption.parse)
    var day: CalendarDate?

    static func parse(_ text: String) throws -> CalendarDate {
        guard let day = Formats.date(text) else { throw ValidationError("--today must be a date such as 2025-03-14, not \"\(text)\"") }
        return day
    }

    /// The validation options of that day; `$ROSTER_TODAY` is read (and checked) only without --today.
    func options() throws -> ValidationOptions {
        if let day { return ValidationOptions(today: day) }
        guard let text = ProcessInfo.processInfo.environment["ROSTER_TODAY"] else { return ValidationOptions() }
        guard let day = Formats.date(text) else { throw ValidationError("ROSTER_TODAY must be a date such as 2025-03-14, not \"\(text)\"") }
        return ValidationOptions(today: day)
    }
}
