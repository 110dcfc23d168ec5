/// The events between two sides, file by file.
public enum SemanticDiff {
    public static func events(base: RevisionState, head: RevisionState, paths: [String]) -> [ChangeEvent] {
        var out: [ChangeEvent] = []
        for path in paths {
            if path == Snapshot.marketplacePath {
                out += settings(base.settings, head.settings)
            } else if path.hasPrefix(Snapshot.orgsDirectory + "/") {
                out += org(path, base.orgs[path], head.orgs[path])
            } else if path.hasPrefix(Snapshot.sharesDirectory + "/") {
                out += share(path, base.shares[path], head.shares[path])
            }
        }
        return out
    }

    static func org(_ path: String, _ old: OrgRecord?, _ new: OrgRecord?) -> [ChangeEvent] {
        switch (old, new) {
        case (nil, nil):
            return []
        case (let o?, nil):
            return [
                ChangeEvent(
                    .orgDeleted, path: path, org: o.id,
                    detail: "\(o.name), \(Plural.count(o.members.count, "member")), \(Plural.count(o.teams.count, "team"))")
            ]
        case (nil, let n?):
            if n.status == .pending {
                return [ChangeEvent(.registrationRequested, path: path, org: n.id, email: n.registration?.requestedBy, detail: n.name)]
            }
            var events = [ChangeEvent(.orgCreated, path: path, org: n.id, detail: n.name)]
            if n.registration?.decision == .approved {
                events.append(ChangeEvent(.registrationRequested, path: path, org: n.id, email: n.registration?.requestedBy, detail: n.name))
                events.append(ChangeEvent(.orgApproved, path: path, org: n.id, email: n.registration?.requestedBy, detail: n.name))
            }
            let requester = n.registration?.requestedBy
            events += n.members.filter { $0.email != requester }.sorted { $0.email < $1.email }.map {
                ChangeEvent(.memberInvited, path: path, org: n.id, email: $0.email, to: $0.role.rawValue, detail: $0.state.rawValue)
            }
            if n.until != nil { events.append(ChangeEvent(.orgEndChanged, path: path, org: n.id, to: n.until)) }
            return events + apps(path, OrgRecord(id: n.id, name: n.name, status: n.status, createdAt: n.createdAt), n)
        case (let o?, let n?):
            return orgChanges(path, o, n)
        }
    }

    /// Everything that changed in one org: its own fields, members, teams and apps, in that order.
    static func orgChanges(_ path: String, _ o: OrgRecord, _ n: OrgRecord) -> [ChangeEvent] {
        orgFields(path, o, n) + members(path, o, n) + teams(path, o, n) + apps(path, o, n)
    }

    /// The org's name, end date and status (an approval or rejection names the requester).
    static func orgFields(_ path: String, _ o: OrgRecord, _ n: OrgRecord) -> [ChangeEvent] {
        var events: [ChangeEvent] = []
        let id = n.id
        if !o.name.sameBytes(as: n.name) { events.append(ChangeEvent(.orgRenamed, path: path, org: id, from: o.name, to: n.name)) }
        if o.until != n.until { events.append(ChangeEvent(.orgEndChanged, path: path, org: id, from: o.until, to: n.until)) }
        if o.status != n.status {
            let requester = n.registration?.requestedBy
            switch (o.status, n.status) {
            case (.pending, .enabled): events.append(ChangeEvent(.orgApproved, path: path, org: id, email: requester, detail: n.name))
            case (.pending, .rejected):
                events.append(ChangeEvent(.orgRejected, path: path, org: id, email: requester, detail: n.registration?.reason))
            case (_, .disabled): events.append(ChangeEvent(.orgDisabled, path: path, org: id, from: o.status.rawValue, to: n.status.rawValue))
            case (_, .enabled): events.append(ChangeEvent(.orgEnabled, path: path, org: id, from: o.status.rawValue, to: n.status.rawValue))
            default: events.append(ChangeEvent(.orgDisabled, path: path, org: id, from: o.status.rawValue, to: n.status.rawValue))
            }
        }
        return events
    }

