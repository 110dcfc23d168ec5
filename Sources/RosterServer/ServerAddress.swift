import Synchronization

/// Where the preview listens. The port is known only once the server runs (`--port 0` picks a
/// free one), so the application's `onServerRunning` sets it and the request gate reads it:
/// state owned by one server and handed to the middleware, not a global.
final class ServerAddress: Sendable {
    /// The address it binds (`127.0.0.1` unless `--host` says otherwise).
    let host: String
    private let boundPort: Mutex<Int>

    init(host: String, port: Int) {
        self.host = host
        self.boundPort = Mutex(port)
    }

    /// The port requests must name: the one asked for until the server reports the bound one.
    var port: Int {
        get { boundPort.withLock { $0 } }
        set { boundPort.withLock { $0 = newValue } }
    }
}
