extension Array where Element == UInt8 {
    /// Appends the bytes `piece` points to. Most pieces the portal's writers append are a few
    /// bytes (a quote, a key, an indent, a run of text between two escapes): for those, one
    /// `append` per byte inlined here cost less than `append(contentsOf:)`, a call that checks
    /// and copies through the generic path for each piece.
    @inlinable @inline(__always)
    public mutating func appendBytes(_ piece: UnsafeBufferPointer<UInt8>) {
        guard piece.count <= 16 else { return append(contentsOf: piece) }
        for b in piece { append(b) }
    }
}

extension String {
    /// Calls `body` with the string's UTF-8 bytes, read where they are when it has them in one
    /// piece (a native string): `var s = s; s.withUTF8` copied the string first, a reference
    /// count taken and dropped, for each of the millions of values the portal writes.
    @inlinable
    public func withUTF8InPlace<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
