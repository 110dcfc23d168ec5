/// A cursor over a record file that reads only plain JSON: objects, arrays, strings without
/// escapes or control characters, `true`, `false` and a version number, laid out with the four
/// white-space bytes RFC 8259 allows. Anything else (a byte order mark, an escape, `null`, a
/// trailing comma, an error of any kind) sets ``failed``, and the reader gives the file to
/// ``JSONParser``, which knows how to explain it. A file of records written by roster or by hand
/// in the usual way never leaves the plain path, and no tree of nodes is built for it.
struct PlainScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0
    /// Set at the first byte the plain path does not take; every later read then returns nil.
    private(set) var failed = false

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Gives up on the plain path; returns false, so a caller can `return fail()`.
    @discardableResult
    mutating func fail() -> Bool {
        failed = true
        return false
    }

    /// Passes over white space. A record file's indentation is runs of spaces after a line
    /// break: they are passed 8 at a time, the first byte that is not a space found from the
    /// word at once (byte by byte, a member's key cost 60 instructions of spaces).
    @inline(__always)
    mutating func skipSpace() {
        // Most calls find no white space (at a colon, a comma, a quote): told at once, inline.
        if i < bytes.count && bytes[i] > 0x20 { return }
        skipSpaceRun()
    }

    private mutating func skipSpaceRun() {
        guard let base = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        while i + 8 <= bytes.count {
            // Zero bytes where the word holds a space; the lowest set bit is the first other byte.
            let other = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ (ByteWords.ones &* 0x20)
            guard other != 0 else {
                i += 8
                continue
            }
            i += other.trailingZeroBitCount &>> 3
            switch bytes[i] {
            case 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    /// Consumes `byte` (after white space), or fails.
    mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard !failed, i < bytes.count, bytes[i] == byte else { return fail() }
        i += 1
        return true
    }

    /// Whether only white space is left.
    mutating func atEnd() -> Bool {
        skipSpace()
        return !failed && i == bytes.count
    }

    /// Before each entry of the object or array just opened with ``take(_:)``, `count` entries
    /// read so far: true when another entry follows (its comma consumed), false after the
    /// closing bracket `close` or on a failure.
    mutating func more(_ close: UInt8, _ count: inout Int) -> Bool {
        skipSpace()
        guard !failed, i < bytes.count else { return fail() }
        if bytes[i] == close {
            i += 1
            return false
        }
        if count > 0 {
            guard bytes[i] == 0x2C else { return fail() }
            i += 1
        }
        count += 1
        return true
    }

    /// The next key of an open object (its ':' consumed) as an index into `names`; nil at the
    /// closing brace or on a failure. A key not in `names`, or seen before (`seen` holds one
    /// bit per name), fails: the parser reports unknown and duplicate keys.
    mutating func key(in names: KeyNames, _ count: inout Int, _ seen: inout UInt32) -> Int? {
        guard more(0x7D, &count) else { return nil }
        // Every name is at most 16 bytes, and no key holds a zero byte (a control byte fails
        // the string): two words padded with zeros are equal exactly when the bytes are.
        let words: (UInt64, UInt64)?
        if let read = quotedKeyWords() {
            words = read
        } else {
            guard let raw = rawString() else { return nil }
            words = raw.count <= 16 ? KeyNames.words(raw, readable: bytes.baseAddress! + bytes.count - raw.baseAddress!) : nil
        }
        guard take(0x3A) else { return nil }
        if let (low, high) = words {
            for k in names.low.indices where names.low[k] == low && names.high[k] == high {
                guard seen & (1 << k) == 0 else { break }
                seen |= 1 << k
                return k
            }
        }
        fail()
        return nil
    }

    /// A key of at most 15 bytes, plain ASCII, read from the two words after its opening quote
    /// (when 16 bytes follow it), the cursor then after its closing quote; nil otherwise, the
    /// cursor not moved past white space (``rawString()`` reads the key then).
    private mutating func quotedKeyWords() -> (UInt64, UInt64)? {
        skipSpace()
        let start = i + 1
        guard !failed, start + 16 <= bytes.count, bytes[i] == 0x22 else { return nil }
        let raw = UnsafeRawPointer(bytes.baseAddress! + start)
        let first = raw.loadUnaligned(as: UInt64.self), second = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        // Only a quote ends the key here (the general way reads the rest).
        let n: Int
        if case let flags = Self.stops(first), flags != 0 {
            n = flags.trailingZeroBitCount &>> 3
        } else if case let flags = Self.stops(second), flags != 0 {
            n = 8 + flags.trailingZeroBitCount &>> 3
        } else {
            return nil
        }
        guard bytes[start + n] == 0x22 else { return nil }
        i = start + n + 1
        return n <= 8 ? (first & KeyNames.mask(n), 0) : (first, second & KeyNames.mask(n - 8))
    }

    /// The bytes between the quotes of a string without escapes or control characters.
    /// Sets ``lastWasASCII``.
    mutating func rawString() -> UnsafeBufferPointer<UInt8>? {
        guard take(0x22) else { return nil }
        let start = i
        lastWasASCII = true
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        while true {
            // Words with no quote, backslash, control or non-ASCII byte are passed over; the
            // lowest bit a test sets is exact (a wrong one only ever follows a right one), so
            // the cursor goes straight to the first such byte.
            while i + 8 <= bytes.count {
                let special = Self.stops(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                guard special == 0 else {
                    i += special.trailingZeroBitCount &>> 3
                    break
                }
                i += 8
            }
            guard i < bytes.count else { break }
            let b = bytes[i]
            if b == 0x22 {
                i += 1
                return UnsafeBufferPointer(rebasing: bytes[start..<(i - 1)])
            }
            if b == 0x5C || b < 0x20 { break }
            if b >= 0x80 { lastWasASCII = false }
            i += 1
        }
        fail()
        return nil
    }

    /// The bytes of a word a string's scan stops at: a quote, a backslash, a control byte or a
    /// byte of a non-ASCII character.
    @inline(__always)
    private static func stops(_ w: UInt64) -> UInt64 {
        ByteWords.equal(w, 0x22) | ByteWords.equal(w, 0x5C) | ByteWords.below(w, 0x20) | (w & ByteWords.highs)
    }

    /// Whether the string ``rawString()`` last read is ASCII: its String is then made without
    /// looking at its bytes again.
    private var lastWasASCII = true

    /// A string value, as the parser makes it (invalid UTF-8 fails). A value longer than 15
    /// bytes (shorter ones live inside the string) that the file held before is the earlier
    /// string again, sharing its storage: a team lists members by e-mail, and one person
    /// invited most members; the records of 100,000 orgs are a fifth smaller for it.
    mutating func string() -> String? {
        guard let raw = rawString() else { return nil }
        guard raw.count > 15 else { return make(raw) }
        let key = Self.key(raw)
        if slots.isEmpty {
            slots = [UInt8](repeating: 0, count: 2 * Self.poolLimit)
            pooled.reserveCapacity(Self.poolLimit)
            pooledKeys.reserveCapacity(Self.poolLimit)
        }
        // The slot of the key, or the first free one after it (the table is at most half full).
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> 57)
        while slots[slot] != 0 {
            let k = Int(slots[slot]) - 1
            // The lengths first: the key keeps only the low byte of the length, and comparing the
            // new string's bytes alone took a longer pooled string that starts with them (and ends
            // with the same eight bytes) for it, so a later value read as an earlier, longer one.
            if pooledKeys[k] == key && pooled[k].utf8.count == raw.count {
                let same = pooled[k].utf8.withContiguousStorageIfAvailable { memcmp($0.baseAddress!, raw.baseAddress!, raw.count) == 0 }
                if same == true { return pooled[k] }
            }
            slot = (slot + 1) & (2 * Self.poolLimit - 1)
        }
        guard let made = make(raw) else { return nil }
        if pooled.count < Self.poolLimit {
            pooled.append(made)
            pooledKeys.append(key)
            slots[slot] = UInt8(pooled.count)
        } else {
            poolOverflowed = true
        }
        return made
    }

    /// Strings read so far that are longer than 15 bytes, up to ``poolLimit``, and a key of each
    /// (its length, first and last eight bytes) that rules out most unequal ones at once, found
    /// by a table of twice as many slots (each the place in ``pooled`` plus one; 0 is free):
    /// the strings looked through one by one were half the cost of a long value.
    private var pooled: [String] = []
    private var pooledKeys: [UInt64] = []
    private var slots: [UInt8] = []
    static let poolLimit = 64
    /// Set when a long string was not pooled (a file with very many distinct values).
    private(set) var poolOverflowed = false

    private static func key(_ raw: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let base = UnsafeRawPointer(raw.baseAddress!)
        let first = base.loadUnaligned(as: UInt64.self)
        let last = base.loadUnaligned(fromByteOffset: raw.count - 8, as: UInt64.self)
        return first &* 31 ^ last ^ UInt64(raw.count) &<< 56
    }

    private mutating func make(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
        if lastWasASCII { return String(decoding: raw, as: UTF8.self) }
        guard let s = String(validating: raw, as: UTF8.self) else { fail(); return nil }
        return s
    }

    /// A string that is one of an enum's raw values, matched as two words (``KeyNames``): made
    /// into a String and given to the enum, each took 250 instructions (the raw values of an
    /// enum are looked through by a generic switch over strings).
    mutating func choice<E>(_ choices: Choices<E>) -> E? {
        guard let raw = rawString() else { return nil }
        if raw.count <= 16 {
            let (low, high) = KeyNames.words(raw, readable: bytes.baseAddress! + bytes.count - raw.baseAddress!)
            for k in choices.names.low.indices where choices.names.low[k] == low && choices.names.high[k] == high { return choices.cases[k] }
        }
        fail()
        return nil
    }

    mutating func bool() -> Bool? {
        skipSpace()
        if matches("true") { return true }
        if matches("false") { return false }
        fail()
        return nil
    }

    /// Consumes the number `value` written plainly (digits only), or fails.
    mutating func number(_ value: Int) -> Bool {
        skipSpace()
        let start = i
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
        let digits = UnsafeBufferPointer(rebasing: bytes[start..<i])
        guard !failed, digits.elementsEqual(String(value).utf8) else { return fail() }
        return true
    }

    /// Consumes `word` when the bytes at the cursor spell it.
    mutating func matches(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard !failed, i + n <= bytes.count, memcmp(word.utf8Start, bytes.baseAddress! + i, n) == 0 else { return false }
        i += n
        return true
    }
}

/// The cases of an enum of strings and their raw values as ``KeyNames``, for
/// ``PlainScanner/choice(_:)``.
struct Choices<E: CaseIterable & RawRepresentable & Sendable>: Sendable where E.RawValue == String {
    let cases: [E]
    let names: KeyNames

    init() {
        cases = Array(E.allCases)
        names = KeyNames(strings: cases.map(\.rawValue))
    }
}

/// The keys of one kind of object, for ``PlainScanner/key(in:_:_:)``: each name's bytes as
/// two words, padded with zeros to 16 bytes. A key read is matched by comparing two words with
/// each name's, where a `memcmp` for each name of the same length took 100 instructions a key.
struct KeyNames: Sendable {
    let low: [UInt64]
    let high: [UInt64]

    init(_ names: [StaticString]) {
        let pairs = names.map { name in
            precondition(name.utf8CodeUnitCount <= 16, "a key of a record is at most 16 bytes")
            return name.withUTF8Buffer { Self.words($0, readable: 0) }
        }
        (low, high) = (pairs.map(\.0), pairs.map(\.1))
    }

    init(strings: [String]) {
        let pairs = strings.map { name in
            precondition(name.utf8.count <= 16, "a raw value read as two words is at most 16 bytes")
            return name.withUTF8InPlace { Self.words($0, readable: 0) }
        }
        (low, high) = (pairs.map(\.0), pairs.map(\.1))
    }

    /// `bytes` (at most 16) as two words padded with zeros. When `readable` bytes from the
    /// first can be read (the rest of a file), they are read as two words and masked.
    static func words(_ bytes: UnsafeBufferPointer<UInt8>, readable: Int) -> (UInt64, UInt64) {
        let n = bytes.count
        guard let base = bytes.baseAddress, n > 0 else { return (0, 0) }
        if readable >= 16 {
            let raw = UnsafeRawPointer(base)
            let low = raw.loadUnaligned(as: UInt64.self) & mask(min(n, 8))
            let high = n > 8 ? raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self) & mask(n - 8) : 0
            return (low, high)
        }
        var low: UInt64 = 0, high: UInt64 = 0
        for k in 0..<n {
            if k < 8 { low |= UInt64(bytes[k]) << (8 * k) } else { high |= UInt64(bytes[k]) << (8 * (k - 8)) }
        }
        return (low, high)
    }

    /// The low `n` bytes (0 to 8) of a word.
    static func mask(_ n: Int) -> UInt64 {
        n >= 8 ? ~0 : (1 << (8 * UInt64(n))) - 1
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
