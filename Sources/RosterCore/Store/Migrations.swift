/// Upgrades of the record format, applied on read; `roster migrate` writes the result.
///
/// Version 0 was the pre-release draft format: roles were spelled `admin` and `member`.
/// Each step maps a parsed file of version N to version N + 1, keeping positions, so findings
/// in an old file still point at the right line.
public enum Migrations {
    public static let oldestSupported = 0

    static func migrate(_ root: JSONNode, from version: Int, kind: RecordKind) -> JSONNode {
        var node = root
        var v = version
        while v < currentSchemaVersion {
            if v == 0, kind == .org { node = renameDraftRoles(node) }
            v += 1
        }
        return setVersion(node, currentSchemaVersion)
    }

    static func setVersion(_ node: JSONNode, _ version: Int) -> JSONNode {
        guard case .object(var members) = node.value else { return node }
        if let i = members.firstIndex(where: { $0.key == "schemaVersion" }) {
            members[i].node.value = .number(String(version))
        }
        return JSONNode(.object(members), offset: node.offset)
    }

    /// v0 -> v1: `admin` became `super-admin`, `member` became `team-member`.
    static func renameDraftRoles(_ root: JSONNode) -> JSONNode {
        guard case .object(var fields) = root.value,
            let mi = fields.firstIndex(where: { $0.key == "members" }),
            case .array(var items) = fields[mi].node.value
        else { return root }
        for k in items.indices {
            guard case .object(var m) = items[k].value,
                let ri = m.firstIndex(where: { $0.key == "role" }),
                case .string(let role) = m[ri].node.value
            else { continue }
            let renamed = ["admin": "super-admin", "member": "team-member"][role] ?? role
            m[ri].node.value = .string(renamed)
            items[k].value = .object(m)
        }
        fields[mi].node.value = .array(items)
        return JSONNode(.object(fields), offset: root.offset)
    }
}
