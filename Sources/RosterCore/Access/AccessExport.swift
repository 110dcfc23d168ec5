/// The files `roster export` writes (content/enforcing-access.md): `access.json`, `scim/Users.json` and
/// `scim/Groups.json`, as canonical JSON (deterministic bytes). They carry full e-mails, so they
/// never go where the portal publishes (see ``ExportDestination``).
public enum AccessExport {
    /// Relative path and bytes of each file, in a fixed order.
    public static func files(_ model: AccessModel) -> [(path: String, bytes: [UInt8])] {
        [
            ("access.json", JSONWriter.canonicalBytes(JSONNode(access(model)))),
            ("scim/Users.json", JSONWriter.canonicalBytes(JSONNode(SCIMDocuments.usersList(model)))),
            ("scim/Groups.json", JSONWriter.canonicalBytes(JSONNode(SCIMDocuments.groupsList(model)))),
        ]
    }

    /// `{ "date", "orgs": [...], "users": [...], "apps": [...] }`.
    public static func access(_ model: AccessModel) -> JSONValue {
        let o = SCIMDocuments.object, s = SCIMDocuments.strings
        let orgs = model.orgs.map { org in
            JSONNode(o([
                ("id", .string(org.id)), ("name", .string(org.name)), ("status", .string(org.status.rawValue)),
                ("active", .bool(org.active)), ("shares", s(org.shares)),
            ]))
        }
        let users = model.users.map { u in
            JSONNode(o([
                ("email", .string(u.email)), ("org", .string(u.org)), ("role", .string(u.role.rawValue)),
                ("active", .bool(u.active)), ("teams", s(u.teams)), ("shares", s(u.shares)),
            ]))
        }
        let apps = model.apps.map { a in
            JSONNode(o([("org", .string(a.org)), ("id", .string(a.id)), ("team", .string(a.team)), ("shares", s(a.shares))]))
        }
        return o([("date", .string(model.day.description)), ("orgs", .array(orgs)), ("users", .array(users)), ("apps", .array(apps))])
    }
}
