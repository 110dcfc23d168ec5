/// What "users" means wherever roster counts them (the CLI's lists, the portal's overview and
/// tables, the delete impact): members who accepted their invitation. Invitations still open are
/// counted apart, never added in; a requester of a pending org is an invitee until approval.
extension OrgRecord {
    /// Members whose membership is active.
    public var userCount: Int {
        members.reduce(0) { $0 + ($1.state == .active ? 1 : 0) }
    }

    /// Members invited who have not accepted yet.
    public var invitationCount: Int {
        members.count - userCount
    }

    /// Whether the org's users can connect on `day`: the access rule (``AccessRule``), which
    /// the export and the sync apply too, so the words and the effect never disagree.
    public func usersCanConnect(on day: CalendarDate) -> Bool { AccessRule.orgIsActive(self, on: day) }

    /// Why the org's users cannot connect on `day`, in a few words people read; nil when they can.
    public func connectionBlocker(on day: CalendarDate) -> String? {
        if let blocker = status.connectionBlocker { return blocker }
        guard !usersCanConnect(on: day) else { return nil }
        return "its contract ended on \(until ?? "an unreadable date"): its users cannot connect"
    }
}

extension OrgStatus {
    /// Why an org of this status cannot connect; nil for enabled.
    public var connectionBlocker: String? {
        switch self {
        case .enabled: nil
        case .disabled: "its users cannot connect"
        case .pending: "nobody can connect until it is approved"
        case .rejected: "its registration was rejected: nobody can connect"
        }
    }
}

/// Names in the order people expect: runs of digits compare as numbers ("Org 2" before
/// "Org 10"), letters ignoring case and accents; ties fall back to the exact text.
public enum NaturalOrder {
    public static func less(_ a: String, _ b: String) -> Bool {
        let x = key(a), y = key(b)
        return x != y ? x.lexicographicallyPrecedes(y) : a < b
    }

    /// Comparable pieces: text runs folded, digit runs as zero-padded numbers.
    public static func key(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = "", digits = false
        func flush() {
            guard !current.isEmpty else { return }
            if digits {
                let trimmed = String(current.drop { $0 == "0" })
                pieces.append("\u{1}" + String(repeating: "0", count: max(0, 20 - trimmed.count)) + trimmed)
            } else {
                pieces.append(Formats.nameKey(current))
            }
            current = ""
        }
        for ch in text {
            let isDigit = ch.isASCII && ch.isNumber
            if isDigit != digits { flush(); digits = isDigit }
            current.append(ch)
        }
        flush()
        return pieces
    }
}
