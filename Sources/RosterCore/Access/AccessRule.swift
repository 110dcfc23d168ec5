/// Who may connect, and to which shares, on a given day (content/enforcing-access.md).
///
/// Everything that tells a system outside the repository who has access (the export, the SCIM
/// sync, the access impact of a pull request) asks this one rule, so they can never disagree.
/// The rule denies by default: a date that does not parse grants nothing.
public enum AccessRule {
    /// An org admits its users on `day` when it is `enabled` and `day` is before its `until`
    /// (the end of its contract), when it has one. Pending, rejected and disabled orgs admit no
    /// one, nor does an org whose `until` does not parse.
    public static func orgIsActive(_ org: OrgRecord, on day: CalendarDate) -> Bool {
        guard org.status == .enabled else { return false }
        guard let text = org.until else { return true }
        guard let until = Formats.date(text) else { return false }
        return day < until
    }

    /// A user **can connect** on `day` when their org is active on that day and their membership
    /// is `active` (an invitation not yet accepted grants nothing).
    public static func canConnect(org: OrgRecord, member: Membership, on day: CalendarDate) -> Bool {
        member.state == .active && orgIsActive(org, on: day)
    }

    /// A share link is open on `day` when `since` <= `day` < `until` (no `until`: open-ended).
    public static func linkIsOpen(_ link: ShareLink, on day: CalendarDate) -> Bool {
        guard let since = Formats.date(link.since), since <= day else { return false }
        guard let text = link.until else { return true }
        guard let until = Formats.date(text) else { return false }
        return day < until
    }

    /// A user **has access to a share** on `day` when they can connect and the share lists their
    /// org with a link open on that day.
    public static func hasAccess(org: OrgRecord, member: Membership, share: ShareRecord, on day: CalendarDate) -> Bool {
        guard canConnect(org: org, member: member, on: day) else { return false }
        return share.consumers.contains { $0.org == org.id && linkIsOpen($0, on: day) }
    }
}
