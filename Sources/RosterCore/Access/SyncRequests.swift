/// The bodies `roster sync` sends (RFC 7644): a User or Group to create (POST) or replace (PUT),
/// and PatchOp documents that change only the attributes that differ.
public enum SyncRequests {
    public static let patchSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
    static let organizationPath = SCIMDocuments.enterpriseSchema + ":organization"

    /// A new User, marked as roster's.
    public static func createUser(_ u: AccessModel.User) -> [UInt8] {
        bytes(SCIMDocuments.user(u, userType: SyncState.ownerMark))
    }

    /// A whole User with these fields (PUT, where the server does not PATCH).
    public static func replaceUser(_ f: SyncState.UserFields, externalId: String) -> [UInt8] {
        let o = SCIMDocuments.object
        return bytes(
            o(
                [
                    ("schemas", SCIMDocuments.strings([SCIMDocuments.userSchema, SCIMDocuments.enterpriseSchema])),
                    ("externalId", .string(externalId)), ("userName", .string(f.userName)),
                    ("userType", .string(SyncState.ownerMark)),
                ]
                    + userAttributes(f).map {
                        (
                            $0.path == organizationPath ? SCIMDocuments.enterpriseSchema : $0.path,
                            $0.path == organizationPath ? o([("organization", $0.value)]) : $0.value
                        )
                    }))
    }

    /// A PatchOp that sets `attributes` to their values in `f` (an empty list is removed).
    public static func patchUser(_ f: SyncState.UserFields, attributes: [String]) -> [UInt8] {
        let wanted = Set(attributes.map { $0 == "organization" ? organizationPath : $0 })
        return patch(userAttributes(f).filter { wanted.contains($0.path) })
    }

    /// SCIM attribute paths with their values for `f`, in a fixed order.
    static func userAttributes(_ f: SyncState.UserFields) -> [(path: String, value: JSONValue)] {
        let o = SCIMDocuments.object
        let values = { (list: [String]) in JSONValue.array(list.map { JSONNode(o([("value", .string($0))])) }) }
        var out: [(String, JSONValue)] = [
            ("userName", .string(f.userName)),
            ("name", o([("givenName", .string(f.givenName)), ("familyName", .string(f.familyName))])),
            ("active", .bool(f.active)),
        ]
        if let email = f.email {
            out.append(("emails", .array([JSONNode(o([("value", .string(email)), ("type", .string("work")), ("primary", .bool(true))]))])))
        }
        out += [("roles", values(f.roles)), ("entitlements", values(f.entitlements))]
        if let organization = f.organization { out.append((organizationPath, .string(organization))) }
        return out
    }

    /// A new Group, or a whole one for PUT; members by id.
    public static func group(externalId: String, displayName: String, memberIDs: [String]) -> [UInt8] {
        let o = SCIMDocuments.object
        return bytes(
            o([
                ("schemas", SCIMDocuments.strings([SCIMDocuments.groupSchema])),
                ("externalId", .string(externalId)), ("displayName", .string(displayName)),
                ("members", .array(memberIDs.map { JSONNode(o([("value", .string($0))])) })),
            ]))
    }

    /// A PatchOp that sets the group's name (when `renamed`) and replaces its members.
    public static func patchGroup(displayName: String, renamed: Bool, memberIDs: [String]) -> [UInt8] {
        let o = SCIMDocuments.object
        var ops: [(path: String, value: JSONValue)] = []
        if renamed { ops.append(("displayName", .string(displayName))) }
        ops.append(("members", .array(memberIDs.map { JSONNode(o([("value", .string($0))])) })))
        return patch(ops)
    }

    /// `replace` for each value; `remove` for an empty list, which some servers refuse to replace.
    static func patch(_ ops: [(path: String, value: JSONValue)]) -> [UInt8] {
        let o = SCIMDocuments.object
        let operations = ops.map { op -> JSONNode in
            if case .array(let items) = op.value, items.isEmpty {
                return JSONNode(o([("op", .string("remove")), ("path", .string(op.path))]))
            }
            return JSONNode(o([("op", .string("replace")), ("path", .string(op.path)), ("value", op.value)]))
        }
        return bytes(o([("schemas", SCIMDocuments.strings([patchSchema])), ("Operations", .array(operations))]))
    }

    static func bytes(_ value: JSONValue) -> [UInt8] {
        JSONWriter.canonicalBytes(JSONNode(value))
    }
}
