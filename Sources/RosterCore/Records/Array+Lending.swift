extension Array {
    /// Calls `body` with each index and where the element is (`.pointee` reads it in place):
    /// a loop `for m in members` copies each member, retaining and releasing every one of its
    /// strings, and validation walks every member of every org several times. Reading
    /// `m.pointee.email` retains the e-mail alone.
    @inlinable
    public func forEachLent(_ body: (Int, UnsafePointer<Element>) -> Void) {
        withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for i in buffer.indices { body(i, base + i) }
        }
    }
}
