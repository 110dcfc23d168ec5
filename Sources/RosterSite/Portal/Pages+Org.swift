import RosterCore
import RosterTemplates

/// The page of one org: its members, teams, shares, apps, history and how to change it. Built
/// for every org, so its values are given as the template asks for them (``TemplateModel``):
/// a member's name and address, written ten times a page, are written from the record into
/// the page, with no text, row or list made for them first. Made first as ``TemplateFields``,
/// an org page's view model took more CPU than its rendering (10,000 pages: 0.15 s, with
/// 0.03 s more to free it), a hundred allocations a page.
///
/// Its levels and names are those the plain values had (`OrgPageProbeTests` holds their
/// pages): the page; `org` (``OrgRow``); `registration`; `members`, by
/// e-mail; `teamList`, the default team first, then by name, each with its `members`;
/// `commands` (``HowTo``); `shares`, each a share the org consumes; and the history and
/// apps as plain values.
final class OrgPage: TemplateModel {
    enum Level: Int32 {
        case page, org, registration, member, team, teamMember, command, share
    }

    let m: PortalModel
    /// The org's file, relative to the root.
    let path: String
    let org: OrgRecord
    /// The org's members (`lookup.members`, read in place: a member taken out of the array was
    /// a copy, a reference count for each of its texts, for each name written) and teams.
    let lookup: MemberLookup
    /// The positions of the members by e-mail.
    let members: [Int]
    /// The positions of the teams: the default one first, then by name.
    let teams: [Int]
    /// The e-mails of each team of ``teams``, sorted, each with the position of its member
    /// (nil: not a member of the org), found once for the page.
    let teamMembers: [[(email: String, member: Int?)]]
    /// What one can do to the org in its status (``HowTo``).
    let steps: [HowTo.Step]
    /// The org's shares and the commits of its file, looked up once, and its row (`org`).
    let linked: [(share: ShareName, link: ShareLink)]
    let row: OrgRow
    let commits: [GitHistory.Commit]
    /// Made when first asked for: the org's registration.
    private var registrationFields: TemplateFields?

    init(_ m: PortalModel, _ file: OrgFile) {
        self.m = m
        path = file.path
        // One copy, kept; the rest read in place from the file's box (a local copy for them
        // took a reference count for each field).
        org = file.record
        let (lookup, status, id, teams) = file.withRecord { (MemberLookup($0), $0.status, $0.id, $0.teams) }
        self.lookup = lookup
        members = lookup.byEmail
        steps = HowTo.plan(for: status)
        linked = m.sharesOfOrg[id] ?? []
        row = file.withRecord { [linked] in OrgRow(m, $0, shares: linked, root: "../../") }
        commits = m.history.commits(touching: file.path)
        self.teams = teams.indices.sorted { (teams[$0].isDefault ? 0 : 1, teams[$0].name) < (teams[$1].isDefault ? 0 : 1, teams[$1].name) }
        teamMembers = self.teams.map { lookup.teamPlaces[$0] }
    }

    /// The frames of the page: the frame of every org page, then the page.
    static let root = TemplateFrame.model(TemplatePlace(scope: Level.page.rawValue))

    func find(_ key: TemplateKey, at place: TemplatePlace) -> TemplateFound? {
        switch Level(rawValue: place.scope) {
        case .page: page(key)
        case .org: row.value(key, of: org).map(TemplateFound.value)
        case .registration: registration()[key].map(TemplateFound.value)
        case .member: member(key, members[Int(place.item)]).map(TemplateFound.value)
        case .team: team(key, Int(place.item))
        case .teamMember: teamMember(key, teamMembers[Int(place.row)][Int(place.item)]).map(TemplateFound.value)
        case .share: share(key, linked[Int(place.item)]).map(TemplateFound.value)
        case .command:
            switch key {
            case .label: .value(.string(steps[Int(place.item)].label))
            case .command: .value(.string(steps[Int(place.item)].command(for: org)))
            default: nil
            }
        case nil: nil
        }
    }

