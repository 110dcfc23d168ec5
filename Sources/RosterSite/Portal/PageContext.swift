import RosterCore

/// The parts every page shares: where the site root is relative to the page, the title, the
/// navigation with the current section marked, and the docs menu.
enum PageContext {
    enum Section: String {
        case overview, orgs, shares, registrations, docs, none
    }

    /// `depth` is the number of folders between the page and the site root.
    static func frame(_ model: PortalModel, depth: Int, title: String, section: Section) -> [String: Any] {
        let root = String(repeating: "../", count: depth)
        let pending = model.pendingRegistrations.count
        let nav: [[String: Any]] = [
            ["label": "Overview", "href": root + "index.html", "current": section == .overview],
            ["label": "Consumer orgs", "href": root + "orgs/index.html", "current": section == .orgs],
            ["label": "Shares", "href": root + "shares/index.html", "current": section == .shares],
            ["label": "Registrations", "href": root + "registrations/index.html", "current": section == .registrations,
             "badge": pending > 0 ? String(pending) : ""],
            ["label": "Docs", "href": root + (model.docs.pages.first.map { "docs/\($0.slug)/index.html" } ?? "index.html"), "current": section == .docs],
        ]
        let docs: [[String: Any]] = model.docs.pages.map { ["title": $0.front.title, "href": root + "docs/\($0.slug)/index.html"] }
        return [
            "root": root,
            "title": title,
            "siteTitle": model.siteTitle,
            "provider": model.settings.providerName,
            "nav": nav,
            "docsNav": docs,
        ]
    }

    static func merge(_ base: [String: Any], _ extra: [String: Any]) -> [String: Any] {
        base.merging(extra) { _, new in new }
    }
}
