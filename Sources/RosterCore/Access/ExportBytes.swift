import Foundation

/// Bytes of an export fragment (an escaped e-mail, an org's shares laid out as an array),
/// as an offset and a length in the arena of the row that holds it.
struct Text {
    var start = 0
    var count = 0
}

/// Fragments made once per org and per user, copied side by side into one block of memory per
/// run of orgs: a row points at its block by a raw pointer, so the threads that write the
/// documents read fragments without retaining or releasing anything (shared reference counts
/// were a fifth of the work).
struct FragmentBuilder {
    var bytes: [UInt8] = []

    /// `s` escaped as in a JSON string (no quotes); `plain` when those bytes are `s`'s own and
    /// ASCII, so that comparing them byte by byte orders them as `String`'s `<` does.
    mutating func text(_ s: String) -> (text: Text, plain: Bool) {
        let start = bytes.count
        JSONWriter.appendEscaped(s, into: &bytes)
        let count = bytes.count - start
        var plain = count == s.utf8.count
        if plain {
            for k in start..<bytes.count where bytes[k] >= 0x80 {
                plain = false
                break
            }
        }
        return (Text(start: start, count: count), plain)
    }

    /// Bytes appended by `write`, as one fragment.
    mutating func fragment(_ write: (inout [UInt8]) -> Void) -> Text {
        let start = bytes.count
        write(&bytes)
        return Text(start: start, count: bytes.count - start)
    }

    /// The bytes in a block of their own that lives until ``ExportArena`` ends.
    func seal(into arena: ExportArena) -> UnsafePointer<UInt8> {
        arena.seal(bytes)
    }
}

/// Owns the blocks the rows point into, and the rows themselves, until the export ends.
final class ExportArena: @unchecked Sendable {
    private var blocks: [UnsafeMutableRawPointer] = []
    private let lock = NSLock()
    /// Where a row points before its block is sealed (never read through).
    nonisolated(unsafe) static let unset = UnsafePointer<UInt8>(UnsafeMutablePointer<UInt8>.allocate(capacity: 1))

    /// A copy of `items` (rows of plain values: pointers, numbers, flags) that lives as long as the arena.
    func keep<T>(_ items: [T]) -> UnsafeBufferPointer<T> {
        precondition(_isPOD(T.self), "only rows of plain values are kept (they are freed without being deinitialized)")
        let block = UnsafeMutablePointer<T>.allocate(capacity: max(1, items.count))
        items.withUnsafeBufferPointer { if let base = $0.baseAddress { block.initialize(from: base, count: $0.count) } }
        lock.withLock { blocks.append(UnsafeMutableRawPointer(block)) }
        return UnsafeBufferPointer(start: block, count: items.count)
    }

    /// The bytes of a block of fragments, kept.
    func seal(_ bytes: [UInt8]) -> UnsafePointer<UInt8> {
        keep(bytes).baseAddress!
    }

    deinit { for block in blocks { block.deallocate() } }
}

/// A growable byte buffer on raw memory: the documents' runs are laid out in one of these
/// (reused from run to run, so its pages stay mapped and in the cache) and handed to `write`.
struct OutputBuffer {
    private(set) var start: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        start = .allocate(capacity: self.capacity)
    }

    func free() { start.deallocate() }

    @inline(__always) mutating func append(_ bytes: UnsafePointer<UInt8>, _ n: Int) {
        if count + n > capacity { grow(count + n) }
        (start + count).update(from: bytes, count: n)
        count += n
    }

    @inline(__always) mutating func append(_ s: StaticString) { append(s.utf8Start, s.utf8CodeUnitCount) }

    @inline(__always) mutating func append(_ text: Text, in base: UnsafePointer<UInt8>) {
        append(base + text.start, text.count)
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { if let b = $0.baseAddress { append(b, $0.count) } }
    }

    private mutating func grow(_ needed: Int) {
        let bigger = max(needed, capacity * 2)
        let next = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
        next.initialize(from: start, count: count)
        start.deallocate()
        (start, capacity) = (next, bigger)
    }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: start, count: count) }
}

/// Byte order of two fragments (then the shorter first), as `String`'s `<` orders plain ones.
@inline(__always) func compareBytes(_ a: UnsafePointer<UInt8>, _ n: Int, _ b: UnsafePointer<UInt8>, _ m: Int) -> Int {
    let c = memcmp(a, b, min(n, m))
    return c != 0 ? Int(c) : n - m
}
