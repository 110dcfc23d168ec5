import RosterCore

/// View models of the portal's pages. Everything a page shows is computed here, sorted and
/// labelled; the templates only place it. Values are escaped by the template engine.
enum Pages {
    static func overview(_ m: PortalModel) -> [String: Any] {
        let counts: [[String: Any]] = OrgStatus.allCases.map { status in
            ["status": status.rawValue, "statusLabel": Labels.status(status), "count": m.statusCounts[status] ?? 0]
        }
        let pending: [[String: Any]] = m.pendingRegistrations.map { org in
            ["name": org.name, "href": "orgs/\(org.id)/index.html", "requestedBy": m.email(org.registration?.requestedBy ?? ""),
             "requestedAt": Labels.day(org.registration?.requestedAt)]
        }
        let recent: [[String: Any]] = m.history.commits.prefix(10).map { c in
            ["date": Labels.day(c.date), "author": c.author, "subject": m.email.text(c.subject), "hash": String(c.hash.prefix(8)),
             "files": c.files.prefix(5).map { file -> [String: Any] in
                 let id = RecordFileName.id(file)
                 let exists = file.hasPrefix(Snapshot.orgsDirectory) ? m.orgNames[id] != nil : m.snapshot.share(id) != nil
                 let kind = file.hasPrefix(Snapshot.orgsDirectory) ? "orgs" : "shares"
                 return ["label": id, "href": exists && file != Snapshot.marketplacePath ? "\(kind)/\(id)/index.html" : ""]
             }]
        }
        return PageContext.merge(PageContext.frame(m, depth: 0, title: "Overview", section: .overview), [
            "statusCounts": counts,
            "orgCount": m.snapshot.orgs.count, "teamCount": m.teamCount, "userCount": m.userCount, "shareCount": m.snapshot.shares.count,
            "pending": pending, "hasPending": !pending.isEmpty,
            "recent": recent, "hasRecent": !recent.isEmpty,
            "revision": m.history.head.map { String($0.prefix(12)) } ?? "",
        ])
    }

    static func orgRow(_ m: PortalModel, _ org: OrgRecord, root: String) -> [String: Any] {
        let shares = m.sharesOfOrg[org.id] ?? []
        return [
            "id": org.id, "name": org.name, "href": root + "orgs/\(org.id)/index.html",
            "status": org.status.rawValue, "statusLabel": Labels.status(org.status),
            "teams": org.teams.count, "users": org.members.count, "shareCount": shares.count,
            "shareNames": shares.map(\.share.name).joined(separator: ", "),
            "created": Labels.day(org.createdAt),
            "search": "\(org.name) \(org.id)".lowercased(),
        ]
    }

    static func orgs(_ m: PortalModel) -> [String: Any] {
        let filters: [[String: Any]] = OrgStatus.allCases.map { s in
            ["value": s.rawValue, "label": Labels.status(s), "count": m.statusCounts[s] ?? 0]
        }
        return PageContext.merge(PageContext.frame(m, depth: 1, title: "Consumer orgs", section: .orgs), [
            "rows": m.orgsByName.map { orgRow(m, $0.record, root: "../") },
            "filters": filters, "total": m.snapshot.orgs.count,
        ])
    }

    static func org(_ m: PortalModel, _ file: OrgFile) -> [String: Any] {
        let org = file.record
        let teamsOf = Dictionary(grouping: org.teams.flatMap { t in t.members.map { ($0, t.name) } }, by: \.0).mapValues { $0.map(\.1) }
        let members: [[String: Any]] = org.members.sorted { $0.email < $1.email }.map { mem in
            ["name": "\(mem.firstName) \(mem.lastName)", "email": m.email(mem.email),
             "role": mem.role.rawValue, "roleLabel": Labels.role(mem.role), "state": mem.state.rawValue, "stateLabel": Labels.state(mem.state),
             "invitedAt": Labels.day(mem.invitedAt), "invitedBy": m.email(mem.invitedBy),
             "teams": (teamsOf[mem.email] ?? []).sorted().joined(separator: ", ")]
        }
        let names = Dictionary(org.members.map { ($0.email, "\($0.firstName) \($0.lastName)") }, uniquingKeysWith: { a, _ in a })
        let teams: [[String: Any]] = org.teams.sorted { ($0.isDefault ? 0 : 1, $0.name) < ($1.isDefault ? 0 : 1, $1.name) }.map { t in
            ["id": t.id, "name": t.name, "isDefault": t.isDefault, "countLabel": Labels.plural(t.members.count, "member"),
             "members": t.members.sorted().map { ["name": names[$0] ?? $0, "email": m.email($0)] }]
        }
        let shares: [[String: Any]] = (m.sharesOfOrg[org.id] ?? []).map { s in
            ["name": s.share.name, "href": "../../shares/\(s.share.id)/index.html", "since": s.link.since, "until": s.link.until ?? ""]
        }
        let history: [[String: Any]] = m.history.commits(touching: file.path).map { c in
            ["date": Labels.day(c.date), "author": c.author, "subject": m.email.text(c.subject), "hash": String(c.hash.prefix(8))]
        }
        var registration: [String: Any] = [:]
        if let r = org.registration {
            registration = ["requestedBy": m.email(r.requestedBy), "requestedAt": Labels.day(r.requestedAt),
                            "decision": r.decision?.rawValue ?? "pending", "decidedBy": r.decidedBy.map { m.email($0) } ?? "",
                            "decidedAt": Labels.day(r.decidedAt), "reason": m.email.text(r.reason ?? "")]
        }
        let editURL = m.settings.portal.editURL.map { $0 + file.path } ?? ""
        return PageContext.merge(PageContext.frame(m, depth: 2, title: org.name, section: .orgs), [
            "org": orgRow(m, org, root: "../../"),
            "statusChangedAt": Labels.day(org.statusChangedAt), "statusChangedBy": org.statusChangedBy.map { m.email($0) } ?? "",
            "hasRegistration": org.registration != nil, "registration": registration,
            "members": members, "hasMembers": !members.isEmpty,
            "teamList": teams,
            "shares": shares, "hasShares": !shares.isEmpty,
            "history": history, "hasHistory": !history.isEmpty,
            "commands": HowTo.commands(for: org), "editURL": editURL, "file": file.path,
        ])
    }

