import Dispatch
import RosterCore

/// What an org's pages show of a share it consumes.
public struct ShareName: Sendable {
    public let id: String
    public let name: String
}
