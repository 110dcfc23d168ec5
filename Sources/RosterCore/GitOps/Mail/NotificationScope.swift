/// What planning the e-mails of a comparison knows beyond each event: the settings, the events
/// with renamed orgs paired, every org at the head by id, and the lifecycle context.
struct NotificationScope {
    let settings: MarketplaceSettings
    /// `portal.baseURL` with a trailing slash, when set.
    let baseURL: String?
    let changes: NotifiedChanges
    let orgsByID: [String: OrgRecord]
    let lifecycle: LifecycleContext

    init(_ c: Comparison, today: CalendarDate?, head: Snapshot?) {
        settings = c.head.settings ?? c.base.settings ?? MarketplaceSettings(providerName: "")
        baseURL = settings.portal.baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        changes = NotifiedChanges(c)
        let headOrgs = head?.orgs.map(\.record) ?? Array(c.head.orgs.values)
        orgsByID = Dictionary(headOrgs.map { ($0.id, $0) }) { a, _ in a }
        lifecycle = LifecycleContext(comparison: c, settings: settings, today: today, head: head)
    }
}
