import RosterCore

/// The page of one org: its members, teams, shares, apps, history and how to change it.
extension Pages {
    /// `frame`: the frame of every org page (``PageContext/frame(_:depth:title:section:)``),
    /// made once for 10,000 pages; its title is set here.
    static func org(_ m: PortalModel, _ file: OrgFile, frame: Context? = nil) -> Context {
        let org = file.record
        let members = orgMembers(m, org)
        let teams = orgTeams(m, org)
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

    /// An org's members by e-mail, each with the teams it is in.
    static func orgMembers(_ m: PortalModel, _ org: OrgRecord) -> [Context] {
        let teamsOf = Dictionary(grouping: org.teams.flatMap { t in t.members.map { ($0, t.name) } }, by: \.0).mapValues { $0.map(\.1) }
        return org.members.sorted { $0.email < $1.email }.map { mem in
            [
                "name": "\(mem.firstName) \(mem.lastName)", "email": .string(m.email(mem.email)),
                "role": .string(mem.role.rawValue), "roleLabel": .string(Labels.role(mem.role)),
                "state": .string(mem.state.rawValue), "stateLabel": .string(Labels.state(mem.state)),
                "invitedAt": .string(Labels.day(mem.invitedAt)), "invitedBy": .string(m.email(mem.invitedBy)),
                "teams": .string((teamsOf[mem.email] ?? []).sorted().joined(separator: ", ")),
            ]
        }
    }

    /// An org's teams, the default one first, each with its members.
    static func orgTeams(_ m: PortalModel, _ org: OrgRecord) -> [Context] {
        let names = Dictionary(org.members.map { ($0.email, "\($0.firstName) \($0.lastName)") }, uniquingKeysWith: { a, _ in a })
        return org.teams.sorted { ($0.isDefault ? 0 : 1, $0.name) < ($1.isDefault ? 0 : 1, $1.name) }.map { t in
            [
                "id": .string(t.id), "name": .string(t.name), "isDefault": .bool(t.isDefault),
                "countLabel": .string(Labels.plural(t.members.count, "member")),
                "members": .rows(t.members.sorted().map { ["name": .string(names[$0] ?? $0), "email": .string(m.email($0))] }),
            ]
        }
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
}
