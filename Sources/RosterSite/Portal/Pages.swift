import RosterCore
import RosterTemplates

/// View models of the portal's pages. Everything a page shows is computed here, sorted and
/// labelled; the templates only place it. Values are escaped by the template engine.
enum Pages {
    typealias Context = [String: TemplateValue]

    static func overview(_ m: PortalModel) -> [TemplateValue] {
        let counts: [Context] = OrgStatus.allCases.map { status in
            ["status": .string(status.rawValue), "statusLabel": .string(Labels.status(status)), "count": .int(m.statusCounts[status] ?? 0)]
        }
        let pending: [Context] = m.pendingRegistrations.prefix(overviewPending).map { org in
            [
                "name": .string(org.name), "href": "orgs/\(org.id)/index.html", "requestedBy": .string(m.email(org.registration?.requestedBy ?? "")),
                "requestedAt": .string(Labels.day(org.registration?.requestedAt)),
            ]
        }
        let recent: [Context] = m.history.commits.prefix(10).map { c in
            [
                "date": .string(Labels.day(c.date)), "author": .string(c.author), "subject": .string(m.email.text(c.subject)),
                "hash": .string(String(c.hash.prefix(8))),
                "files": .rows(
                    c.files.prefix(5).map { file -> Context in
                        let id = RecordFileName.id(file)
                        let exists = file.hasPrefix(Snapshot.orgsDirectory) ? m.orgNames[id] != nil : m.snapshot.share(id) != nil
                        let kind = file.hasPrefix(Snapshot.orgsDirectory) ? "orgs" : "shares"
                        return ["label": .string(id), "href": .string(exists && file != Snapshot.marketplacePath ? "\(kind)/\(id)/index.html" : "")]
                    }),
                // A commit of many records names five and counts the rest.
                "more": .string(c.files.count > 5 ? "and \(c.files.count - 5) more" : ""),
            ]
        }
        return PageContext.page(
            PageContext.frame(m, depth: 0, title: "Overview", section: .overview),
            [
                "statusCounts": .rows(counts),
                "orgCount": .int(m.snapshot.orgs.count), "teamCount": .int(m.teamCount), "userCount": .int(m.userCount),
                "invitationCount": .int(m.invitationCount), "hasInvitations": .bool(m.invitationCount > 0),
                "shareCount": .int(m.snapshot.shares.count),
                "pending": .rows(pending), "hasPending": .bool(!pending.isEmpty),
                "morePending": .int(m.pendingRegistrations.count - pending.count),
                "hasMorePending": .bool(m.pendingRegistrations.count > pending.count),
                "recent": .rows(recent), "hasRecent": .bool(!recent.isEmpty),
                "revision": .string(m.history.head.map { String($0.prefix(12)) } ?? ""),
            ])
    }

    static func orgRow(_ m: PortalModel, _ org: OrgRecord, root: String) -> TemplateFields {
        let row = OrgRow(m, org, shares: m.sharesOfOrg[org.id] ?? [], root: root)
        return TemplateFields(OrgRow.keys.map { ($0, row.value($0, of: org) ?? "") })
    }

    /// One page of the Consumer Orgs list (`number` from 1): ``ListPages/pageSize`` orgs in name
    /// order, and numbered links to the others, so every org is reachable without JavaScript.
    static func orgs(_ m: PortalModel, page number: Int) -> [TemplateValue] {
        let filters: [Context] = OrgStatus.allCases.map { s in
            ["value": .string(s.rawValue), "label": .string(Labels.status(s)), "count": .int(m.statusCounts[s] ?? 0)]
        }
        let pages = ListPages(total: m.orgOrder.count)
        let rows = m.orgOrder[pages.range(number)].map { k in m.snapshot.orgs[k].withRecord { orgRow(m, $0, root: "../") } }
        return PageContext.page(
            PageContext.frame(m, depth: 1, title: number == 1 ? "Consumer orgs" : "Consumer orgs, page \(number)", section: .orgs),
            ["rows": .fieldRows(rows), "filters": .rows(filters), "total": .int(pages.total)].merging(
                pages.context(page: number, id: "orgs-pages", label: "Pages of consumer orgs")
            ) { $1 })
    }

