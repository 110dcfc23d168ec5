import Foundation

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
        let to = UnsafeMutableRawPointer(start + count), from = UnsafeRawPointer(bytes)
        // Most fragments (an e-mail, a name) are short: two overlapping loads and stores copy
        // them without a call to memmove, made ten million times for 100,000 users.
        if n >= 16 && n <= 32 {
            let (a, b) = (from.loadUnaligned(as: SIMD16<UInt8>.self), from.loadUnaligned(fromByteOffset: n - 16, as: SIMD16<UInt8>.self))
            to.storeBytes(of: a, as: SIMD16<UInt8>.self)
            to.storeBytes(of: b, toByteOffset: n - 16, as: SIMD16<UInt8>.self)
        } else if n >= 8 && n < 16 {
            let (a, b) = (from.loadUnaligned(as: UInt64.self), from.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
            to.storeBytes(of: a, as: UInt64.self)
            to.storeBytes(of: b, toByteOffset: n - 8, as: UInt64.self)
        } else {
            to.copyMemory(from: from, byteCount: n)
        }
        count += n
    }

    @inline(__always) mutating func append(_ s: StaticString) { append(s.utf8Start, s.utf8CodeUnitCount) }

    @inline(__always) mutating func append(_ text: ExportText, in base: UnsafePointer<UInt8>) {
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
