public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number's literal text, exactly as written (so nothing is lost to floating point).
    case number(String)
    case string(String)
    case array([JSONNode])
    /// Members in source order; ``JSONParser`` guarantees the keys are unique.
    case object([JSONMember])

    /// The name of the value's type, as a message shows it.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
