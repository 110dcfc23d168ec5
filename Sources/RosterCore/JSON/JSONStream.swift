/// Writes JSON in the canonical layout of ``JSONWriter`` (two-space indent, `"key": value`,
/// one member or element per line, a final newline) straight into bytes, without building a
/// ``JSONNode`` tree first: the portal writes 10,000 org files and lists of 10,000 entries.
/// The bytes go into a ``ByteSink``: appended to an array, each key's and each indent's bytes
/// cost a check of the array's room and uniqueness each.
public struct JSONStream: ~Copyable {
    var sink: ByteSink
    let htmlSafe: Bool
    /// How many objects and arrays are open: at most 64 (what roster writes nests a few levels).
    public private(set) var depth = 0
    /// For each open level (bit 0 the outermost): whether it is an array, and whether it has an
    /// entry yet. Kept in an array of pairs, each key and value paid a check of the array's
    /// uniqueness and bounds (a fifth of an org's JSON file).
    private var arrays: UInt64 = 0
    private var filled: UInt64 = 0

    public init(htmlSafe: Bool = false, capacity: Int = 4096) {
        self.htmlSafe = htmlSafe
        sink = ByteSink(capacity: capacity)
    }

    /// The bytes written so far (a copy).
    public var bytes: [UInt8] { sink.bytes }

    /// How many bytes were written so far.
    public var count: Int { sink.count }

    /// A stream that goes on with an array open `depth` levels deep, after `written` elements:
    /// each of several threads writes one run of a long array's elements, and the runs are
    /// joined in order between the pieces of the stream that opened the array (see ``take()``).
    /// The bytes are those one stream would write.
    public init(continuingArrayAtDepth depth: Int, after written: Int, htmlSafe: Bool = false, capacity: Int = 4096) {
        self.init(htmlSafe: htmlSafe, capacity: capacity)
        // The levels around the array are objects with an entry (the array's key).
        self.depth = max(1, depth)
        precondition(self.depth <= 64, "JSONStream nests at most 64 levels")
        let top: UInt64 = 1 &<< (self.depth - 1)
        arrays = top
        filled = (top &- 1) | (written > 0 ? top : 0)
    }

    /// The bytes written so far, leaving the buffer empty: a large document handed over in pieces.
    public mutating func take() -> [UInt8] {
        sink.take()
    }

    /// Before an entry: the comma after the previous one, the line break and the indent, with
    /// `extra` bytes more of room for what follows.
    @inline(__always)
    private mutating func entry(room extra: Int = 0) -> UnsafeMutablePointer<UInt8>? {
        guard depth > 0 else { return nil }
        let top: UInt64 = 1 &<< (depth &- 1)
        let comma = filled & top != 0 ? 1 : 0
        filled |= top
        let n = comma + 1 + 2 * depth
        // Room for the indent written a word at a time, past its end.
        let at = sink.room(n + 7 + extra)
        at.pointee = 0x2C
        at[comma] = 0x0A
        Self.spaces(at + comma + 1, 2 * depth)
        sink.wrote(n)
        return at + n
    }

    /// `n` spaces at `at`, a word at a time: up to 7 bytes past the end are overwritten.
    @inline(__always)
    private static func spaces(_ at: UnsafeMutablePointer<UInt8>, _ n: Int) {
        let raw = UnsafeMutableRawPointer(at)
        var k = 0
        while k < n {
            raw.storeBytes(of: 0x2020_2020_2020_2020 as UInt64, toByteOffset: k, as: UInt64.self)
            k &+= 8
        }
    }

    /// Two spaces per level (the export writes 160 MB, a quarter of it indent).
    private mutating func pad(_ level: Int) {
        let n = 2 * level
        Self.spaces(sink.room(n + 7), n)
        sink.wrote(n)
    }

    /// A value in an array or at the top (in an object, ``key(_:)`` comes first).
    @inline(__always)
    private mutating func value() {
        if depth > 0, arrays & (1 &<< (depth &- 1)) != 0 { _ = entry() }
    }

