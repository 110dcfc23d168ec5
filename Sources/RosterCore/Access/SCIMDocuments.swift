/// The SCIM 2.0 (RFC 7643) resources that mirror an ``AccessModel``: one User per member, one
/// Group per org and per team. The export writes them as ListResponses; the sync sends them.
public enum SCIMDocuments {
    public static let userSchema = "urn:ietf:params:scim:schemas:core:2.0:User"
    public static let groupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group"
    public static let enterpriseSchema = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
    public static let listSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse"

    /// A User: `externalId` and `userName` are the e-mail, `active` is ``AccessRule/canConnect``,
    /// one entitlement `share:<id>` per share the user has access to on the day. With `id`, the
    /// resource carries that id (the export, a list response, must; a creation request must not).
    /// With `userType`, the resource carries it (the sync marks the users it owns so).
    public static func user(_ u: AccessModel.User, id: String? = nil, userType: String? = nil) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("schemas", strings([userSchema, enterpriseSchema]))]
        if let id { pairs.append(("id", .string(id))) }
        pairs += [
            ("externalId", .string(u.email)),
            ("userName", .string(u.email)),
        ]
        if let userType { pairs.append(("userType", .string(userType))) }
        pairs += [
            ("name", object([("givenName", .string(u.firstName)), ("familyName", .string(u.lastName))])),
            ("active", .bool(u.active)),
            ("emails", .array([JSONNode(object([("value", .string(u.email)), ("type", .string("work")), ("primary", .bool(true))]))])),
            ("roles", .array([JSONNode(object([("value", .string(u.role.rawValue))]))])),
            ("entitlements", .array(u.shares.map { JSONNode(object([("value", .string(entitlement($0)))])) })),
            (enterpriseSchema, object([("organization", .string(u.orgName))])),
        ]
        return object(pairs)
    }

    /// A Group listing its members by their ids (`memberID` maps an e-mail to the id its User has).
    public static func group(_ g: AccessModel.Group, id: String? = nil, memberID: (String) -> String?) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("schemas", strings([groupSchema]))]
        if let id { pairs.append(("id", .string(id))) }
        pairs += [
            ("externalId", .string(g.externalId)),
            ("displayName", .string(g.displayName)),
            (
                "members",
                .array(
                    g.members.compactMap { email in
                        memberID(email).map { JSONNode(object([("value", .string($0)), ("display", .string(email))])) }
                    })
            ),
        ]
        return object(pairs)
    }

    /// The entitlement that grants a share.
    public static func entitlement(_ share: String) -> String { "share:\(share)" }

    /// The id a group has in the export: its external id with `/` (which ids never contain) as
    /// `.`, so the id is readable, unique, and safe in a URL path.
    public static func exportID(group externalId: String) -> String {
        String(decoding: externalId.utf8.map { $0 == 0x2F ? 0x2E : $0 }, as: UTF8.self)
    }

    static func object(_ pairs: [(String, JSONValue)]) -> JSONValue {
        .object(pairs.map { JSONMember(key: $0.0, node: JSONNode($0.1)) })
    }

    static func strings(_ list: [String]) -> JSONValue {
        .array(list.map { JSONNode(.string($0)) })
    }
}
