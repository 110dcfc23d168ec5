import Foundation

/// Bytes of an export fragment (an escaped e-mail, an org's shares laid out as an array),
/// as an offset and a length in the arena of the row that holds it. Both are 32-bit (a run's
/// block is far below 2 GB): a user's row holds four of these, and 100,000 rows take 3 MB less
/// (memory the threads that lay out the documents read again and again).
struct ExportText {
    private var offset: Int32 = 0
    private var length: Int32 = 0

    init() {}

    init(start: Int, count: Int) {
        (offset, length) = (Int32(start), Int32(count))
    }

    var start: Int { Int(offset) }
    var count: Int { Int(length) }
}

/// Byte order of two fragments (then the shorter first), as `String`'s `<` orders plain ones.
@inline(__always) func compareBytes(_ a: UnsafePointer<UInt8>, _ n: Int, _ b: UnsafePointer<UInt8>, _ m: Int) -> Int {
    let c = memcmp(a, b, min(n, m))
    return c != 0 ? Int(c) : n - m
}
