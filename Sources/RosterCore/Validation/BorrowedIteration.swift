extension Array {
    /// Calls `body` with each index and where the element is (`.pointee` lends it): handing
    /// over the element itself copies it, a retain and a release per string of a member, and
    /// the per-org rules walk every member of 10,000 orgs several times.
    @inlinable
    func forEachIndexed(_ body: (Int, UnsafePointer<Element>) throws -> Void) rethrows {
        try withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for i in buffer.indices { try body(i, base + i) }
        }
    }
}
