/// One field that differs between two versions of a JSON record: what a pull request really
/// changes, whatever the formatting, key order or array order.
public struct FieldChange: Sendable, Equatable {
    public enum Kind: String, Sendable { case added, removed, modified }

    public var kind: Kind
    public var steps: [FieldStep]
    public var base: JSONNode?
    public var head: JSONNode?
    /// Byte offset in the head file that shows the change: the new value, or for a removal the
    /// container it was removed from.
    public var headOffset: Int

    /// `/members[bob@acme.example]/role`: readable in a message.
    public var location: String {
        steps.isEmpty ? "/" : steps.map(\.description).joined()
    }

    /// The fields that differ between `base` and `head`, in head order.
    public static func between(_ base: JSONNode, _ head: JSONNode) -> [FieldChange] {
        var out: [FieldChange] = []
        compare(base, head, [], &out)
        return out
    }

    static func compare(_ a: JSONNode, _ b: JSONNode, _ steps: [FieldStep], _ out: inout [FieldChange]) {
        switch (a.value, b.value) {
        case (.object(let old), .object(let new)):
            for m in new {
                if let o = old.first(where: { $0.key.sameBytes(as: m.key) }) {
                    compare(o.node, m.node, steps + [.key(m.key)], &out)
                } else {
                    out.append(FieldChange(kind: .added, steps: steps + [.key(m.key)], base: nil, head: m.node, headOffset: m.keyOffset))
                }
            }
            for o in old where !new.contains(where: { $0.key.sameBytes(as: o.key) }) {
                out.append(FieldChange(kind: .removed, steps: steps + [.key(o.key)], base: o.node, head: nil, headOffset: b.offset))
            }
        case (.array(let old), .array(let new)):
            compareArrays(old, new, container: b, steps, &out)
        default:
            if !sameScalar(a.value, b.value) {
                out.append(FieldChange(kind: .modified, steps: steps, base: a, head: b, headOffset: b.offset))
            }
        }
    }

    static func compareArrays(_ old: [JSONNode], _ new: [JSONNode], container: JSONNode, _ steps: [FieldStep], _ out: inout [FieldChange]) {
        guard let oldIDs = identities(old), let newIDs = identities(new) else {
            for i in 0..<max(old.count, new.count) {
                if i < old.count, i < new.count {
                    compare(old[i], new[i], steps + [.index(i)], &out)
                } else if i < new.count {
                    out.append(FieldChange(kind: .added, steps: steps + [.index(i)], base: nil, head: new[i], headOffset: new[i].offset))
                } else {
                    out.append(FieldChange(kind: .removed, steps: steps + [.index(i)], base: old[i], head: nil, headOffset: container.offset))
                }
            }
            return
        }
        // Matched by the identities' bytes: canonically equivalent texts are equal Strings.
        let oldByID = Dictionary(uniqueKeysWithValues: zip(oldIDs.map { Array($0.utf8) }, old))
        let newSet = Set(newIDs.map { Array($0.utf8) })
        for (id, node) in zip(newIDs, new) {
            if let o = oldByID[Array(id.utf8)] {
                compare(o, node, steps + [.item(id)], &out)
            } else {
                out.append(FieldChange(kind: .added, steps: steps + [.item(id)], base: nil, head: node, headOffset: node.offset))
            }
        }
        for (id, node) in zip(oldIDs, old) where !newSet.contains(Array(id.utf8)) {
            out.append(FieldChange(kind: .removed, steps: steps + [.item(id)], base: node, head: nil, headOffset: container.offset))
        }
    }

    /// The identity of every element (its "email", else its "id", or the string itself), when
    /// all elements have one and no two share it; nil otherwise, and elements go by index.
    static func identities(_ items: [JSONNode]) -> [String]? {
        var ids: [String] = []
        ids.reserveCapacity(items.count)
        for item in items {
            switch item.value {
            case .string(let s): ids.append("=" + s)
            case .object:
                if case .string(let e)? = item.member("email")?.node.value {
                    ids.append(e)
                } else if case .string(let id)? = item.member("id")?.node.value {
                    ids.append(id)
                } else {
                    return nil
                }
            default: return nil
            }
        }
        // Mixed kinds (strings and objects) or repeated identities: compare by position.
        let strings = ids.filter { $0.hasPrefix("=") }.count
        guard strings == 0 || strings == ids.count, Set(ids.map { Array($0.utf8) }).count == ids.count else { return nil }
        return ids.map { $0.hasPrefix("=") ? String($0.dropFirst()) : $0 }
    }

    /// Scalars compare by value, texts byte for byte; containers of different kinds always differ.
    static func sameScalar(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.number(let x), .number(let y)): x.sameBytes(as: y)
        case (.string(let x), .string(let y)): x.sameBytes(as: y)
        default: false
        }
    }
}
