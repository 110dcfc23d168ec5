/// `--format json` of `roster org list|show` and `roster share list|show`: full values (the
/// caller holds the records anyway), keys in a fixed order, two-space indent, sorted as the table.
extension Catalogue {
    public func orgsJSON(_ rows: [OrgRow]) -> String {
        var j = JSONStream()
        j.beginArray()
        for row in rows { write(row, into: &j) }
        j.endArray()
        return String(decoding: j.bytes, as: UTF8.self) + "\n"
    }

    func write(_ row: OrgRow, into j: inout JSONStream) {
        j.beginObject()
        j.field("id", row.id)
        j.field("name", row.name)
        j.field("status", row.status.rawValue)
        j.field("teams", row.teams)
        j.field("users", row.users)
        j.field("invitations", row.invitations)
        j.field("shares", strings: row.shares)
        j.field("createdAt", row.createdAt)
        j.endObject()
    }

    /// One org as `roster org show` prints it: the list's fields, then who changed its status,
    /// its registration, teams, members and share links.
    public func orgJSON(_ org: OrgRecord) -> String {
        var j = JSONStream()
        j.beginObject()
        j.field("id", org.id)
        j.field("name", org.name)
        j.field("status", org.status.rawValue)
        j.key("canConnect")
        j.bool(org.usersCanConnect(on: today))
        j.field("createdAt", org.createdAt)
        j.field("statusChangedAt", org.statusChangedAt)
        j.field("statusChangedBy", org.statusChangedBy)
        j.field("users", org.userCount)
        j.field("invitations", org.invitationCount)
        if let r = org.registration { write(r, into: &j) }
        writeTeams(org, into: &j)
        writeMembers(org, into: &j)
        writeLinks(org, into: &j)
        j.endObject()
        return String(decoding: j.bytes, as: UTF8.self) + "\n"
    }

    func write(_ r: Registration, into j: inout JSONStream) {
        j.key("registration")
        j.beginObject()
        j.field("requestedBy", r.requestedBy)
        j.field("requestedAt", r.requestedAt)
        j.field("decision", r.decision?.rawValue)
        j.field("decidedBy", r.decidedBy)
        j.field("decidedAt", r.decidedAt)
        j.field("reason", r.reason)
        j.endObject()
    }

    func writeTeams(_ org: OrgRecord, into j: inout JSONStream) {
        j.key("teams")
        j.beginArray()
        for team in org.teams.sorted(by: { NaturalOrder.less($0.name, $1.name) }) {
            j.beginObject()
            j.field("id", team.id)
            j.field("name", team.name)
            j.key("default")
            j.bool(team.isDefault)
            j.field("members", strings: team.members.sorted())
            j.endObject()
        }
        j.endArray()
    }

    func writeMembers(_ org: OrgRecord, into j: inout JSONStream) {
        j.key("members")
        j.beginArray()
        for m in org.members.sorted(by: { $0.email < $1.email }) {
            j.beginObject()
            j.field("email", m.email)
            j.field("firstName", m.firstName)
            j.field("lastName", m.lastName)
            j.field("role", m.role.rawValue)
            j.field("state", m.state.rawValue)
            j.field("invitedAt", m.invitedAt)
            j.field("invitedBy", m.invitedBy)
            j.endObject()
        }
        j.endArray()
    }

    func writeLinks(_ org: OrgRecord, into j: inout JSONStream) {
        j.key("shares")
        j.beginArray()
        for (share, link) in linksOfOrg[org.id] ?? [] {
            j.beginObject()
            j.field("id", share.id)
            j.field("name", share.name)
            j.field("since", link.since)
            j.field("until", link.until)
            j.endObject()
        }
        j.endArray()
    }
}

extension Catalogue {
    public func sharesJSON(_ rows: [ShareRow]) -> String {
        var j = JSONStream()
        j.beginArray()
        for row in rows {
            j.beginObject()
            j.field("id", row.id)
            j.field("name", row.name)
            j.field("description", row.description)
            j.field("consumers", row.consumers)
            j.field("cannotConnect", row.blocked)
            j.endObject()
        }
        j.endArray()
        return String(decoding: j.bytes, as: UTF8.self) + "\n"
    }

    /// One share with its consumers, each marked when its users cannot connect (`canConnect`,
    /// the org) and when they have no access to this share today (`hasAccess`: the org and the
    /// link's dates).
    public func shareJSON(_ share: ShareRecord) -> String {
        var j = JSONStream()
        j.beginObject()
        j.field("id", share.id)
        j.field("name", share.name)
        j.field("description", share.description)
        j.key("consumers")
        j.beginArray()
        for (link, org) in consumers(of: share) {
            j.beginObject()
            j.field("org", link.org)
            j.field("name", org?.name)
            j.field("status", org?.status.rawValue)
            j.key("canConnect")
            j.bool(org?.usersCanConnect(on: today) == true)
            // Whether they can use this share today: the org admits them and the link is open.
            j.key("hasAccess")
            j.bool(org?.usersCanConnect(on: today) == true && AccessRule.linkIsOpen(link, on: today))
            j.field("since", link.since)
            j.field("until", link.until)
            j.endObject()
        }
        j.endArray()
        j.endObject()
        return String(decoding: j.bytes, as: UTF8.self) + "\n"
    }
}
