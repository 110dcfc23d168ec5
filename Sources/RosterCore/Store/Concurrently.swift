import Dispatch
import Foundation

/// Runs `first` on another thread while `second` runs on this one, and returns both results:
/// for two pieces of work that do not depend on each other, so that neither waits on the
/// other's idle moments (each may itself spread over the cores with ``parallelMap(_:chunkSize:_:)``).
///
/// `first` gets a thread of its own, not a block on a global queue: roster's commands run on a
/// thread of that pool, and on a machine with one core the pool had no other thread to give
/// until libdispatch decided it was starved (the portal model's indexes waited 0.69 s for 14 ms
/// of work). (`first` escapes: the thread may outlive the wait by a moment, which
/// `withoutActuallyEscaping` would take for an escape and trap on.)
public func concurrently<A: Sendable, B>(_ first: @escaping @Sendable () -> A, _ second: () -> B) -> (A, B) {
    nonisolated(unsafe) var a: A?
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        a = first()
        done.signal()
    }
    // The deep JSON documents a parse may meet need the stack a main thread has.
    thread.stackSize = 8 << 20
    thread.start()
    let b = second()
    done.wait()
    return (a!, b)
}
