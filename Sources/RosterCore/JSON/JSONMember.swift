/// One `"key": value` pair of an object, in source order.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var keyOffset: Int
    public var node: JSONNode

    public init(key: String, keyOffset: Int = 0, node: JSONNode) {
        self.key = key
        self.keyOffset = keyOffset
        self.node = node
    }
}
