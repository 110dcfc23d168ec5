extension Array {
    /// Calls `body` with each index and element, the element lent in place rather than copied:
    /// a loop `for m in members` copies each member, retaining and releasing every one of its
    /// strings, and validation walks every member of every org several times.
    @inlinable
    func forEachLent(_ body: (Int, borrowing Element) -> Void) {
        withUnsafeBufferPointer { buffer in
            for i in buffer.indices { body(i, buffer[i]) }
        }
    }
}
