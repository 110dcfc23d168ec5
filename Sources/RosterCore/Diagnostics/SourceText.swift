/// Turns byte offsets of a file into 1-based line and column numbers.
/// Columns count Unicode scalars, as editors do, not bytes.
public struct SourceText: Sendable {
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    public func position(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        let end = min(max(offset, 0), bytes.count)
        var k = 0
        while k < end {
            let b = bytes[k]
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            k += 1
        }
        return (line, column)
    }
}
