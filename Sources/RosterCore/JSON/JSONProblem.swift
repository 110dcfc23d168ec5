/// A problem the parser found, at a byte offset of the source.
public struct JSONProblem: Sendable, Equatable {
    public var offset: Int
    public var message: String
    public var rule: String
}
