import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A real SCIM 2.0 service provider for the sync tests: `scim2-server` from PyPI, in memory, on a
/// free loopback port, with a bearer token; stopped by its pid.
final class SCIMServer: @unchecked Sendable {
    let process: Process
    let port: Int
    let token: String
    var base: String { "http://127.0.0.1:\(port)/v2" }

    init(token: String = "test-token-\(UUID().uuidString)") async throws {
        self.token = token
        port = try freePort()
        process = try launch(["scim2-server", "--hostname", "127.0.0.1", "--port", String(port), "--bearer-token", token])
        try await waitUntilListening(port: port, process: process)
    }

    /// Stops the server by its pid: SIGTERM, then SIGKILL after two seconds (scim2-server may
    /// not end on SIGTERM).
    func stop() {
        stopProcess(process)
    }

    /// Every resource of `endpoint` (`Users` or `Groups`), read directly (not through roster).
    func list(_ endpoint: String) async throws -> [[String: Any]] {
        let body = try await request("GET", "\(endpoint)?startIndex=1&count=1000")
        return (try JSONSerialization.jsonObject(with: body) as? [String: Any])?["Resources"] as? [[String: Any]] ?? []
    }

    func user(_ userName: String) async throws -> [String: Any]? {
        try await list("Users").first { $0["userName"] as? String == userName }
    }

    @discardableResult
    func request(_ method: String, _ path: String, json: String? = nil) async throws -> Data {
        var request = URLRequest(url: URL(string: "\(base)/\(path)")!)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue("application/scim+json", forHTTPHeaderField: "Content-Type")
        }
        return try await URLSession.shared.data(for: request).0
    }
}

/// Ends a process this test started, by its pid: SIGTERM, then SIGKILL if it is still there.
func stopProcess(_ process: Process) {
    guard process.isRunning else { return }
    kill(process.processIdentifier, SIGTERM)
    for _ in 0..<20 where process.isRunning { usleep(100_000) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
}

/// A port nothing listens on now (the kernel's pick for port 0).
func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else { throw POSIXError(.EADDRINUSE) }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Starts a program from PATH with its output discarded.
func launch(_ arguments: [String]) throws -> Process {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = arguments
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    p.standardInput = FileHandle.nullDevice
    try p.run()
    return p
}

/// Waits (up to a minute: the first start imports a lot of Python) until `port` accepts connections.
func waitUntilListening(port: Int, process: Process) async throws {
    for _ in 0..<600 {
        guard process.isRunning else { throw POSIXError(.ECHILD) }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        close(fd)
        if connected { return }
        try await Task.sleep(nanoseconds: 100_000_000)
    }
    throw POSIXError(.ETIMEDOUT)
}
