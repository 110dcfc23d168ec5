import Foundation

/// A day of the proleptic Gregorian calendar.
public struct CalendarDate: Sendable, Comparable, Hashable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int
    /// Days since 1970-01-01.
    public let dayNumber: Int

    /// Nil when the day does not exist (2025-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1 else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        // No table: an array literal here was an allocation for every timestamp checked.
        let length: Int
        switch month {
        case 2: length = leap ? 29 : 28
        case 4, 6, 9, 11: length = 30
        default: length = 31
        }
        guard day <= length else { return nil }
        self.year = year
        self.month = month
        self.day = day
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        dayNumber = era * 146097 + doe - 719468
    }

    /// Today in UTC.
    public static func today() -> CalendarDate {
        let parts = Calendar(identifier: .gregorian)
        var utc = parts
        utc.timeZone = TimeZone(identifier: "UTC")!
        let c = utc.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: c.year!, month: c.month!, day: c.day!)!
    }

    public var description: String {
        // Written digit by digit: `String(format:)` took a microsecond (each stale invitation's
        // message names its day). Years outside 0...9999 keep the C format's spelling.
        guard (0...9999).contains(year) else { return String(format: "%04d-%02d-%02d", year, month, day) }
        let digits: [UInt8] = [
            Self.digit(year / 1000), Self.digit(year / 100), Self.digit(year / 10), Self.digit(year), 0x2D,
            Self.digit(month / 10), Self.digit(month), 0x2D, Self.digit(day / 10), Self.digit(day),
        ]
        return String(decoding: digits, as: UTF8.self)
    }

    private static func digit(_ n: Int) -> UInt8 { 0x30 + UInt8(n % 10) }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.dayNumber < b.dayNumber }
}
