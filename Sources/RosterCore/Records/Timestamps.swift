import Foundation

/// Arithmetic on RFC 3339 timestamps, for the times a verb derives from "now" (an invitation's
/// expiry) and the checks that compare them.
public enum Timestamps {
    /// The instant `text` names, with or without fractional seconds; nil when it is not one.
    public static func instant(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = fractional.date(from: text) { return date }
        // RFC 3339 has a leap second (`23:59:60Z`) and validation takes one; the formatter
        // does not, so an invitation sent at second 60 had no expiry and never expired.
        var u = Array(text.utf8)
        guard u.count >= 20, u[16] == 0x3A, u[17] == 0x36, u[18] == 0x30 else { return nil }
        (u[17], u[18]) = (0x35, 0x39)
        return instant(String(decoding: u, as: UTF8.self)).map { $0.addingTimeInterval(1) }
    }

    /// `text` plus `days` days, written in UTC to the second (`2026-12-07T10:00:00Z`): what
    /// `member invite` writes as `expiresAt`, and what `roster check` expects it to be.
    public static func adding(days: Int, to text: String) -> String? {
        guard let date = instant(text) else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date.addingTimeInterval(Double(days) * 86_400))
    }

    /// Whether the instant `deadline` has passed at `now` (both RFC 3339); false when either is unreadable.
    /// When an invitation stops being valid: its `expiresAt`, or, for one written before
    /// invitations expired, `days` (`invitations.expireAfterDays`) after it was sent, as one
    /// sent then would. `roster member activate` and `roster check` judge it alike.
    public static func invitationExpiry(expiresAt: String?, invitedAt: String?, days: Int) -> String? {
        expiresAt ?? invitedAt.flatMap { adding(days: days, to: $0) }
    }

    public static func hasPassed(_ deadline: String, at now: String) -> Bool {
        guard let d = instant(deadline), let n = instant(now) else { return false }
        return n > d
    }
}
