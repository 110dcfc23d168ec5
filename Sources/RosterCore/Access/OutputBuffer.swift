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
        (start + count).update(from: bytes, count: n)
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
