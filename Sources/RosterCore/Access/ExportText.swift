import Foundation

/// Bytes of an export fragment (an escaped e-mail, an org's shares laid out as an array),
/// as an offset and a length in the arena of the row that holds it.
struct ExportText {
    var start = 0
    var count = 0
}

/// Byte order of two fragments (then the shorter first), as `String`'s `<` orders plain ones.
@inline(__always) func compareBytes(_ a: UnsafePointer<UInt8>, _ n: Int, _ b: UnsafePointer<UInt8>, _ m: Int) -> Int {
    let c = memcmp(a, b, min(n, m))
    return c != 0 ? Int(c) : n - m
}
