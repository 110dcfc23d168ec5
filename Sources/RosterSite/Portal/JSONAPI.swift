import RosterCore

/// The read-only JSON API (`api/`); the search index is ``OrgsIndex``. E-mails are redacted as on the pages.
/// Written as a stream in the canonical layout (two-space indent, HTML-safe strings).
enum JSONAPI {
    /// The org `org` points to, at `position` among the snapshot's orgs, read in place (handed
    /// over as a value, each of 100,000 orgs was copied, a reference count per field);
    /// `sharesOfOrg` and `activeUsers` are the model's, taken out of it once for every org.
    static func orgSummary(
        _ org: UnsafePointer<OrgFile>, at position: Int, sharesOfOrg: ByOrgID<[(share: ShareName, link: ShareLink)]>,
        activeUsers: ByOrgID<Int>, into j: inout JSONStream
    ) {
        let id = org.pointee.record.id
        j.beginObject()
        j.field("id", id)
        j.field("name", org.pointee.record.name)
        j.field("status", org.pointee.record.status.rawValue)
        j.field("createdAt", org.pointee.record.createdAt)
        j.field("teams", org.pointee.record.teams.count)
        let place = sharesOfOrg.place(position: position, id: id)
        let users = place.map { activeUsers[place: $0] } ?? org.pointee.record.userCount
        j.field("users", users)
        j.field("invitations", org.pointee.record.members.count - users)
        // A loop, not `field(_:strings:)` over a lazy map: that generic, from another module,
        // ran unspecialized, copying each (share, link) through the runtime's metadata.
        j.key("shares")
        j.beginArray()
        if let place { sharesOfOrg[place: place].forEachLent { _, s in j.string(s.pointee.share.id) } }
        j.endArray()
        j.field("url", "orgs/" + id + "/index.html")
        j.endObject()
    }

    /// Bytes handed to `emit` about this many at a time (``PortalBuilder/Job/Content/pieces(_:)``).
    static let pieceSize = 256 * 1024

    /// Orgs summed up in one run of `api/orgs.json` (about 250 KB).
    static let runOrgs = 1024

    /// `api/orgs.json`: runs of orgs summed up two at a time (``inTurns(_:make:consume:)``),
    /// handed to `emit` in pieces of at least ``pieceSize`` bytes. The bytes are those one
    /// stream writes: each run goes on with the array after the orgs before it.
    static func orgs(_ m: PortalModel, emit: ([UInt8]) -> Void) {
        let orgs = m.snapshot.orgs, sharesOfOrg = m.sharesOfOrg, activeUsers = m.activeUsers
        var opening = JSONStream(htmlSafe: true)
        opening.beginArray()
        var piece = opening.take()
        piece.reserveCapacity(pieceSize + 2 * runOrgs * 256)
        inTurns((orgs.count + runOrgs - 1) / runOrgs) { n -> [UInt8] in
            let run = (n * runOrgs)..<min(orgs.count, (n + 1) * runOrgs)
            var j = JSONStream(continuingArrayAtDepth: 1, after: run.lowerBound, htmlSafe: true, capacity: runOrgs * 256)
            // Each record read in place: `for org in` copied every record (a reference count
            // per field), a third of this file's time.
            orgs.withUnsafeBufferPointer { orgs in
                for k in run { orgSummary(orgs.baseAddress! + k, at: k, sharesOfOrg: sharesOfOrg, activeUsers: activeUsers, into: &j) }
            }
            return j.take()
        } consume: { run in
            piece += run
            if piece.count >= pieceSize {
                emit(piece)
                piece.removeAll(keepingCapacity: true)
            }
        }
        var closing = JSONStream(continuingArrayAtDepth: 1, after: orgs.count, htmlSafe: true)
        closing.endArray()
        emit(piece + closing.take())
    }

