import RosterCore

/// View models of the portal's pages. Everything a page shows is computed here, sorted and
/// labelled; the templates only place it. Values are escaped by the template engine.
enum Pages {
    typealias Context = [String: TemplateValue]

    static func overview(_ m: PortalModel) -> Context {
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
            ]
        }
        return PageContext.merge(
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

    static func orgRow(_ m: PortalModel, _ org: OrgRecord, root: String) -> Context {
        let shares = m.sharesOfOrg[org.id] ?? []
        return [
            "id": .string(org.id), "name": .string(org.name), "href": "\(root)orgs/\(org.id)/index.html",
            "status": .string(org.status.rawValue), "statusLabel": .string(Labels.status(org.status)),
            "teams": .int(org.teams.count), "users": .int(org.userCount), "invitations": .int(org.invitationCount),
            "hasInvitations": .bool(org.invitationCount > 0), "shareCount": .int(shares.count),
            "shareNames": .string(shares.map(\.share.name).joined(separator: ", ")),
            "created": .string(Labels.day(org.createdAt)),
            "expired": .bool(org.isExpired(on: m.today)), "until": .string(org.until ?? ""),
        ]
    }

    /// One page of the Consumer Orgs list (`number` from 1): ``ListPages/pageSize`` orgs in name
    /// order, and numbered links to the others, so every org is reachable without JavaScript.
    static func orgs(_ m: PortalModel, page number: Int) -> Context {
        let filters: [Context] = OrgStatus.allCases.map { s in
            ["value": .string(s.rawValue), "label": .string(Labels.status(s)), "count": .int(m.statusCounts[s] ?? 0)]
        }
        let pages = ListPages(total: m.orgsByName.count)
        let rows = m.orgsByName[pages.range(number)].map { orgRow(m, $0.record, root: "../") }
        return PageContext.merge(
            PageContext.frame(m, depth: 1, title: number == 1 ? "Consumer orgs" : "Consumer orgs, page \(number)", section: .orgs),
            ["rows": .rows(rows), "filters": .rows(filters), "total": .int(pages.total)].merging(
                pages.context(page: number, id: "orgs-pages", label: "Pages of consumer orgs")
            ) { $1 })
    }

    /// `frame`: the frame of every org page (``PageContext/frame(_:depth:title:section:)``),
    /// made once for 10,000 pages; its title is set here.
    static func org(_ m: PortalModel, _ file: OrgFile, frame: Context? = nil) -> Context {
        let org = file.record
        let teamsOf = Dictionary(grouping: org.teams.flatMap { t in t.members.map { ($0, t.name) } }, by: \.0).mapValues { $0.map(\.1) }
        let members: [Context] = org.members.sorted { $0.email < $1.email }.map { mem in
            [
                "name": "\(mem.firstName) \(mem.lastName)", "email": .string(m.email(mem.email)),
                "role": .string(mem.role.rawValue), "roleLabel": .string(Labels.role(mem.role)),
                "state": .string(mem.state.rawValue), "stateLabel": .string(Labels.state(mem.state)),
                "invitedAt": .string(Labels.day(mem.invitedAt)), "invitedBy": .string(m.email(mem.invitedBy)),
                "teams": .string((teamsOf[mem.email] ?? []).sorted().joined(separator: ", ")),
            ]
        }
        let names = Dictionary(org.members.map { ($0.email, "\($0.firstName) \($0.lastName)") }, uniquingKeysWith: { a, _ in a })
        let teams: [Context] = org.teams.sorted { ($0.isDefault ? 0 : 1, $0.name) < ($1.isDefault ? 0 : 1, $1.name) }.map { t in
            [
                "id": .string(t.id), "name": .string(t.name), "isDefault": .bool(t.isDefault),
                "countLabel": .string(Labels.plural(t.members.count, "member")),
                "members": .rows(t.members.sorted().map { ["name": .string(names[$0] ?? $0), "email": .string(m.email($0))] }),
            ]
        }
        let shares: [Context] = (m.sharesOfOrg[org.id] ?? []).map { s in
            [
                "name": .string(s.share.name), "href": "../../shares/\(s.share.id)/index.html", "since": .string(s.link.since),
                "until": .string(s.link.until ?? ""),
            ]
        }
        let history: [Context] = m.history.commits(touching: file.path).map { c in
            [
                "date": .string(Labels.day(c.date)), "author": .string(c.author), "subject": .string(m.email.text(c.subject)),
                "hash": .string(String(c.hash.prefix(8))),
            ]
        }
        var registration: Context = [:]
        if let r = org.registration {
            registration = [
                "requestedBy": .string(m.email(r.requestedBy)), "requestedAt": .string(Labels.day(r.requestedAt)),
                "decision": .string(r.decision?.rawValue ?? "pending"), "decidedBy": .string(r.decidedBy.map { m.email($0) } ?? ""),
                "decidedAt": .string(Labels.day(r.decidedAt)), "reason": .string(m.email.text(r.reason ?? "")),
            ]
        }
        let editURL = m.settings.portal.editURL.map { $0 + file.path } ?? ""
        var frame = frame ?? PageContext.frame(m, depth: 2, title: org.name, section: .orgs)
        frame["title"] = .string(org.name)
        return PageContext.merge(
            frame,
            [
                "org": .object(orgRow(m, org, root: "../../")),
                "statusChangedAt": .string(Labels.day(org.statusChangedAt)),
                "statusChangedBy": .string(org.statusChangedBy.map { m.email($0) } ?? ""),
                "hasRegistration": .bool(org.registration != nil), "registration": .object(registration),
                "members": .rows(members), "hasMembers": .bool(!members.isEmpty),
                "teamList": .rows(teams),
                "shares": .rows(shares), "hasShares": .bool(!shares.isEmpty),
                "history": .rows(history), "hasHistory": .bool(!history.isEmpty),
                "blocker": .string(org.connectionBlocker(on: m.today) ?? ""),
                "linkedShares": .string(
                    org.usersCanConnect(on: m.today) || shares.isEmpty
                        ? ""
                        : "It is still linked to \(Labels.plural(shares.count, "share")), which its users cannot use while it is \(org.isExpired(on: m.today) ? "expired" : org.status.rawValue)."
                ),
                "commands": .rows(HowTo.commands(for: org)), "editURL": .string(editURL), "file": .string(file.path),
            ].merging(lifecycle(m, org)) { $1 })
    }

    /// The org's end date and apps (content/consumer-lifecycle.md): each app with its team and who can use it.
    static func lifecycle(_ m: PortalModel, _ org: OrgRecord) -> Context {
        let names = Dictionary(org.members.map { ($0.email, "\($0.firstName) \($0.lastName)") }, uniquingKeysWith: { a, _ in a })
        let active = org.isActive(on: m.today)
        let apps: [Context] = org.apps.sorted { $0.name < $1.name }.map { app in
            let team = org.teams.first { $0.id == app.team }?.name ?? app.team
            return [
                "name": .string(app.name), "id": .string(app.id), "description": .string(m.email.text(app.description ?? "")),
                "team": .string(team), "audience": .string(app.visibility == .org ? "every member of the org" : "the members of \(team)"),
                "users": .string(org.users(of: app).map { names[$0] ?? m.email($0) }.joined(separator: ", ")),
                "shares": .string(app.shares.sorted().joined(separator: ", ")), "createdBy": .string(m.email(app.createdBy)),
                "createdAt": .string(Labels.day(app.createdAt)), "inactive": .bool(!active),
            ]
        }
        return [
            "until": .string(org.until ?? ""), "expired": .bool(org.isExpired(on: m.today)),
            "apps": .rows(apps), "hasApps": .bool(!apps.isEmpty),
        ]
    }

    /// The oldest pending registrations the overview lists; the others are in the queue's pages.
    static let overviewPending = 10

    /// One page of the shares list (`number` from 1), in natural name order.
    static func shares(_ m: PortalModel, page number: Int) -> Context {
        let pages = ListPages(total: m.sharesByName.count)
        let rows: [Context] = m.sharesByName[pages.range(number)].map { s in
            [
                "id": .string(s.record.id), "name": .string(s.record.name), "description": .string(m.email.text(s.record.description)),
                "href": "\(s.record.id)/index.html", "consumers": .int(s.record.consumers.count),
            ]
        }
        return PageContext.merge(
            PageContext.frame(m, depth: 1, title: number == 1 ? "Shares" : "Shares, page \(number)", section: .shares),
            ["rows": .rows(rows), "total": .int(pages.total)].merging(pages.context(page: number, id: "shares-pages", label: "Pages of shares")) {
                $1
            })
    }

    static func share(_ m: PortalModel, _ file: ShareFile, frame: Context? = nil) -> Context {
        let consumers: [Context] = file.record.consumers.sorted { (m.orgNames[$0.org] ?? $0.org) < (m.orgNames[$1.org] ?? $1.org) }.map { link in
            let status = m.orgStatus[link.org]
            return [
                "name": .string(m.orgNames[link.org] ?? link.org), "href": "../../orgs/\(link.org)/index.html",
                "status": .string(status?.rawValue ?? ""), "statusLabel": .string(status.map(Labels.status) ?? ""),
                "blocker": .string(status == nil ? "the org does not exist" : m.orgBlockers[link.org] ?? ""),
                "since": .string(link.since), "until": .string(link.until ?? ""),
            ]
        }
        var frame = frame ?? PageContext.frame(m, depth: 2, title: file.record.name, section: .shares)
        frame["title"] = .string(file.record.name)
        return PageContext.merge(
            frame,
            [
                "share": [
                    "id": .string(file.record.id), "name": .string(file.record.name), "description": .string(m.email.text(file.record.description)),
                ],
                "consumers": .rows(consumers), "hasConsumers": .bool(!consumers.isEmpty),
                "editURL": .string(m.settings.portal.editURL.map { $0 + file.path } ?? ""), "file": .string(file.path),
                "commands": [
                    ["label": "Give an org access", "command": "roster share add-org \(file.record.id) ORG-ID"],
                    ["label": "End an org's access", "command": "roster share remove-org \(file.record.id) ORG-ID"],
                ],
            ])
    }

    /// One page of the registration queue (`number` from 1), oldest request first; the first
    /// page also shows the recent decisions.
    static func registrations(_ m: PortalModel, page number: Int) -> Context {
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
        return PageContext.merge(
            PageContext.frame(m, depth: 1, title: number == 1 ? "Registrations" : "Registrations, page \(number)", section: .registrations),
            [
                "pending": .rows(m.pendingRegistrations[pages.range(number)].map(row)), "hasPending": .bool(!m.pendingRegistrations.isEmpty),
                "decided": .rows(number == 1 ? m.recentDecisions.map(row) : []), "hasDecided": .bool(!m.recentDecisions.isEmpty),
                "firstPage": .bool(number == 1), "total": .int(pages.total),
                "registrationEnabled": .bool(m.settings.registration.enabled), "autoApprove": .bool(m.settings.registration.autoApprove),
            ].merging(pages.context(page: number, id: "registrations-pages", label: "Pages of the registration queue")) { $1 })
    }

    static func doc(_ m: PortalModel, _ page: DocsSite.Page) -> Context {
        let toc: [Context] = page.headings.filter { $0.level == 2 }.map { ["text": .string($0.text), "anchor": .string($0.anchor)] }
        var frame = PageContext.frame(m, depth: 2, title: page.front.title, section: .docs)
        frame["docsNav"] = .rows(
            m.docs.pages.map { p -> Context in
                ["title": .string(p.front.title), "href": "../\(p.slug)/index.html", "current": .bool(p.slug == page.slug)]
            })
        return PageContext.merge(
            frame,
            [
                "content": .string(page.html), "description": .string(page.front.description ?? ""),
                "toc": .rows(toc), "hasToc": .bool(toc.count > 1),
            ])
    }
}

