/// The files `roster export` writes (content/enforcing-access.md): `access.json`, `scim/Users.json` and
/// `scim/Groups.json`, as canonical JSON (deterministic bytes). They carry full e-mails, so they
/// never go where the portal publishes (see ``ExportDestination``).
///
/// For 100,000 users the files weigh 160 MB: they are streamed into bytes (no JSON node tree,
/// no String per value), their long arrays in runs on all the cores, and handed over in pieces
/// that are written one after the other (never joined in memory).
public enum AccessExport {
    /// Relative path and byte pieces of each file, in a fixed order.
    public static func files(_ model: AccessModel) -> [(path: String, pieces: [[UInt8]])] {
        [
            ("access.json", access(model)),
            ("scim/Users.json", SCIMExport.users(model)),
            ("scim/Groups.json", SCIMExport.groups(model)),
        ]
    }

    /// `{ "date", "orgs": [...], "users": [...], "apps": [...] }`.
    static func access(_ model: AccessModel) -> [[UInt8]] {
        var doc = PiecewiseDocument()
        doc.stream.beginObject()
        doc.stream.field("date", model.day.description)
        doc.stream.key("orgs")
        doc.stream.beginArray()
        doc.elements(of: model.orgs) { s, o in org(&s, o) }
        doc.stream.endArray()
        doc.stream.key("users")
        doc.stream.beginArray()
        doc.elements(of: model.users) { s, u in user(&s, u) }
        doc.stream.endArray()
        doc.stream.key("apps")
        doc.stream.beginArray()
        doc.elements(of: model.apps) { s, a in app(&s, a) }
        doc.stream.endArray()
        doc.stream.endObject()
        return doc.finish()
    }

    static func org(_ s: inout JSONStream, _ org: UnsafePointer<AccessModel.Org>) {
        s.beginObject()
        s.field("id", org.pointee.id)
        s.field("name", org.pointee.name)
        s.field("status", org.pointee.status.rawValue)
        s.key("active"); s.bool(org.pointee.active)
        strings(&s, "shares", org.pointee.shares)
        s.endObject()
    }

    static func user(_ s: inout JSONStream, _ u: UnsafePointer<AccessModel.User>) {
        s.beginObject()
        s.field("email", u.pointee.email)
        s.field("org", u.pointee.org)
        s.field("role", u.pointee.role.rawValue)
        s.key("active"); s.bool(u.pointee.active)
        strings(&s, "teams", u.pointee.teams)
        strings(&s, "shares", u.pointee.shares)
        s.endObject()
    }

    static func app(_ s: inout JSONStream, _ a: UnsafePointer<AccessModel.App>) {
        s.beginObject()
        s.field("org", a.pointee.org)
        s.field("id", a.pointee.id)
        s.field("team", a.pointee.team)
        strings(&s, "shares", a.pointee.shares)
        s.endObject()
    }

    /// `"name": ["a", "b"]`.
    static func strings(_ s: inout JSONStream, _ name: String, _ list: [String]) {
        s.key(name)
        s.beginArray()
        for item in list { s.string(item) }
        s.endArray()
    }
}
