/// What the e-mails of the consumer lifecycle (content/consumer-lifecycle.md) need beyond the event: the edit link of
/// an org's file, the impact of a deletion, a share's name and dates, an org's end date, and the
/// reminders of end dates that are near.
struct LifecycleContext {
    let comparison: Comparison
    let settings: MarketplaceSettings
    let today: CalendarDate?
    /// Every record at the head, when known.
    let head: Snapshot?

    /// `portal.editURL` followed by the file's path, or "" when the settings give none.
    func editURL(_ path: String) -> String {
        guard let prefix = settings.portal.editURL else { return "" }
        return (prefix.hasSuffix("/") ? prefix : prefix + "/") + path
    }

    /// `2026-12-07 10:00 UTC`: an RFC 3339 time as people read it.
    static func readable(_ timestamp: String) -> String? {
        guard let date = Timestamps.adding(days: 0, to: timestamp) else { return nil }
        return date.prefix(10) + " " + date.dropFirst(11).prefix(5) + " UTC"
    }

    /// A deleted org's super admins (in the base) and the provider admins (or admin recipients).
    func deletionRecipients(_ org: OrgRecord?) -> [String] {
        let admins = settings.notifications.adminRecipients.isEmpty ? settings.admins : settings.notifications.adminRecipients
        return Array(Set((org?.superAdmins ?? []).map(\.email) + admins)).sorted()
    }

    func deletionValues(_ org: OrgRecord?) -> [String: String] {
        guard let org else { return [:] }
        let shares = comparison.base.shares.values.filter { $0.consumers.contains { $0.org == org.id } }.map(\.name).sorted()
        let active = org.members.filter { $0.state == .active }.count
        var impact = "\(Plural.count(org.members.count, "member")) (\(active) active), \(Plural.count(org.teams.count, "team"))"
        if !org.apps.isEmpty { impact += ", \(Plural.count(org.apps.count, "app"))" }
        return ["impact": impact, "shares": shares.joined(separator: ", ")]
    }

    func shareValues(_ e: ChangeEvent) -> [String: String] {
        let share = (comparison.head.shares.values.first { $0.id == e.share } ?? comparison.base.shares.values.first { $0.id == e.share })
        var values = ["share": share?.name ?? e.share ?? "", "shareID": e.share ?? "", "since": e.from ?? ""]
        if e.kind == .shareLinked, let until = e.to { values["until"] = until }
        return values
    }

    func endValues(_ e: ChangeEvent) -> [String: String] {
        var values = ["until": e.to ?? "none"]
        if e.to != nil { values["expiry"] = "yes" }
        if let to = e.to.flatMap(Formats.date), let today { values["days"] = String(to.dayNumber - today.dayNumber) }
        return values
    }

    /// One `org.expiring` event per org of the head whose end date is at most 30 days after
    /// `today` and not past; its e-mail's identity (the org and the date) makes it go out once.
    func reminders() -> [ChangeEvent] {
        guard let today else { return [] }
        let orgs = head?.orgs.map { ($0.path, $0.record) } ?? comparison.head.orgs.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return orgs.compactMap { path, org in
            guard org.status == .enabled, let text = org.until, let until = Formats.date(text), today < until,
                until.dayNumber - today.dayNumber <= OrgRecord.expiryNoticeDays
            else { return nil }
            return ChangeEvent(.orgExpiring, path: path, org: org.id, to: text)
        }
    }

}
