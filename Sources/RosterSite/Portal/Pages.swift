import RosterCore

/// View models of the portal's pages. Everything a page shows is computed here, sorted and
/// labelled; the templates only place it. Values are escaped by the template engine.
enum Pages {
    typealias Context = [String: TemplateValue]

    static func overview(_ m: PortalModel) -> [TemplateValue] {
        let counts: [Context] = OrgStatus.allCases.map { status in
            ["status": .string(status.rawValue), "statusLabel": .string(Labels.status(status)), "count": .int(m.statusCounts[status] ?? 0)]
        }
        let pending: [Context] = m.pendingRegistrations.map { org in
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
                "recent": .rows(recent), "hasRecent": .bool(!recent.isEmpty),
                "revision": .string(m.history.head.map { String($0.prefix(12)) } ?? ""),
            ])
    }

    static func orgRow(_ m: PortalModel, _ org: OrgRecord, root: String) -> TemplateFields {
        let shares = m.sharesOfOrg[org.id] ?? []
        let (users, invitations) = m.counts(org)
        return [
            .id: .string(org.id), .name: .string(org.name), .href: "\(root)orgs/\(org.id)/index.html",
            .status: .string(org.status.rawValue), .statusLabel: .string(Labels.status(org.status)),
            .teams: .int(org.teams.count), .users: .int(users), .invitations: .int(invitations),
            .hasInvitations: .bool(invitations > 0), .shareCount: .int(shares.count),
            .shareNames: .string(shares.map(\.share.name).joined(separator: ", ")),
            .created: .string(Labels.day(org.createdAt)),
            .expired: .bool(org.isExpired(on: m.today)), .until: .string(org.until ?? ""),
        ]
    }

    /// One page of the Consumer Orgs list (`number` from 1): ``OrgsIndex/pageSize`` orgs in name
    /// order, and numbered links to the others, so every org is reachable without JavaScript.
    static func orgs(_ m: PortalModel, page number: Int) -> [TemplateValue] {
        let filters: [Context] = OrgStatus.allCases.map { s in
            ["value": .string(s.rawValue), "label": .string(Labels.status(s)), "count": .int(m.statusCounts[s] ?? 0)]
        }
        let total = m.orgsByName.count
        let pages = OrgsPages.count(total)
        let start = (number - 1) * OrgsIndex.pageSize, end = min(total, start + OrgsIndex.pageSize)
        let rows = m.orgsByName[start..<end].map { orgRow(m, $0.record, root: "../") }
        return PageContext.page(
            PageContext.frame(m, depth: 1, title: number == 1 ? "Consumer orgs" : "Consumer orgs, page \(number)", section: .orgs),
            [
                "rows": .fieldRows(rows), "filters": .rows(filters), "total": .int(total),
                "page": .int(number), "pageCount": .int(pages), "paged": .bool(pages > 1),
                "first": .int(total == 0 ? 0 : start + 1), "last": .int(end),
                "pages": .rows(OrgsPages.links(page: number, of: pages)),
                "previous": .string(number > 1 ? OrgsPages.file(number - 1) : ""), "next": .string(number < pages ? OrgsPages.file(number + 1) : ""),
            ])
    }

    static func shares(_ m: PortalModel) -> [TemplateValue] {
        let rows: [Context] = m.snapshot.shares.sorted { $0.record.name < $1.record.name }.map { s in
            [
                "id": .string(s.record.id), "name": .string(s.record.name), "description": .string(m.email.text(s.record.description)),
                "href": "\(s.record.id)/index.html", "consumers": .int(s.record.consumers.count),
            ]
        }
        return PageContext.page(PageContext.frame(m, depth: 1, title: "Shares", section: .shares), ["rows": .rows(rows)])
    }

    static func share(_ m: PortalModel, _ file: ShareFile, frame: TemplateFields? = nil) -> [TemplateValue] {
        // Names looked up once, not twice per comparison.
        let links = file.record.consumers
        let names = links.map { m.orgNames[$0.org] ?? $0.org }
        let consumers: [TemplateFields] = links.indices.sorted { names[$0] < names[$1] }.map { k in
            let link = links[k]
            let status = m.orgStatus[link.org]
            return [
                .name: .string(names[k]), .href: "../../orgs/\(link.org)/index.html",
                .status: .string(status?.rawValue ?? ""), .statusLabel: .string(status.map(Labels.status) ?? ""),
                .blocker: .string(status == nil ? "the org does not exist" : m.orgBlockers[link.org] ?? ""),
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

    static func registrations(_ m: PortalModel) -> [TemplateValue] {
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
            PageContext.frame(m, depth: 1, title: "Registrations", section: .registrations),
            [
                "pending": .rows(m.pendingRegistrations.map(row)), "hasPending": .bool(!m.pendingRegistrations.isEmpty),
                "decided": .rows(m.recentDecisions.map(row)), "hasDecided": .bool(!m.recentDecisions.isEmpty),
                "registrationEnabled": .bool(m.settings.registration.enabled), "autoApprove": .bool(m.settings.registration.autoApprove),
            ])
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
