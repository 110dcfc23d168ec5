import RosterCore
import RosterTemplates

/// The page of one org: its members, teams, shares, apps, history and how to change it. Built
/// for every org, so its values are ``TemplateFields``.
extension Pages {
    /// `frame`: the frame of every org page (``PageContext/frame(_:depth:title:section:)``),
    /// made once for 10,000 pages; the page's own values, its title among them, go over it.
    static func org(_ m: PortalModel, _ file: OrgFile, frame: TemplateFields? = nil) -> [TemplateValue] {
        let org = file.record
        let lookup = MemberLookup(org)
        let members = orgMembers(m, lookup)
        let shares: [TemplateFields] = (m.sharesOfOrg[org.id] ?? []).map { s in
            [
                .name: .string(s.share.name), .href: "../../shares/\(s.share.id)/index.html", .since: .string(s.link.since),
                .until: .string(s.link.until ?? ""),
            ]
        }
        let history: [TemplateFields] = m.history.commits(touching: file.path).map { c in
            [
                .date: .string(Labels.day(c.date)), .author: .string(c.author), .subject: .string(m.email.text(c.subject)),
                .hash: .string(String(c.hash.prefix(8))),
            ]
        }
        let apps = orgApps(m, org, lookup)
        let page: TemplateFields = [
            .title: .string(org.name),
            .org: .fields(orgRow(m, org, root: "../../")),
            .statusChangedAt: .string(Labels.day(org.statusChangedAt)), .statusChangedBy: .string(org.statusChangedBy.map { m.email($0) } ?? ""),
            .hasRegistration: .bool(org.registration != nil), .registration: .fields(registration(m, org)),
            .members: .fieldRows(members), .hasMembers: .bool(!members.isEmpty), .teamList: .fieldRows(orgTeams(m, org, lookup)),
            .shares: .fieldRows(shares), .hasShares: .bool(!shares.isEmpty),
            .history: .fieldRows(history), .hasHistory: .bool(!history.isEmpty),
            .blocker: .string(org.connectionBlocker(on: m.today) ?? ""),
            .linkedShares: .string(
                org.usersCanConnect(on: m.today) || shares.isEmpty
                    ? ""
                    : "It is still linked to \(Plural.count(shares.count, "share")), which its users cannot use while it is \(org.isExpired(on: m.today) ? "expired" : org.status.rawValue)."
            ),
            .commands: .fieldRows(HowTo.commands(for: org)), .editURL: .string(m.settings.portal.editURL.map { $0 + file.path } ?? ""),
            .file: .string(file.path),
            // The org's end date and apps (content/consumer-lifecycle.md).
            .until: .string(org.until ?? ""), .expired: .bool(org.isExpired(on: m.today)), .apps: .fieldRows(apps), .hasApps: .bool(!apps.isEmpty),
        ]
        return [.fields(frame ?? PageContext.frame(m, depth: 2, title: org.name, section: .orgs)), .fields(page)]
    }

    static func registration(_ m: PortalModel, _ org: OrgRecord) -> TemplateFields {
        guard let r = org.registration else { return [:] }
        return [
            .requestedBy: .string(m.email(r.requestedBy)), .requestedAt: .string(Labels.day(r.requestedAt)),
            .decision: .string(r.decision?.rawValue ?? "pending"), .decidedBy: .string(r.decidedBy.map { m.email($0) } ?? ""),
            .decidedAt: .string(Labels.day(r.decidedAt)), .reason: .string(m.email.text(r.reason ?? "")),
        ]
    }

    /// An org's members by e-mail, each with the teams it is in.
    static func orgMembers(_ m: PortalModel, _ lookup: MemberLookup) -> [TemplateFields] {
        // Sorted by index: sorting the members themselves copies each one, twice per comparison.
        let members = lookup.members
        return members.indices.sorted { members[$0].email < members[$1].email }.map { k in
            let mem = members[k]
            return [
                .name: "\(mem.firstName) \(mem.lastName)", .email: .string(m.email(mem.email)),
                .role: .string(mem.role.rawValue), .roleLabel: .string(Labels.role(mem.role)),
                .state: .string(mem.state.rawValue), .stateLabel: .string(Labels.state(mem.state)),
                .invitedAt: .string(Labels.day(mem.invitedAt)), .invitedBy: .string(m.email(mem.invitedBy)),
                .teams: .string(lookup.teamList(of: mem.email)),
            ]
        }
    }

    /// An org's teams, the default one first, each with its members.
    static func orgTeams(_ m: PortalModel, _ org: OrgRecord, _ lookup: MemberLookup) -> [TemplateFields] {
        return org.teams.sorted { ($0.isDefault ? 0 : 1, $0.name) < ($1.isDefault ? 0 : 1, $1.name) }.map { t in
            [
                .id: .string(t.id), .name: .string(t.name), .isDefault: .bool(t.isDefault),
                .countLabel: .string(Plural.count(t.members.count, "member")),
                .members: .fieldRows(t.members.sorted().map { [.name: .string(lookup.fullName($0) ?? $0), .email: .string(m.email($0))] }),
            ]
        }
    }

    /// The org's apps (content/consumer-lifecycle.md): each with its team and who can use it.
    static func orgApps(_ m: PortalModel, _ org: OrgRecord, _ lookup: MemberLookup) -> [TemplateFields] {
        guard !org.apps.isEmpty else { return [] }
        let active = org.isActive(on: m.today)
        return org.apps.sorted { $0.name < $1.name }.map { app in
            let team = org.teams.first { $0.id == app.team }?.name ?? app.team
            return [
                .name: .string(app.name), .id: .string(app.id), .description: .string(m.email.text(app.description ?? "")),
                .team: .string(team), .audience: .string(app.visibility == .org ? "every member of the org" : "the members of \(team)"),
                .users: .string(org.users(of: app).map { lookup.fullName($0) ?? m.email($0) }.joined(separator: ", ")),
                .shares: .string(app.shares.sorted().joined(separator: ", ")), .createdBy: .string(m.email(app.createdBy)),
                .createdAt: .string(Labels.day(app.createdAt)), .inactive: .bool(!active),
            ]
        }
    }
}
