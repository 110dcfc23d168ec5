import Foundation
import Testing
@testable import RosterCore

/// `fmt`, `migrate` and `unlock` in process, on real copies of the fixtures: what they write,
/// and exactly what the executable is given to print.
@Suite struct RecordRewriteTests {
    /// The base fixture with acme.json written on one line (valid, not canonical).
    func messyRepo() throws -> (TemporaryRepo, canonical: String) {
        let repo = try TemporaryRepo()
        let canonical = try repo.read("data/orgs/acme.json")
        try repo.write("data/orgs/acme.json", canonical.replacingOccurrences(of: "\n", with: " "))
        return (repo, canonical)
    }

    @Test func checkListsTheFileWritesNothingAndFails() throws {
        let (repo, _) = try messyRepo()
        let before = try repo.allFiles()
        let outcome = RecordRewrite.format(root: repo.path, check: true, lockWait: 0)
        #expect(outcome == RunOutcome(output: "data/orgs/acme.json: not in canonical form\n1 file to format; run `roster fmt`\n", exitCode: 1))
        #expect(try repo.allFiles() == before)
    }

    @Test func formatRewritesTheFileAndACheckThenPasses() throws {
        let (repo, canonical) = try messyRepo()
        let outcome = RecordRewrite.format(root: repo.path, check: false, lockWait: 0)
        #expect(outcome == RunOutcome(output: "formatted data/orgs/acme.json\n"))
        #expect(try repo.read("data/orgs/acme.json") == canonical)
        let again = RecordRewrite.format(root: repo.path, check: true, lockWait: 0)
        #expect(again.exitCode == 0)
        #expect(again.output.hasPrefix("all ") && again.output.hasSuffix(" record files are canonical\n"))
        #expect(RecordRewrite.format(root: repo.path, check: false, lockWait: 0) == RunOutcome(output: "nothing to format\n"))
    }

    @Test func aBrokenFileIsNamedAndLeftAsItIs() throws {
        let repo = try TemporaryRepo(overlays: [fixturesURL.appendingPathComponent("rules/unknown-field/fail")])
        let before = try repo.bytes("data/orgs/acme.json")
        let outcome = RecordRewrite.format(root: repo.path, check: false, lockWait: 0)
        #expect(outcome.errors == ["data/orgs/acme.json: not formatted: it has errors; run `roster validate` to see them"])
        #expect(outcome.exitCode == 1)
        #expect(try repo.bytes("data/orgs/acme.json") == before)
    }

    @Test func aSymbolicLinkMakesFormatWriteNothing() throws {
        let (repo, _) = try messyRepo()
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/data/orgs/link.json", withDestinationPath: "acme.json")
        let before = try repo.bytes("data/orgs/acme.json")
        let outcome = RecordRewrite.format(root: repo.path, check: false, lockWait: 0)
        #expect(outcome.exitCode == 1)
        #expect(outcome.output.contains("data/orgs/link.json"))
        #expect(outcome.errors == ["fmt: nothing written; replace the symbolic links above with the files themselves first"])
        #expect(try repo.bytes("data/orgs/acme.json") == before)
    }

    @Test func aHeldLockRefusesFormatAndMigrate() throws {
        let (repo, _) = try messyRepo()
        let lock = try RepositoryLock.acquire(root: repo.path, timeout: 0)
        defer { lock.release() }
        let before = try repo.allFiles()
        for outcome in [
            RecordRewrite.format(root: repo.path, check: false, lockWait: 0),
            RecordRewrite.migrate(root: repo.path, lockWait: 0),
        ] {
            #expect(outcome.exitCode == 1)
            #expect(outcome.errors.count == 1)
            #expect(outcome.errors.first?.hasPrefix("roster: refused: ") == true)
        }
        #expect(try repo.allFiles() == before)
    }

    @Test func migrateRewritesOnlyOlderFiles() throws {
        let repo = try TemporaryRepo(overlays: [fixturesURL.appendingPathComponent("rules/schema-version-old/fail")])
        let outcome = RecordRewrite.migrate(root: repo.path, lockWait: 0)
        #expect(outcome == RunOutcome(output: "migrated data/orgs/acme.json to schemaVersion \(currentSchemaVersion)\n"))
        #expect(!repo.validate().contains { $0.rule == "schema-version-old" })
        #expect(
            RecordRewrite.migrate(root: repo.path, lockWait: 0)
                == RunOutcome(output: "every file is at schemaVersion \(currentSchemaVersion); nothing to migrate\n"))
    }

    @Test func migrateWritesNothingWhileAFileHasAnError() throws {
        let repo = try TemporaryRepo(overlays: [fixturesURL.appendingPathComponent("rules/unknown-field/fail")])
        let before = try repo.allFiles()
        let outcome = RecordRewrite.migrate(root: repo.path, lockWait: 0)
        #expect(outcome.exitCode == 1)
        #expect(outcome.output.contains("data/orgs/acme.json:"))
        #expect(outcome.output.contains("[unknown-field]"))
        #expect(outcome.errors == ["migrate: nothing written; fix the errors above first"])
        #expect(try repo.allFiles() == before)
    }

    @Test func unlockRemovesALockWhoseProcessIsGone() throws {
        let repo = try TemporaryRepo()
        // A pid that cannot be alive (above Linux's pid_max) on this host.
        let line = "4194305 \(RepositoryLock.hostName) 2026-11-23T10:00:00Z\n"
        try repo.write(RepositoryLock.fileName, line)
        let outcome = ChangeLock.unlock(root: repo.path, force: false)
        #expect(
            outcome
                == RunOutcome(
                    output: "removed the lock of process 4194305 on \(RepositoryLock.hostName) since 2026-11-23T10:00:00Z\nno interrupted change\n"))
        #expect(!FileManager.default.fileExists(atPath: repo.path + "/" + RepositoryLock.fileName))
    }

    @Test func unlockRefusesALiveHolderWithoutForce() throws {
        let repo = try TemporaryRepo()
        let lock = try RepositoryLock.acquire(root: repo.path, timeout: 0)
        defer { lock.release() }
        let refused = ChangeLock.unlock(root: repo.path, force: false)
        #expect(refused.exitCode == 1)
        #expect(refused.errors.first?.hasSuffix("; pass --force if you are sure it is gone") == true)
        #expect(FileManager.default.fileExists(atPath: repo.path + "/" + RepositoryLock.fileName))
        let forced = ChangeLock.unlock(root: repo.path, force: true)
        #expect(forced.exitCode == 0)
        #expect(forced.output.hasPrefix("removed the lock of process \(getpid()) "))
    }

    @Test func unlockRemovesALockThatNamesNoHolder() throws {
        let repo = try TemporaryRepo()
        try repo.write(RepositoryLock.fileName, "")
        let outcome = ChangeLock.unlock(root: repo.path, force: false)
        #expect(outcome == RunOutcome(output: "removed \(RepositoryLock.fileName), which named no holder\nno interrupted change\n"))
    }
}
