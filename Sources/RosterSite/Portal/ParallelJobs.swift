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
        var items = [R?](repeating: nil, count: count)
        let next = Atomic<Int>(0)
        items.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            // One iteration runs on the calling thread.
            DispatchQueue.concurrentPerform(iterations: max(1, min(workers, chunks.count))) { _ in
                while true {
                    let c = next.add(1, ordering: .relaxed).oldValue
                    guard c < chunks.count else { return }
                    for k in chunks[c] { out[k] = transform(k) }
                }
            }
        }
        return items.map { $0! }
    }

    /// Ranges of `size` indices covering `0..<count`, after `alone` single-index ranges.
    static func chunks(count: Int, alone: Int, size: Int) -> [Range<Int>] {
        let single = min(alone, count)
        return (0..<single).map { $0..<($0 + 1) } + stride(from: single, to: count, by: size).map { $0..<min(count, $0 + size) }
    }
}
