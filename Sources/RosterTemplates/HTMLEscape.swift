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

    static func append<Output: ByteOutput & ~Copyable>(_ s: String, to out: inout Output) {
        s.withUTF8InPlace { append(bytes: $0, to: &out) }
    }

    static func append<Output: ByteOutput & ~Copyable>(bytes: UnsafeBufferPointer<UInt8>, to out: inout Output) {
        // Runs of bytes that need no escape are copied at once; the words of 8 bytes with none
        // of the five are passed over first (``ByteWords``).
        var k = ByteWords.skipPlain(bytes, from: 0) { w in
            ByteWords.equal(w, 0x26) | ByteWords.equal(w, 0x3C) | ByteWords.equal(w, 0x3E) | ByteWords.equal(w, 0x22) | ByteWords.equal(w, 0x27)
        }
        var run = 0
        while k < bytes.count {
            let b = bytes[k]
            guard b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27 else {
                k += 1
                continue
            }
            if run < k { out.appendBytes(UnsafeBufferPointer(rebasing: bytes[run..<k])) }
            switch b {
            case 0x26: out.append("&amp;")
            case 0x3C: out.append("&lt;")
            case 0x3E: out.append("&gt;")
            case 0x22: out.append("&quot;")
            default: out.append("&#39;")
            }
            k += 1
            run = k
        }
        if run < k { out.appendBytes(UnsafeBufferPointer(rebasing: bytes[run..<k])) }
    }
}
