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
    let a = Background(first)
    let b = second()
    return (a.wait(), b)
}

/// Makes items `0..<count` and hands each to `consume` in order, two at a time: this thread
/// makes the even ones while a thread of its own makes the odd ones, at most one ahead of what
/// `consume` took, so no more than two are held at once. For one long file made of runs that do
/// not depend on each other (`api/orgs.json`): its job alone kept a core busy at the end of a
/// one-org rebuild while the other was idle, and a job on the pool's threads cannot spread over
/// them (libdispatch runs an apply nested in another on one thread).
public func inTurns<T: Sendable>(_ count: Int, make: @escaping @Sendable (Int) -> T, consume: (T) -> Void) {
    guard count > 1 else {
        for k in 0..<count { consume(make(k)) }
        return
    }
    let slot = TurnSlot<T>()
    let thread = Thread {
        for k in stride(from: 1, to: count, by: 2) {
            slot.taken.wait()
            slot.item = make(k)
            slot.ready.signal()
        }
    }
    thread.stackSize = 8 << 20
    thread.start()
    for k in 0..<count {
        if k % 2 == 0 {
            consume(make(k))
        } else {
            slot.ready.wait()
            let item = slot.item!
            slot.item = nil
            slot.taken.signal()
            consume(item)
        }
    }
}

/// The odd item of ``inTurns(_:make:consume:)`` on its way from the thread that made it: the
/// semaphores order every access to `item`.
private final class TurnSlot<T>: @unchecked Sendable {
    var item: T?
    let ready = DispatchSemaphore(value: 0)
    let taken = DispatchSemaphore(value: 1)
}

/// Work started on a thread of its own (see ``concurrently(_:_:)`` for why not a block on a
/// global queue) and waited for later, where its result is needed: for work whose result
/// nothing in between needs, so that the cores it leaves idle (its own serial stretches) and
/// those the work in between leaves idle are filled by the other.
public final class Background<T: Sendable>: @unchecked Sendable {
    /// Written by the thread before it signals `done`; read after `done` was waited for.
    private var result: T?
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var waited = false

    public init(_ work: @escaping @Sendable () -> T) {
        let thread = Thread { [self] in
            result = work()
            done.signal()
        }
        // The deep JSON documents a parse may meet need the stack a main thread has.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The result, once the work is done (waiting for it the first time).
    public func wait() -> T {
        lock.withLock {
            if !waited {
                done.wait()
                waited = true
            }
            return result!
        }
    }
}
