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
        doc.elements(of: model.orgs) { s, o in org(&s, o.pointee) }
        doc.stream.endArray()
        doc.stream.key("users")
        doc.stream.beginArray()
        doc.elements(of: model.users) { s, u in user(&s, u.pointee) }
        doc.stream.endArray()
        doc.stream.key("apps")
        doc.stream.beginArray()
        doc.elements(of: model.apps) { s, a in app(&s, a.pointee) }
        doc.stream.endArray()
        doc.stream.endObject()
        return doc.finish()
    }

    static func org(_ s: inout JSONStream, _ org: borrowing AccessModel.Org) {
        s.beginObject()
        s.field("id", org.id)
        s.field("name", org.name)
        s.field("status", org.status.rawValue)
        s.key("active"); s.bool(org.active)
        strings(&s, "shares", org.shares)
        s.endObject()
    }

    static func user(_ s: inout JSONStream, _ u: borrowing AccessModel.User) {
        s.beginObject()
        s.field("email", u.email)
        s.field("org", u.org)
        s.field("role", u.role.rawValue)
        s.key("active"); s.bool(u.active)
        strings(&s, "teams", u.teams)
        strings(&s, "shares", u.shares)
        s.endObject()
    }

    static func app(_ s: inout JSONStream, _ a: borrowing AccessModel.App) {
        s.beginObject()
        s.field("org", a.org)
        s.field("id", a.id)
        s.field("team", a.team)
        strings(&s, "shares", a.shares)
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