    /// Members invited, removed, activated, re-invited, renamed, or given another role.
    static func members(_ path: String, _ o: OrgRecord, _ n: OrgRecord) -> [ChangeEvent] {
        var events: [ChangeEvent] = []
        let id = n.id
        let before = Dictionary(o.members.map { ($0.email, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(n.members.map { ($0.email, $0) }, uniquingKeysWith: { a, _ in a })
        for email in Set(before.keys).union(after.keys).sorted() {
            switch (before[email], after[email]) {
            case (nil, let m?):
                events.append(ChangeEvent(.memberInvited, path: path, org: id, email: email, to: m.role.rawValue, detail: m.state.rawValue))
            case (_?, nil):
                events.append(ChangeEvent(.memberRemoved, path: path, org: id, email: email))
            case (let a?, let b?):
                if a.role != b.role {
                    events.append(ChangeEvent(.memberRoleChanged, path: path, org: id, email: email, from: a.role.rawValue, to: b.role.rawValue))
                }
                if a.state == .invited, b.state == .active { events.append(ChangeEvent(.memberActivated, path: path, org: id, email: email)) }
                if a.state == .invited, b.state == .invited, a.invitedAt != b.invitedAt {
                    events.append(ChangeEvent(.invitationResent, path: path, org: id, email: email, from: a.expiresAt, to: b.expiresAt))
                }
                if !a.firstName.sameBytes(as: b.firstName) || !a.lastName.sameBytes(as: b.lastName) {
                    events.append(
                        ChangeEvent(
                            .memberRenamed, path: path, org: id, email: email, from: "\(a.firstName) \(a.lastName)",
                            to: "\(b.firstName) \(b.lastName)"))
                }
            default: break
            }
        }
        return events
    }

    /// Teams created, deleted, or whose members changed.
    static func teams(_ path: String, _ o: OrgRecord, _ n: OrgRecord) -> [ChangeEvent] {
        var events: [ChangeEvent] = []
        let id = n.id
        let oldTeams = Dictionary(o.teams.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let newTeams = Dictionary(n.teams.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for team in Set(oldTeams.keys).union(newTeams.keys).sorted() {
            switch (oldTeams[team], newTeams[team]) {
            case (nil, _?): events.append(ChangeEvent(.teamCreated, path: path, org: id, team: team, detail: newTeams[team]?.name))
            case (_?, nil): events.append(ChangeEvent(.teamDeleted, path: path, org: id, team: team))
            case (let a?, let b?):
                let added = Set(b.members).subtracting(a.members).sorted(), removed = Set(a.members).subtracting(b.members).sorted()
                if !added.isEmpty || !removed.isEmpty {
                    let parts =
                        (added.isEmpty ? [] : ["+ " + added.joined(separator: ", ")])
                        + (removed.isEmpty ? [] : ["- " + removed.joined(separator: ", ")])
                    events.append(ChangeEvent(.teamMembersChanged, path: path, org: id, team: team, detail: parts.joined(separator: "; ")))
                }
            default: break
            }
        }
        return events
    }

    /// Apps created, deleted, or changed (team, visibility, shares); `detail` is the app's id.
    static func apps(_ path: String, _ o: OrgRecord, _ n: OrgRecord) -> [ChangeEvent] {
        let old = Dictionary(o.apps.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let new = Dictionary(n.apps.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var events: [ChangeEvent] = []
        for app in Set(old.keys).union(new.keys).sorted() {
            switch (old[app], new[app]) {
            case (nil, let b?):
                events.append(
                    ChangeEvent(
                        .appCreated, path: path, org: n.id, team: b.team, email: b.createdBy, to: b.shares.sorted().joined(separator: ", "),
                        detail: app))
            case (let a?, nil): events.append(ChangeEvent(.appDeleted, path: path, org: n.id, team: a.team, detail: app))
            case (let a?, let b?):
                var parts: [String] = []
                if a.team != b.team { parts.append("team \(a.team) -> \(b.team)") }
                if a.visibility != b.visibility { parts.append("visibility \(a.visibility.rawValue) -> \(b.visibility.rawValue)") }
                let added = Set(b.shares).subtracting(a.shares).sorted(), removed = Set(a.shares).subtracting(b.shares).sorted()
                if !added.isEmpty { parts.append("+ " + added.joined(separator: ", ")) }
                if !removed.isEmpty { parts.append("- " + removed.joined(separator: ", ")) }
                if !a.name.sameBytes(as: b.name) { parts.append("renamed \"\(a.name)\" -> \"\(b.name)\"") }
                if !parts.isEmpty {
                    events.append(ChangeEvent(.appChanged, path: path, org: n.id, team: b.team, to: parts.joined(separator: "; "), detail: app))
                }
            default: break
            }
        }
        return events
    }

    static func share(_ path: String, _ old: ShareRecord?, _ new: ShareRecord?) -> [ChangeEvent] {
        var events: [ChangeEvent] = []
        let id = new?.id ?? old?.id ?? ""
        if old == nil, let n = new { events.append(ChangeEvent(.shareCreated, path: path, share: id, detail: n.name)) }
        if new == nil, old != nil { events.append(ChangeEvent(.shareDeleted, path: path, share: id)) }
        let before = Dictionary((old?.consumers ?? []).map { ($0.org, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary((new?.consumers ?? []).map { ($0.org, $0) }, uniquingKeysWith: { a, _ in a })
        for org in Set(before.keys).union(after.keys).sorted() {
            switch (before[org], after[org]) {
            case (nil, let l?): events.append(ChangeEvent(.shareLinked, path: path, org: org, share: id, from: l.since, to: l.until))
            case (let l?, nil): events.append(ChangeEvent(.shareUnlinked, path: path, org: org, share: id, from: l.since))
            case (let a?, let b?) where a.until != b.until:
                events.append(ChangeEvent(.accessEndChanged, path: path, org: org, share: id, from: a.until, to: b.until))
            default: break
            }
        }
        return events
    }

    static func settings(_ old: MarketplaceSettings?, _ new: MarketplaceSettings?) -> [ChangeEvent] {
        guard old != new else { return [] }
        var changed: [String] = []
        if old?.providerName != new?.providerName { changed.append("provider") }
        if old?.admins != new?.admins { changed.append("admins") }
        if old?.registration != new?.registration { changed.append("registration") }
        if old?.guards != new?.guards { changed.append("guards") }
        if old?.portal != new?.portal { changed.append("portal") }
        if old?.notifications != new?.notifications { changed.append("notifications") }
        if old?.invitations != new?.invitations { changed.append("invitations") }
        return [ChangeEvent(.settingsChanged, path: Snapshot.marketplacePath, detail: changed.joined(separator: ", "))]
    }
}
