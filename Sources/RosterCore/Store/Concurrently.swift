import Dispatch

/// Runs `first` on another thread while `second` runs on this one, and returns both results:
/// for two pieces of work that do not depend on each other, so that neither waits on the
/// other's idle moments (each may itself spread over the cores with ``parallelMap(_:chunkSize:_:)``).
/// (`first` escapes: a block on a queue may outlive the wait by a moment, which
/// `withoutActuallyEscaping` would take for an escape and trap on.)
public func concurrently<A: Sendable, B>(_ first: @escaping @Sendable () -> A, _ second: () -> B) -> (A, B) {
    nonisolated(unsafe) var a: A?
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
        a = first(); done.signal()
    }
    let b = second()
    done.wait()
    return (a!, b)
}
