import Foundation
import Testing

/// Issue 10, item 7: `fmt` and `migrate` take the change lock, and a lock file that names no
/// holder is reported (naming `roster unlock`) instead of making every change wait forever.
@Suite struct LockTests {
    /// Runs `roster` and waits for it, killing it after `limit` seconds so that an endless wait
    /// fails the test instead of hanging the suite (the limit is far above any real run).
    static func run(_ args: [String], in repo: URL, environment: [String: String] = fixedEnvironment, limit: Double = 60) throws -> RosterRun? {
        let (process, out, err) = try startRoster(args, in: repo, environment: environment)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            process.waitUntilExit(); done.signal()
        }
        if done.wait(timeout: .now() + limit) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return RosterRun(
            status: process.terminationStatus,
            stdout: String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
            stderr: String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    /// fmt rewrote a file from the copy it had read, so an invite written meanwhile was lost
    /// (about 1 run in 10). 1,500 more orgs give fmt a window between reading acme.json and
    /// writing it; each round makes acme.json non-canonical, so fmt has it to write, and
    /// starts fmt a random moment after the invite, so the two overlap in every way.
    @Test func fmtBesideAStreamOfInvitesLosesNoInvite() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let filler = (0..<1500).map { #"{"op": "org.create", "name": "Filler \#($0)"}"# }.joined(separator: ",")
        #expect(try roster(["apply", "-"], in: repo, input: Data("[\(filler)]".utf8)).status == 0)
        let acme = repo.appendingPathComponent("data/orgs/acme.json")
        let started = Date()
        #expect(
            try roster(["member", "invite", "acme", "first@acme.example", "--first", "F", "--last", "F", "--role", "team-member"], in: repo).status
                == 0)
        let inviteTime = Date().timeIntervalSince(started)
        var generator = SystemRandomNumberGenerator()
        // What is tested is that no invite is lost, not the wait for the lock: a loaded CI
        // machine (browser suites beside this one) once kept fmt waiting past the default 5 s.
        let patient = fixedEnvironment.merging(["ROSTER_LOCK_WAIT": "120"]) { $1 }
        for round in 0..<20 {
            let text = try String(contentsOf: acme, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "\n  \"", with: "\n   \"").utf8).write(to: acme)
            let invite = try startRoster(
                ["member", "invite", "acme", "user\(round)@acme.example", "--first", "U", "--last", "\(round)", "--role", "team-member"], in: repo,
                environment: patient)
            usleep(UInt32(Double.random(in: 0...(inviteTime * 0.6), using: &generator) * 1_000_000))
            let fmt = try startRoster(["fmt"], in: repo, environment: patient)
            let inviteErrors = invite.2.fileHandleForReading.readDataToEndOfFile(), fmtErrors = fmt.2.fileHandleForReading.readDataToEndOfFile()
            invite.0.waitUntilExit()
            fmt.0.waitUntilExit()
            #expect(invite.0.terminationStatus == 0, "round \(round): invite: \(String(decoding: inviteErrors, as: UTF8.self))")
            #expect(fmt.0.terminationStatus == 0, "round \(round): fmt: \(String(decoding: fmtErrors, as: UTF8.self))")
        }
        let final = try String(contentsOf: acme, encoding: .utf8)
        let missing = (0..<20).filter { !final.contains("user\($0)@acme.example") }
        #expect(missing.isEmpty, "invites lost beside fmt: \(missing)")
        #expect(try roster(["fmt", "--check"], in: repo).status == 0)
        #expect(try roster(["validate"], in: repo).status == 0)
    }

    /// A lock file roster would never leave whole: empty (a roster killed between creating and
    /// writing it), garbage, binary, a pid that is no process id, a link.
    static let namelessLocks: [String?] = ["", "garbage\n", "\u{0}\u{1}\u{2}\n", "-1 host 2026-11-23T10:00:00Z\n", "12 host\n", nil]

    @Test(arguments: namelessLocks.indices) func aLockNamingNoHolderIsReportedNamingUnlock(_ index: Int) throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let lock = repo.appendingPathComponent(".roster.lock")
        if let text = Self.namelessLocks[index] {
            try Data(text.utf8).write(to: lock)
        } else {
            // A link to a file that reads like a live holder: the link itself is not followed.
            let target = repo.appendingPathComponent("holder.txt")
            try Data("1 \(ProcessInfo.processInfo.hostName) 2026-11-23T10:00:00Z\n".utf8).write(to: target)
            try FileManager.default.createSymbolicLink(atPath: lock.path, withDestinationPath: target.path)
        }
        let environment = fixedEnvironment.merging(["ROSTER_LOCK_WAIT": "0.5"]) { $1 }
        let before = try snapshot(repo)
        for args in [
            ["member", "invite", "acme", "cy@acme.example", "--first", "Cy", "--last", "Cole", "--role", "team-member"],
            ["fmt"], ["migrate"],
        ] {
            let run = try #require(try Self.run(args, in: repo, environment: environment), "\(args) waited without end")
            #expect(run.status == 1, "\(args)")
            #expect(run.stderr.contains("roster unlock") && run.stderr.contains(".roster.lock"), "\(args): \(run.stderr)")
        }
        #expect(try snapshot(repo) == before, "nothing was written")
        // As the message says: `roster unlock` clears it, and changes go on.
        let unlock = try #require(try Self.run(["unlock"], in: repo))
        #expect(unlock.status == 0, "\(unlock.stderr)")
        #expect(unlock.stdout.contains("named no holder"))
        let invite = try #require(
            try Self.run(["member", "invite", "acme", "cy@acme.example", "--first", "Cy", "--last", "Cole", "--role", "team-member"], in: repo))
        #expect(invite.status == 0, "\(invite.stderr)")
    }

    /// The default wait applies too (no ROSTER_LOCK_WAIT): the run ends, naming `roster unlock`.
    @Test func anEmptyLockEndsWithinTheDefaultWait() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        try Data().write(to: repo.appendingPathComponent(".roster.lock"))
        let run = try #require(try Self.run(["org", "create", "Initech"], in: repo), "the change waited without end")
        #expect(run.status == 1)
        #expect(run.stderr.contains("roster unlock"))
    }

    @Test func aMalformedLockWaitIsBadUsage() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let run = try roster(["fmt"], in: repo, environment: fixedEnvironment.merging(["ROSTER_LOCK_WAIT": "soon"]) { $1 })
        #expect(run.status == 64)
        #expect(run.stderr.contains("ROSTER_LOCK_WAIT"))
    }
}
