import Foundation

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

    /// Room for `count` rows of plain values that lives as long as the arena, to be filled in
    /// place (by several threads, each its own part): building them in arrays first, then
    /// joining those and copying the result here, touched three times the memory.
    func allocate<T>(_ type: T.Type, _ count: Int) -> UnsafeMutableBufferPointer<T> {
        precondition(_isPOD(T.self), "only rows of plain values are kept (they are freed without being deinitialized)")
        let block = UnsafeMutablePointer<T>.allocate(capacity: max(1, count))
        lock.withLock { blocks.append(UnsafeMutableRawPointer(block)) }
        return UnsafeMutableBufferPointer(start: block, count: count)
    }

    /// The bytes of a block of fragments, kept.
    func seal(_ bytes: [UInt8]) -> UnsafePointer<UInt8> {
        keep(bytes).baseAddress!
    }

    deinit { for block in blocks { block.deallocate() } }
}