    static func shares(_ m: PortalModel) -> [String: Any] {
        let rows: [[String: Any]] = m.snapshot.shares.sorted { $0.record.name < $1.record.name }.map { s in
            ["id": s.record.id, "name": s.record.name, "description": m.email.text(s.record.description),
             "href": "\(s.record.id)/index.html", "consumers": s.record.consumers.count]
        }
        return PageContext.merge(PageContext.frame(m, depth: 1, title: "Shares", section: .shares), ["rows": rows])
    }

    static func share(_ m: PortalModel, _ file: ShareFile) -> [String: Any] {
        let consumers: [[String: Any]] = file.record.consumers.sorted { (m.orgNames[$0.org] ?? $0.org) < (m.orgNames[$1.org] ?? $1.org) }.map { link in
            let status = m.orgStatus[link.org]
            return ["name": m.orgNames[link.org] ?? link.org, "href": "../../orgs/\(link.org)/index.html",
                    "status": status?.rawValue ?? "", "statusLabel": status.map(Labels.status) ?? "",
                    "since": link.since, "until": link.until ?? ""]
        }
        return PageContext.merge(PageContext.frame(m, depth: 2, title: file.record.name, section: .shares), [
            "share": ["id": file.record.id, "name": file.record.name, "description": m.email.text(file.record.description)],
            "consumers": consumers, "hasConsumers": !consumers.isEmpty,
            "editURL": m.settings.portal.editURL.map { $0 + file.path } ?? "", "file": file.path,
            "commands": [["label": "Give an org access", "command": "roster share add-org \(file.record.id) ORG-ID"],
                         ["label": "End an org's access", "command": "roster share remove-org \(file.record.id) ORG-ID"]],
        ])
    }

    static func registrations(_ m: PortalModel) -> [String: Any] {
        let row = { (org: OrgRecord) -> [String: Any] in
            ["name": org.name, "id": org.id, "href": "../orgs/\(org.id)/index.html", "status": org.status.rawValue,
             "statusLabel": Labels.status(org.status),
             "decision": org.registration?.decision == .rejected ? "rejected" : "enabled",
             "decisionLabel": org.registration?.decision.map { $0 == .approved ? "Approved" : "Rejected" } ?? "",
             "requestedBy": m.email(org.registration?.requestedBy ?? ""),
             "requestedAt": Labels.day(org.registration?.requestedAt), "decidedBy": m.email(org.registration?.decidedBy ?? ""),
             "decidedAt": Labels.day(org.registration?.decidedAt), "reason": m.email.text(org.registration?.reason ?? "")]
        }
        // The 50 most recent decisions: older ones are on each org's page.
        let decided = m.orgsByName.map(\.record).filter { $0.registration?.decision != nil }
            .sorted { ($0.registration?.decidedAt ?? "", $0.id) > ($1.registration?.decidedAt ?? "", $1.id) }.prefix(50).map { $0 }
        return PageContext.merge(PageContext.frame(m, depth: 1, title: "Registrations", section: .registrations), [
            "pending": m.pendingRegistrations.map(row), "hasPending": !m.pendingRegistrations.isEmpty,
            "decided": decided.map(row), "hasDecided": !decided.isEmpty,
            "registrationEnabled": m.settings.registration.enabled, "autoApprove": m.settings.registration.autoApprove,
        ])
    }

    static func doc(_ m: PortalModel, _ page: DocsSite.Page) -> [String: Any] {
        let toc: [[String: Any]] = page.headings.filter { $0.level == 2 }.map { ["text": $0.text, "anchor": $0.anchor] }
        var frame = PageContext.frame(m, depth: 2, title: page.front.title, section: .docs)
        frame["docsNav"] = m.docs.pages.map { p -> [String: Any] in
            ["title": p.front.title, "href": "../\(p.slug)/index.html", "current": p.slug == page.slug]
        }
        return PageContext.merge(frame, ["content": page.html, "description": page.front.description ?? "", "toc": toc, "hasToc": toc.count > 1])
    }

    static func notFound(_ m: PortalModel) -> [String: Any] {
        PageContext.frame(m, depth: 0, title: "Page not found", section: .none)
    }
}

/// The file name part of a record path: `data/orgs/acme.json` -> `acme`.
enum RecordFileName {
    static func id(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".json") ? String(name.dropLast(5)) : name
    }
}

/// "How to change this": the exact commands for an org, shown on its page.
enum HowTo {
    static func commands(for org: OrgRecord) -> [[String: Any]] {
        let id = org.id
        var out: [(String, String)] = []
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
        return out.map { ["label": $0.0, "command": $0.1] }
    }

    /// Single-quoted for a POSIX shell, whatever the name holds.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
