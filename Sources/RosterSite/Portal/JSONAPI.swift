import RosterCore

/// The read-only JSON API (`api/`) and the search index. E-mails are redacted as on the pages.
enum JSONAPI {
    static func s(_ v: String) -> JSONNode { JSONNode(.string(v)) }
    static func n(_ v: Int) -> JSONNode { JSONNode(.number(String(v))) }
    static func obj(_ pairs: [(String, JSONNode?)]) -> JSONNode {
        JSONNode(.object(pairs.compactMap { k, v in v.map { JSONMember(key: k, node: $0) } }))
    }
    static func arr(_ items: [JSONNode]) -> JSONNode { JSONNode(.array(items)) }
    static func bytes(_ node: JSONNode) -> [UInt8] { JSONWriter.canonicalBytes(node, htmlSafe: true) }

    static func orgSummary(_ m: PortalModel, _ org: OrgRecord) -> JSONNode {
        obj([("id", s(org.id)), ("name", s(org.name)), ("status", s(org.status.rawValue)), ("createdAt", s(org.createdAt)),
             ("teams", n(org.teams.count)), ("users", n(org.members.count)),
             ("shares", arr((m.sharesOfOrg[org.id] ?? []).map { s($0.share.id) })),
             ("url", s("orgs/\(org.id)/index.html"))])
    }

    static func orgs(_ m: PortalModel) -> [UInt8] {
        bytes(arr(m.snapshot.orgs.map { orgSummary(m, $0.record) }))
    }

    static func org(_ m: PortalModel, _ org: OrgRecord) -> [UInt8] {
        let e = m.email
        let registration = org.registration.map { r in
            obj([("requestedBy", s(e(r.requestedBy))), ("requestedAt", s(r.requestedAt)), ("decision", r.decision.map { s($0.rawValue) }),
                 ("decidedBy", r.decidedBy.map { s($0 == Registration.autoApprover ? $0 : e($0)) }), ("decidedAt", r.decidedAt.map(s)),
                 ("reason", r.reason.map { s(e.text($0)) })])
        }
        let members = org.members.sorted { $0.email < $1.email }.map { mem in
            obj([("email", s(e(mem.email))), ("firstName", s(mem.firstName)), ("lastName", s(mem.lastName)),
                 ("role", s(mem.role.rawValue)), ("state", s(mem.state.rawValue)), ("invitedAt", s(mem.invitedAt)),
                 ("invitedBy", s(e(mem.invitedBy)))])
        }
        let teams = org.teams.sorted { $0.id < $1.id }.map { t in
            obj([("id", s(t.id)), ("name", s(t.name)), ("default", JSONNode(.bool(t.isDefault))), ("members", arr(t.members.sorted().map { s(e($0)) }))])
        }
        let shares = (m.sharesOfOrg[org.id] ?? []).map { sh in
            obj([("id", s(sh.share.id)), ("name", s(sh.share.name)), ("since", s(sh.link.since)), ("until", sh.link.until.map(s))])
        }
        return bytes(obj([("id", s(org.id)), ("name", s(org.name)), ("status", s(org.status.rawValue)), ("createdAt", s(org.createdAt)),
                          ("statusChangedAt", org.statusChangedAt.map(s)), ("statusChangedBy", org.statusChangedBy.map { s(e($0)) }),
                          ("registration", registration), ("members", arr(members)), ("teams", arr(teams)), ("shares", arr(shares))]))
    }

    static func shares(_ m: PortalModel) -> [UInt8] {
        bytes(arr(m.snapshot.shares.map { sh in
            obj([("id", s(sh.record.id)), ("name", s(sh.record.name)), ("description", s(m.email.text(sh.record.description))),
                 ("consumers", arr(sh.record.consumers.map { c in obj([("org", s(c.org)), ("since", s(c.since)), ("until", c.until.map(s))]) })),
                 ("url", s("shares/\(sh.record.id)/index.html"))])
        }))
    }

    /// `[{title, url, kind, text}]` for the portal's search box.
    static func searchIndex(_ m: PortalModel) -> [UInt8] {
        var items: [JSONNode] = []
        for org in m.orgsByName {
            let r = org.record
            items.append(obj([("title", s(r.name)), ("url", s("orgs/\(r.id)/index.html")), ("kind", s("org")),
                              ("text", s("\(r.id) \(Labels.status(r.status)) " + r.teams.map(\.name).joined(separator: " ")))]))
        }
        for share in m.snapshot.shares {
            items.append(obj([("title", s(share.record.name)), ("url", s("shares/\(share.record.id)/index.html")), ("kind", s("share")),
                              ("text", s(m.email.text(share.record.description)))]))
        }
        for page in m.docs.pages {
            items.append(obj([("title", s(page.front.title)), ("url", s("docs/\(page.slug)/index.html")), ("kind", s("doc")),
                              ("text", s(m.email.text(String(page.plainText.prefix(2000)))))]))
        }
        return bytes(arr(items))
    }
}
