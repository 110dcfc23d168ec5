import Foundation

/// Fragments made once per org and per user, copied side by side into one block of memory per
/// run of orgs: a row points at its block by a raw pointer, so the threads that write the
/// documents read fragments without retaining or releasing anything (shared reference counts
/// were a fifth of the work).
struct FragmentBuilder {
    var bytes: [UInt8] = []

    /// `s` escaped as in a JSON string (no quotes); `plain` when those bytes are `s`'s own and
    /// ASCII, so that comparing them byte by byte orders them as `String`'s `<` does.
    mutating func text(_ s: String) -> (text: ExportText, plain: Bool) {
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
        return (ExportText(start: start, count: count), plain)
    }

    /// Bytes appended by `write`, as one fragment.
    mutating func fragment(_ write: (inout [UInt8]) -> Void) -> ExportText {
        let start = bytes.count
        write(&bytes)
        return ExportText(start: start, count: bytes.count - start)
    }

    /// The bytes in a block of their own that lives until ``ExportArena`` ends.
    func seal(into arena: ExportArena) -> UnsafePointer<UInt8> {
        arena.seal(bytes)
    }
}
