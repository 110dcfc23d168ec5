import Foundation
import RosterSynth
import Testing

/// `roster serve` as a user runs it: the real binary on a free loopback port, spoken to with a
/// raw HTTP/1.1 client (so traversal attempts reach the server exactly as written).
@Suite(.serialized) struct ServeTests {
    final class Server {
        let process: Process
        let port: Int
        let repo: URL
        let output: Pipe

        init(extra: [String] = [], environment: [String: String] = [:]) throws {
            repo = try copy()
            try FileManager.default.copyItem(
                at: packageRoot.appendingPathComponent("site-templates"), to: repo.appendingPathComponent("site-templates"))
            try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("content"), to: repo.appendingPathComponent("content"))
            process = Process()
            process.executableURL = rosterBinary
            process.arguments = ["serve", "--root", repo.path, "--port", "0"] + extra
            process.environment = ProcessInfo.processInfo.environment.merging(fixedEnvironment) { $1 }.merging(environment) { $1 }
            output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let text = Self.outputUntilServing(output)
            guard let range = text.range(of: #"127\.0\.0\.1:(\d+)/"#, options: .regularExpression) else {
                throw CocoaError(.featureUnsupported)
            }
            port = Int(text[range].dropFirst(10).dropLast())!
        }

        /// What the preview printed until it said it serves (30 s at most, or until it exits).
        static func outputUntilServing(_ output: Pipe) -> String {
            var text = ""
            let deadline = Date().addingTimeInterval(30)
            while !text.contains("serving "), Date() < deadline {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            return text
        }

        deinit {
            // Stopped as Ctrl-C would, so it removes its temporary output folder.
            if process.isRunning { kill(process.processIdentifier, SIGTERM) }
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
            try? FileManager.default.removeItem(at: repo)
        }

        func write(_ relative: String, _ text: String) throws {
            try Data(text.utf8).write(to: repo.appendingPathComponent(relative))
        }
    }

    struct Reply {
        var status: Int
        var headers: String
        var body: String
    }

