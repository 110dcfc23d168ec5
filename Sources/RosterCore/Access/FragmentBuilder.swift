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

    /// `parts` one after the other, escaped: the fragment ``text(_:)`` makes of their concatenation
    /// (escaping maps characters one by one), plain when every part is.
    mutating func joined(_ parts: String...) -> (text: ExportText, plain: Bool) {
        let start = bytes.count
        var plain = true
        for part in parts where !text(part).plain { plain = false }
        return (ExportText(start: start, count: bytes.count - start), plain)
    }

    /// ``SCIMDocuments/exportID(group:)`` of an escaped external id, `key`: the same bytes with
    /// every `/` made `.` (escaping neither makes nor removes a `/`, and no byte of a multi-byte
    /// character is one).
    mutating func exportID(_ key: ExportText) -> ExportText {
        let start = bytes.count
        for k in key.start..<key.start + key.count {
            let b = bytes[k]
            bytes.append(b == 0x2F ? 0x2E : b)
        }
        return ExportText(start: start, count: key.count)
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
