import Foundation
import Testing
import RosterCore

/// Kills `roster apply` with SIGKILL at random moments during a batch that writes many files,
/// then checks that after `roster unlock` every file is wholly old or wholly new (and all of
/// them together are the old or the new state), and that the store validates.
/// `ROSTER_CRASH_TEST_PAUSE_MS` stretches each step of the commit so most kills land inside it.
@Suite struct CrashTests {
    static let batch: Data = {
        var ops: [String] = []
        for k in 0..<8 {
            ops.append(#"{"op": "org.create", "name": "Crash Test \#(k)"}"#)
            ops.append(#"{"op": "share.add-org", "share": "feed", "org": "crash-test-\#(k)"}"#)
        }
        ops.append(#"{"op": "share.create", "name": "Second feed"}"#)
        ops.append(#"{"op": "share.add-org", "share": "second-feed", "org": "acme"}"#)
        ops.append(#"{"op": "member.activate", "org": "acme", "email": "bob@acme.example"}"#)
        ops.append(#"{"op": "org.delete", "org": "beta", "confirm": "Beta Corp"}"#)
        return Data(("[" + ops.joined(separator: ",\n") + "]").utf8)
    }()

    static func recordFiles(_ url: URL) throws -> [String: Data] {
        try snapshot(url).filter { $0.key.hasPrefix("data/") }
    }

    static let environment = fixedEnvironment.merging(["ROSTER_CRASH_TEST_PAUSE_MS": "2"]) { $1 }

    @Test func aKilledApplyLeavesEveryFileWhollyOldOrWhollyNew() throws {
        let template = try copy()
        defer { try? FileManager.default.removeItem(at: template) }
        try Self.batch.write(to: template.appendingPathComponent("batch.json"))
        let old = try Self.recordFiles(template)

        // The new state, and how long a run takes here.
        let reference = try copy(from: template)
        defer { try? FileManager.default.removeItem(at: reference) }
        let started = Date()
        let run = try roster(["apply", "batch.json"], in: reference, environment: Self.environment)
        let duration = Date().timeIntervalSince(started)
        #expect(run.status == 0, "\(run.stderr)")
        let new = try Self.recordFiles(reference)
        #expect(new != old)

        var outcomes = ["old": 0, "new": 0, "recovered": 0]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100 {
            let repo = try copy(from: template)
            defer { try? FileManager.default.removeItem(at: repo) }
            let (process, _, _) = try startRoster(["apply", "batch.json"], in: repo, environment: Self.environment)
            usleep(UInt32(Double.random(in: 0...(duration * 1.2), using: &generator) * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()

            let unlock = try roster(["unlock", "--force"], in: repo)
            #expect(unlock.status == 0, "\(unlock.stderr)")
            if unlock.stdout.contains("completed an interrupted change") || unlock.stdout.contains("left by an interrupted change") {
                outcomes["recovered"]! += 1
            }
            let after = try Self.recordFiles(repo)
            for path in Set(old.keys).union(new.keys).union(after.keys) {
                #expect(after[path] == old[path] || after[path] == new[path], "\(path) is neither old nor new")
            }
            #expect(after == old || after == new, "the batch is all or nothing")
            if after == old { outcomes["old"]! += 1 } else if after == new { outcomes["new"]! += 1 }
            let leftovers = try snapshot(repo).keys.filter { $0.contains(".roster-tmp-") || $0.hasSuffix(".roster-journal") || $0 == ".roster.lock" }
            #expect(leftovers.isEmpty, "\(leftovers)")
            let findings = Validator.validate(
                RecordStore.load(root: repo.path), options: ValidationOptions(today: CalendarDate(year: 2026, month: 11, day: 23)!))
            #expect(!findings.contains { $0.severity == .error })
        }
        // Both outcomes occur, and many kills landed in the middle of a commit.
        #expect(outcomes["old"]! > 0)
        #expect(outcomes["new"]! > 0)
        #expect(outcomes["recovered"]! >= 20, "\(outcomes)")
    }
}