    /// Sends one raw request and reads the reply until the server closes or `until` appears.
    static func request(
        _ port: Int, _ target: String, method: String = "GET", host: String? = nil, extra: String = "",
        until: String? = nil, timeout: Double = 5, whenSeen marker: (text: String, call: () -> Void)? = nil
    ) throws -> Reply {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw CocoaError(.fileReadUnknown) }
        var tv = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        let text = "\(method) \(target) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\n\(extra)Connection: close\r\n\r\n"
        _ = text.withCString { send(fd, $0, strlen($0), 0) }
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        let deadline = Date().addingTimeInterval(timeout)
        var marked = false
        while Date() < deadline {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n > 0 { data += buffer[0..<n] } else if n == 0 { break }
            if let marker, !marked, String(decoding: data, as: UTF8.self).contains(marker.text) {
                marked = true
                marker.call()
            }
            if let until, String(decoding: data, as: UTF8.self).contains(until) { break }
        }
        let reply = String(decoding: data, as: UTF8.self)
        let parts = reply.components(separatedBy: "\r\n\r\n")
        let status = Int(parts[0].split(separator: " ").dropFirst().first ?? "") ?? 0
        return Reply(status: status, headers: parts[0], body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    @Test func servesPagesWithTheRightStatusesAndTypes() throws {
        let server = try Server()
        let home = try Self.request(server.port, "/")
        #expect(home.status == 200)
        #expect(home.headers.lowercased().contains("content-type: text/html; charset=utf-8"))
        #expect(home.headers.lowercased().contains("cache-control: no-store"))
        #expect(home.body.contains("<h1>Overview</h1>"))
        #expect(home.body.contains("<script src=\"/__roster/live.js\"></script>"), "the preview adds its reload script")
        #expect(try Self.request(server.port, "/orgs/").body.contains("Consumer orgs"))
        #expect(try Self.request(server.port, "/orgs/acme").body.contains("<h1>Acme"), "a folder URL serves its index")
        let css = try Self.request(server.port, "/assets/style.css")
        #expect(css.headers.lowercased().contains("content-type: text/css"))
        let missing = try Self.request(server.port, "/no/such/page")
        #expect(missing.status == 404)
        #expect(missing.body.contains("Page not found"))
        let head = try Self.request(server.port, "/", method: "HEAD")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        let post = try Self.request(server.port, "/", method: "POST")
        #expect(post.status == 405)
        #expect(post.headers.lowercased().contains("allow: get, head"))
        #expect(try Self.request(server.port, "/assets/").status == 404, "no directory listing")
    }

    @Test func traversalDotFilesAndForeignHostsAreRefused() throws {
        let server = try Server()
        let secret = "\"provider\""
        for target in [
            "/../data/marketplace.json", "/%2e%2e/data/marketplace.json", "/orgs/%2e%2e%2f%2e%2e%2fdata/marketplace.json",
            "/..%5cdata%5cmarketplace.json", "/%252e%252e/data/marketplace.json", "/.roster-build.json",
            "/..\\data\\marketplace.json", "/orgs/../../data/marketplace.json",
        ] {
            let reply = try Self.request(server.port, target)
            #expect(reply.status == 404 || reply.status == 400, "\(target): \(reply.status)")
            #expect(!reply.body.contains(secret), "\(target) leaked a record")
        }
        #expect(try Self.request(server.port, "/", host: "evil.example").status == 421)
        #expect(try Self.request(server.port, "/", host: "127.0.0.1:1").status == 421)
        #expect(try Self.request(server.port, "/__roster/events", extra: "Origin: http://evil.example\r\n").status == 403)
    }

    /// Opens the reload event stream as a page does, runs `action` once it is open, and returns
    /// what the stream said until a reload event or the timeout.
    static func events(_ port: Int, timeout: Double, after action: () throws -> Void) throws -> Reply {
        let group = DispatchGroup()
        nonisolated(unsafe) var reply: Reply?
        // The change is made once the stream said hello: a fixed half second was not always
        // enough on a loaded machine, and a rebuild before the stream opened sent no reload.
        let opened = DispatchSemaphore(value: 0)
        group.enter()
        DispatchQueue.global().async {
            reply = try? Self.request(
                port, "/__roster/events", until: "event: reload", timeout: timeout, whenSeen: ("event: hello", { opened.signal() }))
            group.leave()
        }
        _ = opened.wait(timeout: .now() + timeout)
        try action()
        group.wait()
        return reply ?? Reply(status: 0, headers: "", body: "")
    }

    @Test func aChangeIsServedAfterTheRebuildAndPagesAreToldToReload() throws {
        let server = try Server()
        let acme = try String(contentsOf: server.repo.appendingPathComponent("data/orgs/acme.json"), encoding: .utf8)
        let reply = try Self.events(server.port, timeout: 8) {
            try server.write("data/orgs/acme.json", acme.replacingOccurrences(of: "\"name\": \"Acme\"", with: "\"name\": \"Acme Renamed\""))
        }
        #expect(reply.headers.lowercased().contains("content-type: text/event-stream"))
        #expect(reply.body.contains("event: reload"))
        #expect(try Self.request(server.port, "/orgs/acme/").body.contains("<h1>Acme Renamed"))
    }

    /// Saving a file without changing it (or an editor touching it) rebuilds nothing a page
    /// shows: open pages are not reloaded for it.
    @Test func aSaveThatChangesNoPageSendsNoReload() throws {
        let server = try Server()
        let port = server.port
        let acme = try String(contentsOf: server.repo.appendingPathComponent("data/orgs/acme.json"), encoding: .utf8)
        let quiet = try Self.events(port, timeout: 2.5) { try server.write("data/orgs/acme.json", acme) }
        #expect(quiet.body.contains("event: hello"), "the stream was open")
        #expect(!quiet.body.contains("event: reload"))
        // A real change still reloads.
        let loud = try Self.events(port, timeout: 8) {
            try server.write("data/orgs/acme.json", acme.replacingOccurrences(of: "\"name\": \"Acme\"", with: "\"name\": \"Acme Again\""))
        }
        #expect(loud.body.contains("event: reload"))
        #expect(try Self.request(port, "/orgs/").body.contains("Acme Again"))
    }

    /// With --out, a second preview finds the first one's manifest; a page deleted in between
    /// is written again, not trusted to be there.
    @Test func aPreviewIntoAnEarlierPreviewsFolderRewritesMissingPages() throws {
        let out = scratch.appendingPathComponent("roster-serve-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        do {
            let first = try Server(extra: ["--out", out.path])
            #expect(try Self.request(first.port, "/orgs/acme/").status == 200)
        }
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(".roster-build.json").path))
        try FileManager.default.removeItem(at: out.appendingPathComponent("orgs/acme/index.html"))
        let second = try Server(extra: ["--out", out.path])
        let page = try Self.request(second.port, "/orgs/acme/")
        #expect(page.status == 200)
        #expect(page.body.contains("<h1>Acme"))
    }

    /// `--out` names a folder the user and other tools also write to: what roster did not write
    /// there is not served, whatever it is named.
    @Test func filesRosterDidNotWriteIntoTheOutputFolderAreNotServed() throws {
        let out = scratch.appendingPathComponent("roster-serve-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let secret = "jane.doe@acme.example, -----BEGIN PRIVATE KEY-----"
        for file in ["secret.txt", "data.json", "orgs/acme/export.csv", "exports/index.html"] {
            let url = out.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(secret.utf8).write(to: url)
        }
        let server = try Server(extra: ["--out", out.path])
        for target in ["/secret.txt", "/data.json", "/orgs/acme/export.csv", "/exports/", "/exports"] {
            let reply = try Self.request(server.port, target)
            #expect(reply.status == 404, "\(target): \(reply.status)")
            #expect(reply.body.contains("Page not found"), "\(target): the styled 404 page")
            #expect(!reply.body.contains("jane.doe"), "\(target) was served")
        }
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("secret.txt").path), "left where it was")
        let home = try Self.request(server.port, "/index.html")
        #expect(home.status == 200)
        #expect(home.body.contains("<h1>Overview</h1>"))
        let org = try Self.request(server.port, "/orgs/acme/")
        #expect(org.status == 200)
        #expect(org.body.contains("<h1>Acme"))
        #expect(try Self.request(server.port, "/orgs/acme").status == 200)
        #expect(try Self.request(server.port, "/__roster/live.js").status == 200)
    }

    @Test func aBrokenRecordShowsTheOverlayUntilItIsFixed() throws {
        let server = try Server()
        let beta = try String(contentsOf: server.repo.appendingPathComponent("data/orgs/beta.json"), encoding: .utf8)
        try server.write("data/orgs/beta.json", "{ \"id\": ")
        var page = ""
        for _ in 0..<40 where !page.contains("roster-overlay") {
            Thread.sleep(forTimeInterval: 0.1)
            page = try Self.request(server.port, "/orgs/").body
        }
        #expect(page.contains("roster-overlay"))
        #expect(page.contains("data/orgs/beta.json:1:9: error:"))
        #expect(page.contains("Consumer orgs"), "the last good site is still served")
        try server.write("data/orgs/beta.json", beta)
        for _ in 0..<40 where page.contains("roster-overlay") {
            Thread.sleep(forTimeInterval: 0.1)
            page = try Self.request(server.port, "/orgs/").body
        }
        #expect(!page.contains("roster-overlay"))
    }

    @Test func ctrlCStopsTheServerCleanly() throws {
        let server = try Server()
        #expect(try Self.request(server.port, "/").status == 200)
        // An open page keeps an event stream open; stopping must not wait for it.
        let port = server.port
        DispatchQueue.global().async { _ = try? Self.request(port, "/__roster/events", timeout: 15) }
        Thread.sleep(forTimeInterval: 0.3)
        kill(server.process.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(10)
        while server.process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!server.process.isRunning)
        #expect(server.process.terminationStatus == 0)
    }

    @Test func stoppingDuringARebuildLeavesNoTemporaryFolder() throws {
        // TMPDIR set: the preview builds there, not in /dev/shm, so the test sees its folder.
        let scratch = scratch.appendingPathComponent("roster-serve-tmp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let server = try Server(environment: ["TMPDIR": scratch.path])
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).count == 1)
        // 600 more orgs, then SIGTERM while the preview rebuilds: the build used to go on
        // writing pages and its manifest while the folder was being removed, leaving some behind.
        for file in SyntheticMarketplace(orgs: 600, membersPerOrg: 3, shares: 10).files() where file.path.hasPrefix("data/orgs/") {
            try Data(file.bytes).write(to: server.repo.appendingPathComponent(file.path))
        }
        Thread.sleep(forTimeInterval: 0.4)
        kill(server.process.processIdentifier, SIGTERM)
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == [])
    }

    /// The preview's temporary folder had a name anyone could guess (`roster-serve-<pid>` in
    /// /dev/shm or /tmp, shared by every user): a link planted there made the build write the
    /// portal through it, and the files stayed behind. The folder is now made anew, private.
    @Test func theTemporaryFolderIsNewAndNeverALinkPlantedForIt() throws {
        let scratch = scratch.appendingPathComponent("roster-serve-tmp-\(UUID().uuidString)")
        let outside = scratch.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("site-templates"), to: repo.appendingPathComponent("site-templates"))
        // The shell plants the link at the name of its own pid, then becomes roster.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c", #"ln -s "$1" "$TMPDIR/roster-serve-$$" && exec "$0" serve --root "$2" --port 0"#, rosterBinary.path, outside.path, repo.path,
        ]
        process.environment = ProcessInfo.processInfo.environment.merging(fixedEnvironment) { $1 }.merging(["TMPDIR": scratch.path]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = Server.outputUntilServing(output)
        let folder = text.split(separator: " ").first { $0.contains("roster-serve-") }.map(String.init) ?? ""
        #expect(text.contains("serving "), "\(text)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path) == [], "the build wrote through the link")
        var info = stat()
        #expect(lstat(folder, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR && (info.st_mode & 0o077) == 0, "\(folder)")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path) == [])
        #expect(!FileManager.default.fileExists(atPath: folder))
    }
}