    /// A member's and a team member's values are written from the record (the page's most
    /// frequent names); the others as ``find(_:at:)`` gives them.
    func write(_ key: TemplateKey, at place: TemplatePlace, escaped: Bool, into out: inout ByteSink) -> Bool {
        switch Level(rawValue: place.scope) {
        case .member:
            let k = members[Int(place.item)]
            switch key {
            case .name: lookup.writeFullName(at: k, escaped: escaped, into: &out)
            case .email: m.email.write(lookup.members[k].email, escaped: escaped, into: &out)
            case .invitedBy: m.email.write(lookup.members[k].invitedBy, escaped: escaped, into: &out)
            case .teams: lookup.writeTeamList(at: k, escaped: escaped, into: &out)
            // Written as they are, with no value made for each (five of a row's nine).
            case .role: TemplateOutput.text(lookup.members[k].role.rawValue, escaped: escaped, into: &out)
            case .roleLabel: TemplateOutput.text(Labels.role(lookup.members[k].role), escaped: escaped, into: &out)
            case .state: TemplateOutput.text(lookup.members[k].state.rawValue, escaped: escaped, into: &out)
            case .stateLabel: TemplateOutput.text(Labels.state(lookup.members[k].state), escaped: escaped, into: &out)
            case .invitedAt: Labels.writeDay(lookup.members[k].invitedAt, escaped: escaped, into: &out)
            default: return write(member(key, k).map(TemplateFound.value), escaped: escaped, into: &out)
            }
            return true
        case .teamMember:
            let (email, member) = teamMembers[Int(place.row)][Int(place.item)]
            switch key {
            case .name:
                if let member {
                    lookup.writeFullName(at: member, escaped: escaped, into: &out)
                } else {
                    TemplateOutput.text(email, escaped: escaped, into: &out)
                }
            case .email: m.email.write(email, escaped: escaped, into: &out)
            default: return false
            }
            return true
        case .share:
            let s = linked[Int(place.item)]
            switch key {
            case .name: TemplateOutput.text(s.share.name, escaped: escaped, into: &out)
            case .href:
                out.append("../../shares/")
                TemplateOutput.text(s.share.id, escaped: escaped, into: &out)
                out.append("/index.html")
            case .since: TemplateOutput.text(s.link.since, escaped: escaped, into: &out)
            case .until: TemplateOutput.text(s.link.until ?? "", escaped: escaped, into: &out)
            default: return false
            }
            return true
        case .command where key == .command:
            steps[Int(place.item)].write(for: org, escaped: escaped, into: &out)
            return true
        default:
            return write(find(key, at: place), escaped: escaped, into: &out)
        }
    }

    func page(_ key: TemplateKey) -> TemplateFound? {
        let value: TemplateValue
        switch key {
        case .title: value = .string(org.name)
        case .org: return .place(TemplatePlace(scope: Level.org.rawValue))
        case .statusChangedAt: value = .string(Labels.day(org.statusChangedAt))
        case .statusChangedBy: value = .string(org.statusChangedBy.map { m.email($0) } ?? "")
        case .hasRegistration: value = .bool(org.registration != nil)
        case .registration: return .place(TemplatePlace(scope: Level.registration.rawValue))
        case .members: return .rows(TemplatePlace(scope: Level.member.rawValue), count: members.count)
        case .hasMembers: value = .bool(!members.isEmpty)
        case .teamList: return .rows(TemplatePlace(scope: Level.team.rawValue), count: teams.count)
        case .shares: return .rows(TemplatePlace(scope: Level.share.rawValue), count: linked.count)
        case .hasShares: value = .bool(!linked.isEmpty)
        case .history: value = .fieldRows(history())
        case .hasHistory: value = .bool(!commits.isEmpty)
        case .blocker: value = .string(org.connectionBlocker(on: m.today) ?? "")
        case .linkedShares:
            let shares = linked.count
            value = .string(
                org.usersCanConnect(on: m.today) || shares == 0
                    ? ""
                    : "It is still linked to \(Plural.count(shares, "share")), which its users cannot use while it is \(org.isExpired(on: m.today) ? "expired" : org.status.rawValue)."
            )
        case .commands: return .rows(TemplatePlace(scope: Level.command.rawValue), count: steps.count)
        case .editURL: value = .string(m.settings.portal.editURL.map { $0 + path } ?? "")
        case .file: value = .string(path)
        // The org's end date and apps (content/consumer-lifecycle.md).
        case .until: value = .string(org.until ?? "")
        case .expired: value = .bool(org.isExpired(on: m.today))
        case .apps: value = .fieldRows(Pages.orgApps(m, org, lookup))
        case .hasApps: value = .bool(!org.apps.isEmpty)
        default: return nil
        }
        return .value(value)
    }

