/// A fast, stable 64-bit fingerprint of inputs in the manner of FNV-1a (not for security).
public struct FNV1a: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    /// Bytes are mixed eight at a time (the keys of 10,000 org pages hash 44 MB per build).
    public mutating func add(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { mix($0) }
        add(separator: 0xff)
    }

    private mutating func mix(_ raw: UnsafeRawBufferPointer) {
        var k = 0
        while k + 8 <= raw.count {
            value ^= raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
            value = value &* 0x100_0000_01b3
            value ^= value >> 29
            k += 8
        }
        while k < raw.count {
            value ^= UInt64(raw[k])
            value = value &* 0x100_0000_01b3
            k += 1
        }
    }

    /// The fingerprint of `bytes` alone, mixed eight at a time (not the value ``add(_:)-(String)``
    /// gives the same text: use one or the other for a table).
    static func fingerprint(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash = FNV1a()
        hash.mix(bytes)
        return hash.value
    }

    static func fingerprint(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { fingerprint($0) }
    }

    /// A text's bytes, eight at a time from its own storage (byte by byte through its view, the
    /// texts of the pages' keys cost 5 instructions a byte).
    public mutating func add(_ text: String) {
        text.withUTF8InPlace { mix(UnsafeRawBufferPointer($0)) }
        add(separator: 0xfe)
    }

    /// A number, as its eight bytes.
    public mutating func add(_ number: UInt64) {
        value ^= number
        value = value &* 0x100_0000_01b3
        value ^= value >> 29
        add(separator: 0xfd)
    }

    mutating func add(separator: UInt8) {
        value ^= UInt64(separator)
        value = value &* 0x100_0000_01b3
    }

    /// The value as 13 base-32 digits (five bits each, the first holding the top four), the
    /// key of a page: a String of at most 15 bytes is held in place, with no allocation and no
    /// reference count. As 16 hex digits, each of the 211,000 page keys of a build at 100,000
    /// orgs was a String on the heap, made, compared, and made again from the manifest.
    public var key: String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 13) { digits in
            var v = value
            for k in stride(from: 12, through: 0, by: -1) {
                let d = UInt8(truncatingIfNeeded: v & 31)
                digits[k] = d < 10 ? 0x30 + d : 0x61 + d - 10
                v >>= 5
            }
            return String(decoding: digits, as: UTF8.self)
        }
    }
}