    /// The oldest pending registrations the overview lists; the others are in the queue's pages.
    static let overviewPending = 10

    /// One page of the shares list (`number` from 1), in natural name order.
    static func shares(_ m: PortalModel, page number: Int) -> [TemplateValue] {
        let pages = ListPages(total: m.sharesByName.count)
        let rows: [Context] = m.sharesByName[pages.range(number)].map { s in
            [
                "id": .string(s.record.id), "name": .string(s.record.name), "description": .string(m.email.text(s.record.description)),
                "href": "\(s.record.id)/index.html", "consumers": .int(s.record.consumers.count),
            ]
        }
        return PageContext.page(
            PageContext.frame(m, depth: 1, title: number == 1 ? "Shares" : "Shares, page \(number)", section: .shares),
            ["rows": .rows(rows), "total": .int(pages.total)].merging(pages.context(page: number, id: "shares-pages", label: "Pages of shares")) {
                $1
            })
    }

    /// The org's blocker when it has one (an empty one is none), else the link's.
    static func blocker(_ org: String?, _ link: String?) -> String {
        if let org, !org.isEmpty { return org }
        return link ?? ""
    }

    static func share(_ m: PortalModel, _ file: ShareFile, frame: TemplateFields? = nil) -> [TemplateValue] {
        // Names looked up once, not twice per comparison. The model's tables are taken out of
        // it once a page: read through `m` for each consumer, each read took a reference count
        // on the same table from both threads.
        let links = file.record.consumers
        let orgNames = m.orgNames, orgStatus = m.orgStatus, orgBlockers = m.orgBlockers, today = m.today
        let names = links.map { orgNames[$0.org] ?? $0.org }
        let consumers: [TemplateFields] = links.indices.sorted { names[$0] < names[$1] }.map { k in
            let link = links[k]
            let status = orgStatus[link.org]
            return [
                .name: .string(names[k]), .href: "../../orgs/\(link.org)/index.html",
                .status: .string(status?.rawValue ?? ""), .statusLabel: .string(status.map(Labels.status) ?? ""),
                // Why this org's users cannot use the share today: the org, else the link's dates
                // (as `roster share show` says, and the export grants).
                .blocker: .string(status == nil ? "the org does not exist" : blocker(orgBlockers[link.org], link.closedReason(on: today))),
                .since: .string(link.since), .until: .string(link.until ?? ""),
            ]
        }
        let id = file.record.id
        let page: TemplateFields = [
            .title: .string(file.record.name),
            .share: .fields([.id: .string(id), .name: .string(file.record.name), .description: .string(m.email.text(file.record.description))]),
            .consumers: .fieldRows(consumers), .hasConsumers: .bool(!consumers.isEmpty),
            .editURL: .string(m.settings.portal.editURL.map { $0 + file.path } ?? ""), .file: .string(file.path),
            .commands: .fieldRows([
                [.label: "Give an org access", .command: "roster share add-org \(id) ORG-ID"],
                [.label: "End an org's access", .command: "roster share remove-org \(id) ORG-ID"],
            ]),
        ]
        return [.fields(frame ?? PageContext.frame(m, depth: 2, title: file.record.name, section: .shares)), .fields(page)]
    }

