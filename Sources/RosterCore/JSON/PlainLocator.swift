/// Finds where JSON pointers lead in a file without parsing it into a tree, when the file is
/// plain ASCII JSON (see ``PlainScanner``): a finding's position is asked of up to thousands of
/// files after a validation, and a tree was built for each only to walk one path through it.
/// The offsets are those ``JSONNode/offset(of:)`` gives on the parsed tree, duplicate keys
/// included (the first key's position, the last value); a file that is not plain gives nil,
/// and the caller parses it.
enum PlainLocator {
    static func offsets(of pointers: [String], in bytes: [UInt8]) -> [Int]? {
        // ASCII only: keys then compare as bytes exactly as strings compare, and no byte
        // sequence needs UTF-8 validation (told 8 bytes at a time: byte by byte, it was a
        // sixth of placing a file's findings).
        return bytes.withUnsafeBufferPointer { buffer in
            guard ByteWords.isASCII(buffer) else { return nil }
            var s = PlainScanner(buffer)
            guard s.skipValue(depth: 0), s.atEnd() else { return nil }
            return pointers.map { offset(of: $0, buffer) }
        }
    }

    static func offset(of pointer: String, _ buffer: UnsafeBufferPointer<UInt8>) -> Int {
        var s = PlainScanner(buffer)
        s.skipSpace()
        var best = s.i
        // Split as JSONNode.offset(of:) splits: the same parts, unescaped the same way.
        for raw in pointer.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst() {
            var part = String(Substring(raw))
            if raw.contains(UInt8(ascii: "~")) { part = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~") }
            s.skipSpace()
            guard s.i < buffer.count else { return best }
            switch buffer[s.i] {
            case 0x7B:
                guard let (key, value) = s.member(named: part) else { return best }
                (best, s.i) = (key, value)
            case 0x5B:
                guard let index = Int(part), let element = s.element(index) else { return best }
                (best, s.i) = (element, element)
            default:
                return best
            }
        }
        return best
    }
}

extension PlainScanner {
    /// Skips one value of a file that may hold anything plain: numbers, `null` and nesting too.
    mutating func skipValue(depth: Int) -> Bool {
        skipSpace()
        guard !failed, depth < JSONParser.maxDepth, i < bytes.count else { return fail() }
        var count = 0
        switch bytes[i] {
        case 0x7B:
            i += 1
            while more(0x7D, &count) {
                guard rawString() != nil, take(0x3A), skipValue(depth: depth + 1) else { return fail() }
            }
        case 0x5B:
            i += 1
            while more(0x5D, &count) {
                guard skipValue(depth: depth + 1) else { return fail() }
            }
        case 0x22: _ = rawString()
        case 0x74, 0x66: _ = bool()
        case 0x6E: if !matches("null") { fail() }
        default: skipNumber()
        }
        return !failed
    }

    /// Skips a number as RFC 8259 writes it, or fails.
    mutating func skipNumber() {
        if i < bytes.count, bytes[i] == 0x2D { i += 1 }
        let start = i
        let n = digits()
        guard n == 1 || (n > 1 && bytes[start] != 0x30) else { fail(); return }  // no leading zero
        if i < bytes.count, bytes[i] == 0x2E {
            i += 1
            if digits() == 0 { fail(); return }
        }
        if i < bytes.count, bytes[i] == 0x65 || bytes[i] == 0x45 {
            i += 1
            if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }
            if digits() == 0 { fail() }
        }
    }

    private mutating func digits() -> Int {
        let start = i
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
        return i - start
    }

    /// In the object at the cursor (of a file already skipped whole): the offset of the first
    /// key equal to `name`, and of the value of the last one (as the parser keeps it).
    mutating func member(named name: String) -> (key: Int, value: Int)? {
        i += 1
        var count = 0
        var found: (key: Int, value: Int)?
        while more(0x7D, &count) {
            skipSpace()
            let keyOffset = i
            guard let key = rawString(), take(0x3A) else { return nil }
            skipSpace()
            if key.elementsEqual(name.utf8) { found = (found?.key ?? keyOffset, i) }
            guard skipValue(depth: 0) else { return nil }
        }
        return found
    }

    /// In the array at the cursor: the offset of element `index`.
    mutating func element(_ index: Int) -> Int? {
        i += 1
        var count = 0
        while more(0x5D, &count) {
            skipSpace()
            if count - 1 == index { return i }
            guard skipValue(depth: 0) else { return nil }
        }
        return nil
    }
}
