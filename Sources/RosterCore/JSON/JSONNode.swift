/// A JSON value that remembers where it was in its source file.
///
/// Foundation's `JSONDecoder` drops duplicate keys, accepts trailing commas and reports no
/// positions, so records are parsed with ``JSONParser`` into this tree instead. Offsets are byte
/// offsets into the file; ``SourceText`` turns them into line and column only when a finding is
/// printed.
public struct JSONNode: Sendable, Equatable {
    public var value: JSONValue
    /// Byte offset of the value's first character.
    public var offset: Int

    public init(_ value: JSONValue, offset: Int = 0) {
        self.value = value
        self.offset = offset
    }
}

extension JSONNode {
    /// The member named `key`, when this is an object that has it.
    public func member(_ key: String) -> JSONMember? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }
    }

    /// The node an RFC 6901 JSON pointer names, or the deepest node on its way that exists.
    /// When the pointer ends at a key, `keyOffset` tells whether to point at the key itself.
    public func offset(of pointer: String) -> Int {
        var node = self
        var best = offset
        // Split as bytes, and unescape only a part that has a `~`: a key can be 50 MB long.
        let parts = pointer.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst()
        for raw in parts {
            var part = String(Substring(raw))
            if raw.contains(UInt8(ascii: "~")) { part = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~") }
            switch node.value {
            case .object(let members):
                guard let m = members.first(where: { $0.key == part }) else { return best }
                node = m.node
                best = m.keyOffset
            case .array(let items):
                guard let i = Int(part), items.indices.contains(i) else { return best }
                node = items[i]
                best = node.offset
            default:
                return best
            }
        }
        return best
    }
}
