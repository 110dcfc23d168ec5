/// Numbers and strings: the scalars of a JSON document, scanned in place (no copy unless a
/// string has escapes), each checked as strictly as RFC 8259 asks.
extension JSONParser.Scanner {
    mutating func parseNumber() throws(JSONParser.Fatal) -> String {
        let start = i
        if bytes[i] == 0x2D { i += 1 }
        guard i < bytes.count, isDigit(bytes[i]) else { throw fatal("invalid number") }
        if bytes[i] == 0x30, i + 1 < bytes.count, isDigit(bytes[i + 1]) {
            throw fatal("numbers must not have leading zeros")
        }
        while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        if i < bytes.count, bytes[i] == 0x2E {
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else { throw fatal("invalid number: a digit must follow '.'") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == 0x65 || bytes[i] == 0x45 {
            i += 1
            if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw fatal("invalid number: a digit must follow the exponent") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
    }

    func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    mutating func parseString() throws(JSONParser.Fatal) -> String {
        let open = i
        i += 1
        let start = i
        var ascii = true
        // Fast path: no escapes. Scan to the closing quote.
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x22 {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<i])
                i += 1
                if ascii { return String(decoding: slice, as: UTF8.self) }
                return try validated(slice, at: start)
            }
            if b == 0x5C { return try parseEscapedString(from: start, open: open) }
            if b < 0x20 {
                throw fatal(
                    b == 0x0A
                        ? "unterminated string: a line break inside a string must be written \\n"
                        : "control character inside a string must be escaped")
            }
            if b >= 0x80 { ascii = false }
            i += 1
        }
        throw fatal("unterminated string", at: open)
    }

    func validated(_ slice: UnsafeBufferPointer<UInt8>, at offset: Int) throws(JSONParser.Fatal) -> String {
        guard let s = String(validating: slice, as: UTF8.self) else {
            throw fatal("invalid UTF-8 in string", at: offset)
        }
        return s
    }

    mutating func parseEscapedString(from start: Int, open: Int) throws(JSONParser.Fatal) -> String {
        var out = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<i]))
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x22:
                i += 1
                guard let s = String(validating: out, as: UTF8.self) else { throw fatal("invalid UTF-8 in string", at: start) }
                return s
            case 0x5C:
                i += 1
                guard i < bytes.count else { throw fatal("unterminated string", at: open) }
                let e = bytes[i]
                i += 1
                switch e {
                case 0x22: out.append(0x22)
                case 0x5C: out.append(0x5C)
                case 0x2F: out.append(0x2F)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x75: try appendUnicodeEscape(into: &out)
                default: throw fatal("invalid escape '\\\(Character(Unicode.Scalar(e)))'", at: i - 2)
                }
            case 0..<0x20:
                throw fatal("control character inside a string must be escaped")
            default:
                out.append(b)
                i += 1
            }
        }
        throw fatal("unterminated string", at: open)
    }

    mutating func hex4() throws(JSONParser.Fatal) -> UInt32 {
        guard i + 4 <= bytes.count else { throw fatal("invalid \\u escape: four hex digits expected") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw fatal("invalid \\u escape: four hex digits expected")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    mutating func appendUnicodeEscape(into out: inout [UInt8]) throws(JSONParser.Fatal) {
        let at = i - 2
        var code = try hex4()
        if code >= 0xD800, code < 0xDC00 {
            guard i + 6 <= bytes.count, bytes[i] == 0x5C, bytes[i + 1] == 0x75 else {
                throw fatal("unpaired surrogate in \\u escape", at: at)
            }
            i += 2
            let low = try hex4()
            guard low >= 0xDC00, low < 0xE000 else { throw fatal("unpaired surrogate in \\u escape", at: at) }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        } else if code >= 0xDC00, code < 0xE000 {
            throw fatal("unpaired surrogate in \\u escape", at: at)
        }
        guard let scalar = Unicode.Scalar(code) else { throw fatal("invalid \\u escape", at: at) }
        out.append(contentsOf: String(Character(scalar)).utf8)
    }
}