    static func org(_ m: PortalModel, _ org: OrgRecord) -> [UInt8] {
        let e = m.email
        // Half of these files exceed the default 4 KB: made at twice that, no copy as it grows.
        var j = JSONStream(htmlSafe: true, capacity: 8192)
        j.beginObject()
        j.field("id", org.id)
        j.field("name", org.name)
        j.field("status", org.status.rawValue)
        j.field("createdAt", org.createdAt)
        j.field("statusChangedAt", org.statusChangedAt)
        j.field("statusChangedBy", org.statusChangedBy.map { e($0) })
        if let until = org.until {
            j.field("until", until)
            j.key("expired")
            j.bool(org.isExpired(on: m.today))
        }
        if let r = org.registration {
            j.key("registration")
            j.beginObject()
            j.field("requestedBy", e(r.requestedBy))
            j.field("requestedAt", r.requestedAt)
            j.field("decision", r.decision?.rawValue)
            j.field("decidedBy", r.decidedBy.map { $0 == Registration.autoApprover ? $0 : e($0) })
            j.field("decidedAt", r.decidedAt)
            j.field("reason", r.reason.map { e.text($0) })
            j.endObject()
        }
        membersAndTeams(m, org, into: &j)
        j.key("shares")
        j.beginArray()
        for sh in m.sharesOfOrg[org.id] ?? [] {
            j.beginObject()
            j.field("id", sh.share.id)
            j.field("name", sh.share.name)
            j.field("since", sh.link.since)
            j.field("until", sh.link.until)
            j.endObject()
        }
        j.endArray()
        if !org.apps.isEmpty { apps(m, org, into: &j) }
        j.endObject()
        return j.take()
    }

    /// An org's members by e-mail and its teams by id, e-mails redacted as on the pages.
    static func membersAndTeams(_ m: PortalModel, _ org: OrgRecord, into j: inout JSONStream) {
        let e = m.email
        j.key("members")
        j.beginArray()
        // Sorted by index: sorting the members themselves copies each one, twice per comparison.
        let members = org.members
        for k in members.indices.sorted(by: { members[$0].email < members[$1].email }) {
            let mem = members[k]
            j.beginObject()
            j.key("email")
            e.write(mem.email, into: &j)
            j.field("firstName", mem.firstName)
            j.field("lastName", mem.lastName)
            j.field("role", mem.role.rawValue)
            j.field("state", mem.state.rawValue)
            j.field("invitedAt", mem.invitedAt)
            j.key("invitedBy")
            e.write(mem.invitedBy, into: &j)
            j.endObject()
        }
        j.endArray()
        j.key("teams")
        j.beginArray()
        for t in org.teams.sorted(by: { $0.id < $1.id }) {
            j.beginObject()
            j.field("id", t.id)
            j.field("name", t.name)
            j.key("default")
            j.bool(t.isDefault)
            j.key("members")
            j.beginArray()
            for email in t.members.sorted() { e.write(email, into: &j) }
            j.endArray()
            j.endObject()
        }
        j.endArray()
    }

    /// An org's apps: team, visibility, shares, who can use them (no credentials: the gateway has them).
    static func apps(_ m: PortalModel, _ org: OrgRecord, into j: inout JSONStream) {
        j.key("apps")
        j.beginArray()
        for app in org.apps.sorted(by: { $0.id < $1.id }) {
            j.beginObject()
            j.field("id", app.id)
            j.field("name", app.name)
            j.field("description", app.description.map { m.email.text($0) })
            j.field("team", app.team)
            j.field("visibility", app.visibility.rawValue)
            j.field("shares", strings: app.shares.sorted())
            j.field("users", strings: org.users(of: app).lazy.map { m.email($0) })
            j.key("active")
            j.bool(org.isActive(on: m.today))
            j.field("createdBy", m.email(app.createdBy))
            j.field("createdAt", app.createdAt)
            j.endObject()
        }
        j.endArray()
    }

    static func shares(_ m: PortalModel, emit: ([UInt8]) -> Void) {
        var j = JSONStream(htmlSafe: true, capacity: pieceSize + 4096)
        j.beginArray()
        // Records and links read in place, not copied (as in `orgs`).
        let shares = m.snapshot.shares
        for i in shares.indices {
            if j.count >= pieceSize { emit(j.take()) }
            j.beginObject()
            j.field("id", shares[i].record.id)
            j.field("name", shares[i].record.name)
            j.field("description", m.email.text(shares[i].record.description))
            j.key("consumers")
            j.beginArray()
            let consumers = shares[i].record.consumers
            for k in consumers.indices {
                j.beginObject()
                j.field("org", consumers[k].org)
                j.field("since", consumers[k].since)
                j.field("until", consumers[k].until)
                j.endObject()
            }
            j.endArray()
            j.field("url", "shares/" + shares[i].record.id + "/index.html")
            j.endObject()
        }
        j.endArray()
        emit(j.take())
    }
}
