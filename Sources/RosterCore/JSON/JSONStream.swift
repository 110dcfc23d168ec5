/// Writes JSON in the canonical layout of ``JSONWriter`` (two-space indent, `"key": value`,
/// one member or element per line, a final newline) straight into bytes, without building a
/// ``JSONNode`` tree first: the portal writes 10,000 org files and lists of 10,000 entries.
public struct JSONStream {
    public private(set) var bytes: [UInt8] = []
    let htmlSafe: Bool
    /// For each open object or array: whether it is an array, and how many entries it has.
    private var open: [(array: Bool, count: Int)] = []

    public init(htmlSafe: Bool = false, capacity: Int = 4096) {
        self.htmlSafe = htmlSafe
        bytes.reserveCapacity(capacity)
    }

    /// Before an entry: the comma after the previous one, the line break and the indent.
    private mutating func entry() {
        guard let top = open.last else { return }
        bytes.append(contentsOf: top.count == 0 ? [0x0A] : [0x2C, 0x0A])
        open[open.count - 1].count += 1
        for _ in 0..<(2 * open.count) { bytes.append(0x20) }
    }

    /// A value in an array or at the top (in an object, ``key(_:)`` comes first).
    private mutating func value() {
        if open.last?.array == true { entry() }
    }

    public mutating func key(_ name: String) {
        entry()
        JSONWriter.writeString(name, htmlSafe: htmlSafe, into: &bytes)
        bytes.append(contentsOf: [0x3A, 0x20])
    }

    public mutating func beginObject() { value(); bytes.append(0x7B); open.append((false, 0)) }
    public mutating func beginArray() { value(); bytes.append(0x5B); open.append((true, 0)) }
    public mutating func endObject() { close(0x7D) }
    public mutating func endArray() { close(0x5D) }

    private mutating func close(_ bracket: UInt8) {
        let top = open.removeLast()
        if top.count > 0 {
            bytes.append(0x0A)
            for _ in 0..<(2 * open.count) { bytes.append(0x20) }
        }
        bytes.append(bracket)
        if open.isEmpty { bytes.append(0x0A) }
    }

    public mutating func string(_ s: String) { value(); JSONWriter.writeString(s, htmlSafe: htmlSafe, into: &bytes) }
    public mutating func number(_ n: Int) { value(); bytes.append(contentsOf: String(n).utf8) }
    public mutating func bool(_ b: Bool) { value(); bytes.append(contentsOf: (b ? "true" : "false").utf8) }

    /// `"name": "value"`; nothing at all when the value is nil (as JSONWriter drops it).
    public mutating func field(_ name: String, _ text: String?) {
        guard let text else { return }
        key(name)
        string(text)
    }

    public mutating func field(_ name: String, _ n: Int) {
        key(name)
        number(n)
    }
}
