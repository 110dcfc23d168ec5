/// The record `roster org delete` leaves behind: who deleted which org, when, and the name they
/// typed to confirm. `roster check` refuses an org deletion without it.
public enum Tombstone {
    public static let directory = "data/deletions"

    public static func path(for orgID: String) -> String { "\(directory)/\(orgID).json" }

    public static func bytes(org: OrgRecord, confirm: String, at: String, by: String?) -> [UInt8] {
        var members: [JSONMember] = [
            JSONMember(key: "schemaVersion", node: JSONNode(.number(String(currentSchemaVersion)))),
            JSONMember(key: "org", node: JSONNode(.string(org.id))),
            JSONMember(key: "name", node: JSONNode(.string(org.name))),
            JSONMember(key: "confirm", node: JSONNode(.string(confirm))),
            JSONMember(key: "deletedAt", node: JSONNode(.string(at))),
        ]
        if let by { members.append(JSONMember(key: "deletedBy", node: JSONNode(.string(by)))) }
        return JSONWriter.canonicalBytes(JSONNode(.object(members)))
    }

    /// The confirmation a deletion record carries, if it is readable.
    public static func confirmation(_ bytes: [UInt8]?) -> String? {
        guard let bytes, let root = JSONParser.parse(bytes).root, case .string(let confirm)? = root.member("confirm")?.node.value else { return nil }
        return confirm
    }
}
