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
            var outline = Outline()
            guard s.outline(into: &outline), s.atEnd() else { return nil }
            return pointers.map { offset(of: $0, buffer, outline) }
        }
    }

    /// What the walk that checks a file finds of its root object: each member, and the
    /// elements of the members that are arrays. A pointer then goes straight to its member
    /// and element (a record's findings point into `/members/N/...`): walked from the start
    /// of the file for each pointer, every member before it passed over, placing one finding
    /// cost more than checking the whole file.
    struct Outline {
        struct Member {
            /// Where the key's bytes are (between its quotes), and its opening quote.
            let key: Range<Int>, keyOffset: Int
            /// Where the value begins; where its elements' offsets are in `elements`, when it is
            /// an array.
            let value: Int, elements: Range<Int>?
        }
        /// The file is an object, whose members are these.
        var isObject = false
        var members: [Member] = []
        var elements: [Int] = []

        /// As ``PlainScanner/member(named:)`` finds it: the offset of the first key equal to
        /// `name`, and the value (and elements) of the last one.
        func member(named name: String, in buffer: UnsafeBufferPointer<UInt8>) -> (key: Int, value: Int, elements: Range<Int>?)? {
            var found: (key: Int, value: Int, elements: Range<Int>?)?
            for m in members where UnsafeBufferPointer(rebasing: buffer[m.key]).elementsEqual(name.utf8) {
                found = (found?.key ?? m.keyOffset, m.value, m.elements)
            }
            return found
        }
    }

    static func offset(of pointer: String, _ buffer: UnsafeBufferPointer<UInt8>, _ outline: Outline) -> Int {
        var s = PlainScanner(buffer)
        s.skipSpace()
        var best = s.i
        // The elements of the root's member the first part named, when it is an array.
        var elements: Range<Int>?
        // Split as JSONNode.offset(of:) splits: the same parts, unescaped the same way.
        for (level, raw) in pointer.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst().enumerated() {
            var part = String(Substring(raw))
            if raw.contains(UInt8(ascii: "~")) { part = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~") }
            s.skipSpace()
            guard s.i < buffer.count else { return best }
            if level == 0, outline.isObject {
                guard let member = outline.member(named: part, in: buffer) else { return best }
                (best, s.i, elements) = (member.key, member.value, member.elements)
                continue
            }
            if level == 1, let elements {
                guard let index = Int(part), index >= 0, index < elements.count else { return best }
                let element = outline.elements[elements.lowerBound + index]
                (best, s.i) = (element, element)
                continue
            }
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
    /// Skips the file's one value, as ``skipValue(depth:)`` does, keeping the ``PlainLocator/Outline``
    /// of an object.
    mutating func outline(into outline: inout PlainLocator.Outline) -> Bool {
        skipSpace()
        guard !failed, i < bytes.count, bytes[i] == 0x7B else { return skipValue(depth: 0) }
        outline.isObject = true
        i += 1
        var count = 0
        while more(0x7D, &count) {
            skipSpace()
            let keyOffset = i
            guard let key = rawString(), take(0x3A) else { return fail() }
            skipSpace()
            let value = i
            var elements: Range<Int>?
            if i < bytes.count, bytes[i] == 0x5B {
                // The array skipped as `skipValue(depth: 1)` would (one level is within the
                // parser's depth), each element's place kept.
                i += 1
                let first = outline.elements.count
                var n = 0
                while more(0x5D, &n) {
                    skipSpace()
                    outline.elements.append(i)
                    guard skipValue(depth: 2) else { return fail() }
                }
                elements = first..<outline.elements.count
            } else {
                guard skipValue(depth: 1) else { return fail() }
            }
            outline.members.append(.init(key: (keyOffset + 1)..<(keyOffset + 1 + key.count), keyOffset: keyOffset, value: value, elements: elements))
        }
        return !failed
    }

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
