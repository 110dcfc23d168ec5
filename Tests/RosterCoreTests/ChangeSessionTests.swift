import Foundation
import Testing
@testable import RosterCore

/// A verb's whole run in process, on a real copy of the base fixture: the lock, recovery, the
/// plan, the write, and exactly what the executable is given to print.
@Suite struct ChangeSessionTests {
    static let context = ChangeContext(
        actor: "admin@provider.example", now: "2026-11-23T10:00:00Z",
        today: CalendarDate(year: 2026, month: 11, day: 23)!)

    func run(_ changes: [Change], in repo: TemporaryRepo, dryRun: Bool = false, actorNote: String? = nil) -> ChangeRun {
        ChangeSession(root: repo.path, dryRun: dryRun, lockWait: 0, actorNote: actorNote).run(changes, context: Self.context)
    }

    func lockIsGone(_ repo: TemporaryRepo) -> Bool {
        !FileManager.default.fileExists(atPath: repo.path + "/" + RepositoryLock.fileName)
    }

    @Test func aChangeIsWrittenAndSaysWhichFiles() throws {
        let repo = try TemporaryRepo()
        let run = run([.orgRename(org: "acme", name: "Acme Freight")], in: repo)
        #expect(run.outcome == .written)
        #expect(run.exitCode == 0)
        #expect(run.errors == [])
        #expect(run.output == "updated data/orgs/acme.json\n")
        #expect(run.files.map(\.path) == ["data/orgs/acme.json"])
        #expect(try repo.read("data/orgs/acme.json").contains("\"name\": \"Acme Freight\""))
        #expect(lockIsGone(repo))
    }

    @Test func theActorIsNamedFirstWhenTheChangeRecordsIt() throws {
        let repo = try TemporaryRepo()
        let note = "as admin@provider.example (from --actor)"
        let disabled = run([.orgDisable(org: "acme")], in: repo, actorNote: note)
        #expect(
            disabled.output
                == note + "\nacme is disabled: its 1 user can no longer connect; members, teams and share links are kept\n"
                + "updated data/orgs/acme.json\n")
        // A rename records no actor, so the note is not said.
        let renamed = run([.orgRename(org: "acme", name: "Acme Freight")], in: repo, actorNote: note)
        #expect(renamed.output == "updated data/orgs/acme.json\n")
    }

    @Test func aDryRunShowsTheDiffAndWritesNothing() throws {
        let repo = try TemporaryRepo()
        let before = try repo.allFiles()
        let run = run([.orgRename(org: "acme", name: "Acme Freight")], in: repo, dryRun: true)
        #expect(run.outcome == .dryRun)
        #expect(run.exitCode == 0)
        #expect(run.files.map(\.path) == ["data/orgs/acme.json"])
        #expect(run.output.hasPrefix("would change data/orgs/acme.json\n--- a/data/orgs/acme.json\n+++ b/data/orgs/acme.json\n"))
        #expect(run.output.contains("\n+  \"name\": \"Acme Freight\",\n"))
        #expect(run.output.hasSuffix("\ndry run: nothing written\n"))
        #expect(!run.output.contains("nothing would change"))
        #expect(try repo.allFiles() == before)
    }

    @Test func aDryRunThatChangesNothingSaysSo() throws {
        let repo = try TemporaryRepo()
        // An empty batch (`roster apply` of `[]`) plans no file.
        let run = run([], in: repo, dryRun: true)
        #expect(run.errors == [])
        #expect(run.files == [])
        #expect(run.output == "nothing would change\ndry run: nothing written\n")
    }

    @Test func aRefusedChangeWritesNothingAndReleasesTheLock() throws {
        let repo = try TemporaryRepo()
        let before = try repo.allFiles()
        let run = run([.orgCreate(name: "Acme", id: nil)], in: repo)
        #expect(run.outcome == .refused)
        #expect(run.exitCode == 1)
        #expect(run.output == "")
        #expect(run.files == [])
        #expect(run.errors.count == 1)
        #expect(run.errors.first?.hasPrefix("roster: refused: ") == true)
        #expect(run.errors.first?.contains("exists already") == true)
        #expect(try repo.allFiles() == before)
        #expect(lockIsGone(repo))
    }

    @Test func aFolderWithoutAMarketplaceIsNotAProject() throws {
        let repo = try TemporaryRepo(empty: ())
        let run = run([.orgCreate(name: "Acme", id: nil)], in: repo)
        #expect(run.outcome == .refused)
        #expect(run.errors == ["roster: no data/marketplace.json under \(repo.path); run `roster init` or pass --root DIR"])
        #expect(try repo.allFiles() == [:])
    }

    @Test func aHeldLockRefusesAChangeButNotADryRun() throws {
        let repo = try TemporaryRepo()
        let held = try RepositoryLock.acquire(root: repo.path, timeout: 0)
        defer { held.release() }
        let refused = run([.orgRename(org: "acme", name: "Acme Freight")], in: repo)
        #expect(refused.outcome == .refused)
        #expect(refused.errors.count == 1)
        #expect(refused.errors.first?.hasPrefix("roster: refused: the repository is locked by process \(getpid())") == true)
        #expect(try repo.read("data/orgs/acme.json").contains("Acme Freight") == false)
        let dry = run([.orgRename(org: "acme", name: "Acme Freight")], in: repo, dryRun: true)
        #expect(dry.outcome == .dryRun)
    }

    @Test func anInterruptedChangeIsCleanedUpFirstAndSaidOnStandardError() throws {
        let repo = try TemporaryRepo()
        try repo.write("data/orgs/\(AtomicWriter.temporaryPrefix)acme.json", "{")
        let run = run([.orgRename(org: "acme", name: "Acme Freight")], in: repo)
        #expect(run.outcome == .written)
        #expect(run.errors == ["roster: removed data/orgs/\(AtomicWriter.temporaryPrefix)acme.json, left by an interrupted change"])
        #expect(!FileManager.default.fileExists(atPath: repo.path + "/data/orgs/\(AtomicWriter.temporaryPrefix)acme.json"))
    }

    @Test func aJournalRosterDidNotWriteRefusesAndKeepsEverything() throws {
        let repo = try TemporaryRepo()
        try repo.write(Transaction.journalName, "not a journal")
        let before = try repo.allFiles()
        let run = run([.orgRename(org: "acme", name: "Acme Freight")], in: repo)
        #expect(run.outcome == .refused)
        #expect(run.errors.count == 1)
        #expect(run.errors.first?.hasPrefix("roster: refused: \(Transaction.journalName) ") == true)
        #expect(try repo.allFiles() == before)
        #expect(lockIsGone(repo))
    }

    @Test func theChangeLockIsTakenOnceAndReleased() throws {
        let repo = try TemporaryRepo()
        let lock = try ChangeLock.take(root: repo.path, wait: 0)
        #expect(lock.recovered == [])
        #expect(throws: ChangeLock.Refusal.self) { try ChangeLock.take(root: repo.path, wait: 0) }
        lock.release()
        #expect(lockIsGone(repo))
        try ChangeLock.take(root: repo.path, wait: 0).release()
    }
}
