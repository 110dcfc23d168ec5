import Dispatch
import Foundation
import Synchronization

/// Runs work over index ranges on a given number of workers: each worker takes the next range
/// not yet taken, so a few slow ranges first (the pages that list every org) do not leave a
/// worker idle at the end. Results are stored by index, so the output does not depend on the
/// number of workers or on which worker ran what.
enum ParallelJobs {
    /// The workers a build uses unless told otherwise: one per core.
    static var defaultWorkers: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// `transform` of every index of `count`, the `chunks` (ranges covering `0..<count`) spread
    /// over `workers` threads.
    static func map<R: Sendable>(count: Int, chunks: [Range<Int>], workers: Int, _ transform: @Sendable (Int) -> R) -> [R] {
        map(count: count, chunks: chunks, workers: workers, scratch: {}) { k, _ in transform(k) }
    }

    /// `transform` of every index, as above, each worker handing it the same `scratch` (made
    /// by `makeScratch` once per worker) for every index it takes: a buffer used again.
    static func map<R: Sendable, Scratch>(
        count: Int, chunks: [Range<Int>], workers: Int, scratch makeScratch: @Sendable () -> Scratch,
        _ transform: @Sendable (Int, inout Scratch) -> R
    ) -> [R] {
        // Made in place: an array of optionals unwrapped into a second one held both at once
        // (24 MB of results at 100,000 orgs). Every index is in exactly one chunk.
        precondition(
            (chunks.first?.lowerBound ?? 0) == 0 && (chunks.last?.upperBound ?? 0) == count
                && zip(chunks, chunks.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        let next = Atomic<Int>(0)
        return [R](unsafeUninitializedCapacity: count) { buffer, initialized in
            nonisolated(unsafe) let out = buffer
            // One iteration runs on the calling thread.
            DispatchQueue.concurrentPerform(iterations: max(1, min(workers, chunks.count))) { _ in
                var scratch = makeScratch()
                while true {
                    let c = next.add(1, ordering: .relaxed).oldValue
                    guard c < chunks.count else { return }
                    for k in chunks[c] { (out.baseAddress! + k).initialize(to: transform(k, &scratch)) }
                }
            }
            initialized = count
        }
    }

    /// Ranges of `size` indices covering `0..<count`, after `alone` single-index ranges.
    static func chunks(count: Int, alone: Int, size: Int) -> [Range<Int>] {
        let single = min(alone, count)
        return (0..<single).map { $0..<($0 + 1) } + stride(from: single, to: count, by: size).map { $0..<min(count, $0 + size) }
    }
}