    /// One page of the registration queue (`number` from 1), oldest request first; the first
    /// page also shows the recent decisions.
    static func registrations(_ m: PortalModel, page number: Int) -> [TemplateValue] {
        let pages = ListPages(total: m.pendingRegistrations.count)
        let row = { (org: OrgRecord) -> Context in
            [
                "name": .string(org.name), "id": .string(org.id), "href": "../orgs/\(org.id)/index.html", "status": .string(org.status.rawValue),
                "statusLabel": .string(Labels.status(org.status)),
                "decision": .string(org.registration?.decision == .rejected ? "rejected" : "enabled"),
                "decisionLabel": .string(org.registration?.decision.map { $0 == .approved ? "Approved" : "Rejected" } ?? ""),
                "requestedBy": .string(m.email(org.registration?.requestedBy ?? "")),
                "requestedAt": .string(Labels.day(org.registration?.requestedAt)), "decidedBy": .string(m.email(org.registration?.decidedBy ?? "")),
                "decidedAt": .string(Labels.day(org.registration?.decidedAt)), "reason": .string(m.email.text(org.registration?.reason ?? "")),
            ]
        }
        return PageContext.page(
            PageContext.frame(m, depth: 1, title: number == 1 ? "Registrations" : "Registrations, page \(number)", section: .registrations),
            [
                "pending": .rows(m.pendingRegistrations[pages.range(number)].map(row)), "hasPending": .bool(!m.pendingRegistrations.isEmpty),
                "decided": .rows(number == 1 ? m.recentDecisions.map(row) : []), "hasDecided": .bool(!m.recentDecisions.isEmpty),
                "firstPage": .bool(number == 1), "total": .int(pages.total),
                "registrationEnabled": .bool(m.settings.registration.enabled), "autoApprove": .bool(m.settings.registration.autoApprove),
            ].merging(pages.context(page: number, id: "registrations-pages", label: "Pages of the registration queue")) { $1 })
    }

    static func doc(_ m: PortalModel, _ page: DocsSite.Page) -> [TemplateValue] {
        let toc: [Context] = page.headings.filter { $0.level == 2 }.map { ["text": .string($0.text), "anchor": .string($0.anchor)] }
        let docsNav: [Context] = m.docs.pages.map { p in
            ["title": .string(p.front.title), "href": "../\(p.slug)/index.html", "current": .bool(p.slug == page.slug)]
        }
        return PageContext.page(
            PageContext.frame(m, depth: 2, title: page.front.title, section: .docs),
            [
                "docsNav": .rows(docsNav), "content": .string(page.html), "description": .string(page.front.description ?? ""),
                "toc": .rows(toc), "hasToc": .bool(toc.count > 1),
            ])
    }
}

/// An org's values as a row of the orgs list and at the top of its page (`org`), each found
/// by its name: the org page asks for the few it shows, the list makes them all.
struct OrgRow {
    let m: PortalModel
    let shares: [(share: ShareName, link: ShareLink)]
    /// The site root, relative to the page.
    let root: String
    /// Active users and open invitations (``PortalModel/counts(_:)``), counted once.
    let users: Int, invitations: Int

    /// The record lent, as ``MemberLookup/init(_:)`` has it.
    init(_ m: PortalModel, _ org: borrowing OrgRecord, shares: [(share: ShareName, link: ShareLink)], root: String) {
        (self.m, self.shares, self.root) = (m, shares, root)
        (users, invitations) = m.counts(org)
    }

    static let keys: [TemplateKey] = [
        .id, .name, .href, .status, .statusLabel, .teams, .users, .invitations, .hasInvitations, .shareCount, .shareNames, .created, .expired,
        .until,
    ]

    func value(_ key: TemplateKey, of org: OrgRecord) -> TemplateValue? {
        switch key {
        case .id: .string(org.id)
        case .name: .string(org.name)
        case .href: .string(root + "orgs/" + org.id + "/index.html")
        case .status: .string(org.status.rawValue)
        case .statusLabel: .string(Labels.status(org.status))
        case .teams: .int(org.teams.count)
        case .users: .int(users)
        case .invitations: .int(invitations)
        case .hasInvitations: .bool(invitations > 0)
        case .shareCount: .int(shares.count)
        case .shareNames: .string(shares.map(\.share.name).joined(separator: ", "))
        case .created: .string(Labels.day(org.createdAt))
        case .expired: .bool(org.isExpired(on: m.today))
        case .until: .string(org.until ?? "")
        default: nil
        }
    }
}
