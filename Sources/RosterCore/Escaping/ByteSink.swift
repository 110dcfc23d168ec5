/// Bytes written through a pointer into memory the sink owns: one check of room for each
/// piece. An array's `append` checks its room and that its buffer is not shared for each piece
/// or byte, and through the generic path for each piece: a key of an org's JSON file (a comma,
/// a line break, the indent and the quoted name) cost 370 instructions into an array, 170 into
/// a sink, and an org's JSON file a quarter fewer. Not copyable: two copies would write into
/// the same memory.
public struct ByteSink: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var capacity: Int
    @usableFromInline var used = 0

    public init(capacity: Int = 4096) {
        self.capacity = Swift.max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// How many bytes were written.
    public var count: Int { used }

    /// Where the next `n` bytes go, with room for them; ``wrote(_:)`` then counts them.
    @inlinable @inline(__always)
    public mutating func room(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        if used + n > capacity { grow(to: used + n) }
        return base + used
    }

    /// Counts `n` bytes written where ``room(_:)`` said.
    @inlinable @inline(__always)
    public mutating func wrote(_ n: Int) {
        used += n
    }

    @usableFromInline
    mutating func grow(to needed: Int) {
        let larger = Swift.max(needed, 2 * capacity)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.initialize(from: base, count: used)
        base.deallocate()
        (base, capacity) = (moved, larger)
    }

    @inlinable @inline(__always)
    public mutating func append(_ byte: UInt8) {
        room(1).pointee = byte
        used += 1
    }

    @inlinable @inline(__always)
    public mutating func appendBytes(_ piece: UnsafeBufferPointer<UInt8>) {
        guard let start = piece.baseAddress else { return }
        let n = piece.count, to = UnsafeMutableRawPointer(room(n)), from = UnsafeRawPointer(start)
        // Most pieces are short (a quote, a name, an indent): copied as two words that may
        // overlap, not through a call of `memcpy` for each.
        switch n {
        case 8...16:
            to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self), toByteOffset: n - 8, as: UInt64.self)
        case 4..<8:
            to.storeBytes(of: from.loadUnaligned(as: UInt32.self), as: UInt32.self)
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self), toByteOffset: n - 4, as: UInt32.self)
        case 1..<4:
            to.storeBytes(of: start[0], as: UInt8.self)
            to.storeBytes(of: start[n / 2], toByteOffset: n / 2, as: UInt8.self)
            to.storeBytes(of: start[n - 1], toByteOffset: n - 1, as: UInt8.self)
        case 0: break
        default: to.copyMemory(from: from, byteCount: n)
        }
        used += n
    }

    /// The bytes written so far, copied.
    public var bytes: [UInt8] {
        Array(UnsafeBufferPointer(start: base, count: used))
    }

    /// Appends the bytes written to `array`, in one copy.
    public func appendAll(to array: inout [UInt8]) {
        array.append(contentsOf: UnsafeBufferPointer(start: base, count: used))
    }

    /// The bytes written so far, leaving the sink empty (its memory kept).
    public mutating func take() -> [UInt8] {
        defer { used = 0 }
        return bytes
    }
}

/// Where the escapers write: a byte array, or a ``ByteSink``.
public protocol ByteOutput: ~Copyable {
    mutating func append(_ byte: UInt8)
    mutating func appendBytes(_ piece: UnsafeBufferPointer<UInt8>)
}

extension ByteOutput where Self: ~Copyable {
    /// The bytes of a text written in the code.
    @inlinable @inline(__always)
    public mutating func append(_ text: StaticString) {
        appendBytes(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}

extension Array: ByteOutput where Element == UInt8 {}

extension ByteSink: ByteOutput {}
