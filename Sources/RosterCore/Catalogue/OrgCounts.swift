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

extension ShareLink {
    /// Why the users of the linked org cannot use the share through this link on `day` though
    /// the org admits them (the link's dates, ``AccessRule/linkIsOpen(_:on:)``); nil when open.
    public func closedReason(on day: CalendarDate) -> String? {
        guard !AccessRule.linkIsOpen(self, on: day) else { return nil }
        guard let opens = Formats.date(since) else { return "the link's start date \(since) is unreadable" }
        if day < opens { return "the link opens on \(since)" }
        return "the link ended on \(until ?? "an unreadable date")"
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
