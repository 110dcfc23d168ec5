import Dispatch
import RosterCore

/// One result written by one worker of a `concurrentPerform` and read after it returns.
final class ResultSlot<Value>: @unchecked Sendable {
    var value: Value?
}
