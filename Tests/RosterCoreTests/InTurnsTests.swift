import Foundation
import Testing

@testable import RosterCore

/// Items made two at a time, on this thread and one of its own, reach the consumer in order,
/// each once, with no more than two made and not yet consumed.
@Suite struct InTurnsTests {
    final class Counts: @unchecked Sendable {
        let lock = NSLock()
        var outstanding = 0, most = 0
        var threads: Set<String> = []

        func made() {
            lock.withLock {
                outstanding += 1
                most = max(most, outstanding)
                threads.insert(Thread.isMainThread ? "main" : "\(Unmanaged.passUnretained(Thread.current).toOpaque())")
            }
        }

        func consumed() { lock.withLock { outstanding -= 1 } }
    }

    @Test func itemsComeInOrderAndFewAreHeld() {
        for count in [0, 1, 2, 3, 8, 101] {
            let counts = Counts()
            var seen: [Int] = []
            inTurns(count) { k -> Int in
                // Uneven work, so either side is sometimes the slower one.
                usleep(UInt32((k * 7919) % 5) * 100)
                counts.made()
                return k
            } consume: { k in
                counts.consumed()
                seen.append(k)
            }
            #expect(seen == Array(0..<count), "\(count) items")
            #expect(counts.most <= 2, "\(count) items: \(counts.most) held at once")
            #expect(counts.threads.count == min(count, 2), "\(count) items: made on \(counts.threads.count) threads")
        }
    }
}
