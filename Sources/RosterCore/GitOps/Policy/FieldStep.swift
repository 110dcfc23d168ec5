/// One step from a record's root to a field: an object key, or an element of an array named
/// by its identity (a member's e-mail, a team's id, a string's value) or, lacking one, by index.
public enum FieldStep: Sendable, Hashable, CustomStringConvertible {
    case key(String)
    case item(String)
    case index(Int)

    public var description: String {
        switch self {
        case .key(let k): "/" + Quote.bare(k)
        case .item(let id): "[" + Quote.bare(id) + "]"
        case .index(let i): "/" + String(i)
        }
    }
}
