/// A large JSON document written as a list of byte pieces, its long arrays written in runs
/// spread over the cores: the pieces, written one after the other, are the bytes one
/// ``JSONStream`` would write, whatever the number of cores (the runs are fixed by the count).
public struct PiecewiseDocument {
    /// The stream that writes everything but the long arrays' elements.
    public var stream: JSONStream
    private var pieces: [[UInt8]] = []

    public init() {
        stream = JSONStream(capacity: 64 * 1024)
    }

    /// Writes `count` elements into the array `stream` has just opened, element `k` by
    /// `write(&s, k)`, in runs of `run` elements on the cores. Each run reserves `bytesEach`
    /// bytes per element up front: generous, since memory never written costs nothing, and a
    /// buffer that grows copies what it holds.
    public mutating func elements(_ count: Int, run: Int = 1024, bytesEach: Int = 2048, _ write: @Sendable (inout JSONStream, Int) -> Void) {
        pieces.append(stream.take())
        let depth = stream.depth
        let runs = stride(from: 0, to: count, by: run).map { $0..<min(count, $0 + run) }
        pieces += parallelMap(runs, chunkSize: 1) { range in
            var s = JSONStream(continuingArrayAtDepth: depth, after: range.lowerBound, capacity: bytesEach * range.count)
            for k in range { write(&s, k) }
            return s.take()
        }
        stream.elementsWrittenElsewhere(count)
    }

    /// Writes every element of `list` into the array `stream` has just opened, each by `write`,
    /// which is given where the element is (`.pointee` lends it): handing over the element itself
    /// copied it, retaining and releasing each of its strings, a third of the work for a user.
    public mutating func elements<T>(of list: [T], run: Int = 1024, _ write: @Sendable (inout JSONStream, UnsafePointer<T>) -> Void) {
        list.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            nonisolated(unsafe) let elements = base
            self.elements(buffer.count, run: run) { s, k in write(&s, elements + k) }
        }
    }

    /// The document's pieces, in order.
    public mutating func finish() -> [[UInt8]] {
        pieces.append(stream.take())
        return pieces.filter { !$0.isEmpty }
    }
}
