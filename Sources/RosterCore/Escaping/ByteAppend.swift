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
