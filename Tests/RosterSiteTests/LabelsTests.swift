import RosterCore
import RosterTemplates
import Testing

@testable import RosterSite

@Suite struct LabelsTests {
    /// A timestamp's day is its first ten bytes when they are ASCII, and its first ten
    /// characters otherwise; a shorter text is itself, and no timestamp no day.
    @Test func theDayOfATimestampIsItsFirstTenBytes() {
        let cases: [(String?, String)] = [
            ("2025-03-14T09:30:00Z", "2025-03-14"), ("2025-03-14", "2025-03-14"), ("2025", "2025"), ("", ""), (nil, ""),
            ("2025-03-1\u{E9}T09", "2025-03-1\u{E9}"), ("\u{1F600}2025-03-14", "\u{1F600}2025-03-1"), ("<b>2025</b>", "<b>2025</b"),
        ]
        for (timestamp, day) in cases {
            #expect(Labels.day(timestamp) == day, "\(timestamp.debugDescription)")
            // Written into a page, the same day, escaped when asked.
            for escaped in [false, true] {
                var out = ByteSink()
                Labels.writeDay(timestamp, escaped: escaped, into: &out)
                let expected = escaped ? HTMLEscape.string(day) : day
                #expect(String(decoding: out.bytes, as: UTF8.self) == expected, "\(timestamp.debugDescription), escaped: \(escaped)")
            }
        }
    }
}
