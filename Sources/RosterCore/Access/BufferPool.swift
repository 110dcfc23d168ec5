import Dispatch
import Foundation

/// Buffers handed from one piece to the next (at most one per thread at a time).
final class BufferPool: @unchecked Sendable {
    private var idle: [OutputBuffer] = []
    private let lock = NSLock()

    func take() -> OutputBuffer {
        lock.withLock { idle.popLast() } ?? OutputBuffer(capacity: 512 * 1024)
    }

    func give(_ buffer: OutputBuffer) {
        lock.withLock { idle.append(buffer) }
    }

    func free() {
        lock.withLock {
            for buffer in idle { buffer.free() }; idle = []
        }
    }
}
