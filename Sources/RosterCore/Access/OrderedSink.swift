import Dispatch
import Foundation

/// Where one file's bytes go, in pieces numbered from 0 and made on several threads: each piece
/// is handed over as soon as the pieces before it were, so a 95 MB document goes to the file
/// while it is being made, through a few buffers that stay in the cache, instead of being held
/// whole in memory first (153 MB of fresh pages to fault in, then copy).
final class OrderedSink: @unchecked Sendable {
    private let turn = NSCondition()
    private var next = 0
    private let emit: (UnsafeRawBufferPointer) -> Void

    /// `emit` receives the pieces in order, one call at a time.
    init(_ emit: @escaping (UnsafeRawBufferPointer) -> Void) {
        self.emit = emit
    }

    /// Hands over piece `index` once pieces `0..<index` have been: the thread that made it waits
    /// for its turn (pieces are taken in order, so an earlier one is always being made).
    func put(_ index: Int, _ bytes: UnsafeRawBufferPointer) {
        turn.lock()
        while next != index { turn.wait() }
        turn.unlock()
        emit(bytes)
        turn.lock()
        next += 1
        turn.broadcast()
        turn.unlock()
    }

    /// A piece of a file: its sink, its number, and what writes its bytes.
    struct Piece: @unchecked Sendable {
        var sink: Int
        var index: Int
        var write: (inout OutputBuffer) -> Void
    }

    /// Makes every piece on the cores, taken in order, each into a buffer reused from piece to
    /// piece, and hands it to its sink.
    static func run(_ pieces: [Piece], into sinks: [OrderedSink]) {
        let pool = BufferPool()
        DispatchQueue.concurrentPerform(iterations: pieces.count) { k in
            var buffer = pool.take()
            pieces[k].write(&buffer)
            sinks[pieces[k].sink].put(pieces[k].index, buffer.bytes)
            buffer.count = 0
            pool.give(buffer)
        }
        pool.free()
    }
}
