import RosterCore
import RosterTemplates

/// The parts every page shares: where the site root is relative to the page, the title, the
/// navigation with the current section marked, and the docs menu.
enum PageContext {
    enum Section: String {
        case overview, orgs, shares, registrations, docs, none
    }

    /// `depth` is the number of folders between the page and the site root.
    static func frame(_ model: PortalModel, depth: Int, title: String, section: Section) -> TemplateFields {
        let root = String(repeating: "../", count: depth)
        let pending = model.pendingRegistrations.count
        let nav: [TemplateFields] = [
            [.label: "Overview", .href: "\(root)index.html", .current: .bool(section == .overview)],
            [.label: "Consumer orgs", .href: "\(root)orgs/index.html", .current: .bool(section == .orgs)],
            [.label: "Shares", .href: "\(root)shares/index.html", .current: .bool(section == .shares)],
            [
                .label: "Registrations", .href: "\(root)registrations/index.html", .current: .bool(section == .registrations),
                .badge: .string(pending > 0 ? String(pending) : ""),
            ],
            [
                .label: "Docs", .href: .string(root + (model.docs.pages.first.map { "docs/\($0.slug)/index.html" } ?? "index.html")),
                .current: .bool(section == .docs),
            ],
        ]
        let docs: [TemplateFields] = model.docs.pages.map {
            [.title: .string($0.front.title), .href: "\(root)docs/\($0.slug)/index.html"]
        }
        return [
            .root: .string(root), .title: .string(title), .siteTitle: .string(model.siteTitle),
            .provider: .string(model.settings.providerName), .nav: .fieldRows(nav), .docsNav: .fieldRows(docs),
        ]
    }

    /// The values of a page over the frame: a name the page gives hides the frame's.
    static func page(_ frame: TemplateFields, _ values: [String: TemplateValue]) -> [TemplateValue] {
        [.fields(frame), .object(values)]
    }
}