    /// A key named in the code: its bytes copied as they are, with no scan for what to escape
    /// (an org's JSON writes 80 keys; the search for escapes was a tenth of its strings' cost).
    /// Such a name is plain ASCII with nothing to escape.
    public mutating func key(_ name: StaticString) {
        assert(
            UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount).allSatisfy {
                $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C
            })
        let length = name.utf8CodeUnitCount
        let at = entry(room: length + 4) ?? sink.room(length + 4)
        at.pointee = 0x22
        (at + 1).initialize(from: name.utf8Start, count: length)
        (at + 1 + length).pointee = 0x22
        (at + 2 + length).pointee = 0x3A
        (at + 3 + length).pointee = 0x20
        sink.wrote(length + 4)
    }

    /// A key made of data (escaped as any string).
    public mutating func key(text name: String) {
        _ = entry()
        JSONWriter.writeString(name, htmlSafe: htmlSafe, into: &sink)
        sink.append(": ")
    }

    public mutating func beginObject() { open(0x7B, array: false) }
    public mutating func beginArray() { open(0x5B, array: true) }
    public mutating func endObject() { close(0x7D) }
    public mutating func endArray() { close(0x5D) }

    private mutating func open(_ bracket: UInt8, array: Bool) {
        value()
        sink.append(bracket)
        precondition(depth < 64, "JSONStream nests at most 64 levels")
        let level: UInt64 = 1 &<< depth
        arrays = array ? arrays | level : arrays & ~level
        filled &= ~level
        depth += 1
    }

    private mutating func close(_ bracket: UInt8) {
        precondition(depth > 0, "a close with nothing open")
        depth -= 1
        if filled & (1 &<< depth) != 0 {
            sink.append(0x0A)
            pad(depth)
        }
        sink.append(bracket)
        if depth == 0 { sink.append(0x0A) }
    }

    public mutating func string(_ s: String) { value(); JSONWriter.writeString(s, htmlSafe: htmlSafe, into: &sink) }
    /// A string given as its UTF-8 bytes (valid UTF-8), made by the caller without a String.
    public mutating func string(utf8: UnsafeBufferPointer<UInt8>) {
        value()
        JSONWriter.writeString(utf8: utf8, htmlSafe: htmlSafe, into: &sink)
    }
    /// A string given in three parts, joined without a String or a buffer made for it: the
    /// UTF-8 bytes `head` and `tail` (whole characters, escaped) around `middle`, a text of the
    /// code that needs no escape (written as it is).
    public mutating func string(utf8 head: UnsafeBufferPointer<UInt8>, verbatim middle: StaticString, utf8 tail: UnsafeBufferPointer<UInt8>) {
        assert(JSONWriter.canonicalBytes(JSONNode(.string(middle.description)), htmlSafe: htmlSafe).count == middle.utf8CodeUnitCount + 3)
        value()
        sink.append(0x22)
        JSONWriter.appendEscaped(utf8: head, htmlSafe: htmlSafe, into: &sink)
        sink.append(middle)
        JSONWriter.appendEscaped(utf8: tail, htmlSafe: htmlSafe, into: &sink)
        sink.append(0x22)
    }

    public mutating func number(_ n: Int) {
        value()
        var n = String(n)
        n.withUTF8 { sink.appendBytes($0) }
    }
    public mutating func bool(_ b: Bool) { value(); sink.append(b ? "true" : "false") }

    /// `"name": "value"`; nothing at all when the value is nil (as JSONWriter drops it).
    public mutating func field(_ name: StaticString, _ text: String?) {
        guard let text else { return }
        key(name)
        string(text)
    }

    /// `"name": [ … ]`, an array of strings. Inlinable: a caller in another module (the
    /// portal's JSON API) then gets it specialized for its sequence; unspecialized, each
    /// element went through the runtime's generic metadata.
    @inlinable
    public mutating func field(_ name: StaticString, strings: some Sequence<String>) {
        key(name)
        beginArray()
        for s in strings { string(s) }
        endArray()
    }

    public mutating func field(_ name: StaticString, _ n: Int) {
        key(name)
        number(n)
    }
}