/// The file name part of a record path: `data/orgs/acme.json` -> `acme`.
enum RecordFileName {
    static func id(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".json") ? String(name.dropLast(5)) : name
    }
}

/// "How to change this": the exact commands for an org, shown on its page and by `roster org show`.
public enum HowTo {
    static func commands(for org: OrgRecord) -> [[String: TemplateValue]] {
        steps(for: org).map { ["label": .string($0.label), "command": .string($0.command)] }
    }

    /// What one can do to the org in its status, each with its command.
    public static func steps(for org: OrgRecord) -> [(label: String, command: String)] {
        let id = org.id
        var out: [(label: String, command: String)] = []
        switch org.status {
        case .pending:
            out.append(("Approve the registration", "roster org approve \(id)"))
            out.append(("Reject it, with a reason", "roster org reject \(id) --reason '...'"))
        case .enabled:
            out.append(("Disable it (users can no longer connect)", "roster org disable \(id)"))
            out.append(("Invite a member", "roster member invite \(id) EMAIL --first FIRST --last LAST --role team-member"))
            out.append(("Give it access to a share", "roster share add-org SHARE-ID \(id)"))
        case .disabled:
            out.append(("Enable it again", "roster org enable \(id)"))
        case .rejected:
            break
        }
        out.append(("Rename it", "roster org rename \(id) 'NEW NAME'"))
        out.append(("Delete it (see the impact first)", "roster org delete \(id) --confirm \(shellQuoted(org.name)) --dry-run"))
        return out
    }

    /// Single-quoted for a POSIX shell, whatever the name holds.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
