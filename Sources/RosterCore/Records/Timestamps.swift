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
        return fractional.date(from: text)
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
