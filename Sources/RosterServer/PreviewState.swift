/// What the preview knows between builds: the errors of the last build (shown over every page
/// until fixed) and the open pages waiting for a reload event.
actor PreviewState {
    private(set) var errors: [String] = []
    private(set) var version = 0
    private var listeners: [Int: AsyncStream<String>.Continuation] = [:]
    private var nextListener = 0

    /// After a build: open pages reload when files changed or the errors did.
    func finished(errors: [String], reload: Bool) {
        guard reload || errors != self.errors else { return }
        self.errors = errors
        version += 1
        broadcast("event: reload\ndata: \(version)\n\n")
    }

    /// A stream of server-sent events for one open page.
    func subscribe() -> AsyncStream<String> {
        let id = nextListener
        nextListener += 1
        let (stream, continuation) = AsyncStream<String>.makeStream()
        continuation.yield("retry: 1000\nevent: hello\ndata: \(version)\n\n")
        continuation.onTermination = { _ in Task { await self.unsubscribe(id) } }
        listeners[id] = continuation
        return stream
    }

    /// How many pages hold a stream open.
    var listenerCount: Int { listeners.count }

    func unsubscribe(_ id: Int) {
        listeners[id] = nil
    }

    func broadcast(_ event: String) {
        for continuation in listeners.values { continuation.yield(event) }
    }

    func closeAll() {
        for continuation in listeners.values { continuation.finish() }
        listeners = [:]
    }
}
