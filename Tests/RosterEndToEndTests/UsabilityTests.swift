import Foundation
import Testing

/// Rough edges a new user hit (issue 13), each through the real binary.
@Suite struct UsabilityTests {
    @Test func aPortOutOfRangeIsBadUsage() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let run = try roster(["serve", "--port", "99999"], in: repo)
        #expect(run.status == 64)
        #expect(run.stderr.contains("--port must be 0 to 65535"))
    }

    @Test func aPortInUseSaysSoAndLeavesNoTemporaryFolder() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("site-templates"), to: repo.appendingPathComponent("site-templates"))
        // Hold a port on loopback, then ask roster to serve on it.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                try #require(bind(listener, raw, length) == 0)
                try #require(getsockname(listener, raw, &length) == 0)
            }
        }
        #expect(listen(listener, 1) == 0)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let (process, out, err) = try startRoster(["serve", "--port", String(port)], in: repo)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(stderr.contains("127.0.0.1:\(port) is already in use"), "\(stderr)")
        #expect(!stderr.contains("errno"))
        let folder = String(decoding: stdout, as: UTF8.self).split(separator: " ").first { $0.contains("roster-serve-") }
        if let folder { #expect(!FileManager.default.fileExists(atPath: String(folder))) }
        #expect(!FileManager.default.fileExists(atPath: "/dev/shm/roster-serve-\(process.processIdentifier)"))
    }

    @Test(arguments: ["data", "content", ".", "data/orgs/site", "site-templates/x", "schemas", "link-to-data/x"])
    func buildRefusesToWriteIntoTheSources(out: String) throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("site-templates"), to: repo.appendingPathComponent("site-templates"))
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("content"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: repo.appendingPathComponent("link-to-data").path, withDestinationPath: "data")
        let before = try snapshot(repo)
        let run = try roster(["build", "--out", out], in: repo)
        #expect(run.status == 1)
        #expect(run.stderr.contains("pass a folder of its own, such as --out _site"), "\(run.stderr)")
        #expect(try snapshot(repo) == before, "nothing was written")
    }

    @Test func theActorDefaultsToGitsUserEmailAndTheVerbSaysWhichItUsed() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "-C", repo.path, "init", "-q"]
        try git.run()
        git.waitUntilExit()
        let config = Process()
        config.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        config.arguments = ["git", "-C", repo.path, "config", "user.email", "Ann@Acme.example"]
        try config.run()
        config.waitUntilExit()
        var env = fixedEnvironment
        env["ROSTER_ACTOR"] = ""
        let fromGit = try roster(["org", "disable", "acme"], in: repo, environment: env)
        #expect(fromGit.status == 0, "\(fromGit.stderr)")
        #expect(fromGit.stdout.contains("as ann@acme.example (from git config user.email)"))
        let org = try String(contentsOf: repo.appendingPathComponent("data/orgs/acme.json"), encoding: .utf8)
        #expect(org.contains("\"statusChangedBy\": \"ann@acme.example\""))
        let fromEnv = try roster(["org", "enable", "acme"], in: repo)
        #expect(fromEnv.stdout.contains("as admin@provider.example (from $ROSTER_ACTOR)"))
        let fromFlag = try roster(["org", "disable", "acme", "--actor", "Zed@Provider.example", "--dry-run"], in: repo)
        #expect(fromFlag.stdout.contains("as zed@provider.example (from --actor)"))
    }
}
