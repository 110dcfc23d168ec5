/// One file a change writes (`new` set) or deletes (`new` nil), with its bytes before.
public struct FileChange: Sendable, Equatable {
    public var path: String
    public var old: [UInt8]?
    public var new: [UInt8]?

    public var isDeletion: Bool { new == nil }
}