    func registration() -> TemplateFields {
        if let registrationFields { return registrationFields }
        let made = Pages.registration(m, org)
        registrationFields = made
        return made
    }

    func member(_ key: TemplateKey, _ k: Int) -> TemplateValue? {
        let all = lookup.members
        return switch key {
        case .name: .string(lookup.fullName(at: k))
        case .email: .string(m.email(all[k].email))
        case .role: .string(all[k].role.rawValue)
        case .roleLabel: .string(Labels.role(all[k].role))
        case .state: .string(all[k].state.rawValue)
        case .stateLabel: .string(Labels.state(all[k].state))
        case .invitedAt: .string(Labels.day(all[k].invitedAt))
        case .invitedBy: .string(m.email(all[k].invitedBy))
        case .teams: .string(lookup.teamList(at: k))
        default: nil
        }
    }

    func team(_ key: TemplateKey, _ item: Int) -> TemplateFound? {
        let team = org.teams[teams[item]]
        switch key {
        case .id: return .value(.string(team.id))
        case .name: return .value(.string(team.name))
        case .isDefault: return .value(.bool(team.isDefault))
        case .countLabel: return .value(.string(Plural.count(team.members.count, "member")))
        case .members: return .rows(TemplatePlace(scope: Level.teamMember.rawValue, row: Int32(item)), count: team.members.count)
        default: return nil
        }
    }

    func teamMember(_ key: TemplateKey, _ place: (email: String, member: Int?)) -> TemplateValue? {
        switch key {
        case .name: .string(place.member.map(lookup.fullName(at:)) ?? place.email)
        case .email: .string(m.email(place.email))
        default: nil
        }
    }

    /// A share the org consumes, as a row of `shares`.
    func share(_ key: TemplateKey, _ s: (share: ShareName, link: ShareLink)) -> TemplateValue? {
        switch key {
        case .name: .string(s.share.name)
        case .href: .string("../../shares/\(s.share.id)/index.html")
        case .since: .string(s.link.since)
        case .until: .string(s.link.until ?? "")
        default: nil
        }
    }

    func history() -> [TemplateFields] {
        commits.map { c in
            [
                .date: .string(Labels.day(c.date)), .author: .string(c.author), .subject: .string(m.email.text(c.subject)),
                .hash: .string(String(c.hash.prefix(8))),
            ]
        }
    }
}

extension Pages {
    static func registration(_ m: PortalModel, _ org: OrgRecord) -> TemplateFields {
        guard let r = org.registration else { return [:] }
        return [
            .requestedBy: .string(m.email(r.requestedBy)), .requestedAt: .string(Labels.day(r.requestedAt)),
            .decision: .string(r.decision?.rawValue ?? "pending"), .decidedBy: .string(r.decidedBy.map { m.email($0) } ?? ""),
            .decidedAt: .string(Labels.day(r.decidedAt)), .reason: .string(m.email.text(r.reason ?? "")),
        ]
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
