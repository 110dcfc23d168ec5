import RosterCore

/// HTML escaping of `& < > " '` as entities, byte by byte, into a byte buffer: the one HTML
/// escaper of the portal, its e-mails and the preview's error overlay.
public enum HTMLEscape {
    /// `s` escaped, for text and quoted attribute values.
    public static func string(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        append(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `byte` is one of the five this escapes.
    public static func escapes(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x22, 0x26, 0x27, 0x3C, 0x3E: true
        default: false
        }
    }

    static func append<Output: ByteOutput & ~Copyable>(_ s: String, to out: inout Output) {
        s.withUTF8InPlace { append(bytes: $0, to: &out) }
    }

    static func append<Output: ByteOutput & ~Copyable>(bytes: UnsafeBufferPointer<UInt8>, to out: inout Output) {
        // Runs of bytes that need no escape are copied at once; the cursor goes from one byte
        // in 0x22-0x27 or 0x3C-0x3E (the five, and `#$%=`) to the next (``ByteWords``).
        let special = { (w: UInt64) -> UInt64 in ByteWords.within(w, 0x22, 0x27) | ByteWords.within(w, 0x3C, 0x3E) }
        var k = ByteWords.firstFlagged(bytes, from: 0, special)
        var run = 0
        while k < bytes.count {
            let entity: StaticString
            switch bytes[k] {
            case 0x26: entity = "&amp;"
            case 0x3C: entity = "&lt;"
            case 0x3E: entity = "&gt;"
            case 0x22: entity = "&quot;"
            case 0x27: entity = "&#39;"
            default:
                k = ByteWords.firstFlagged(bytes, from: k + 1, special)
                continue
            }
            if run < k { out.appendBytes(UnsafeBufferPointer(rebasing: bytes[run..<k])) }
            out.append(entity)
            k += 1
            run = k
            k = ByteWords.firstFlagged(bytes, from: k, special)
        }
        if run < bytes.count { out.appendBytes(UnsafeBufferPointer(rebasing: bytes[run...])) }
    }
}
