import Foundation
import Testing
@testable import RosterCore

/// `roster check` in process: a real git repository holding the base fixture, a change in the
/// working tree, and the outcome's verdict, output and pull-request summary.
@Suite struct CheckOutcomeTests {
    /// The base fixture committed once; the working tree is the head.
    func committedRepo() throws -> TemporaryRepo {
        let repo = try TemporaryRepo()
        try repo.git("init", "-q")
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "-m", "base")
        return repo
    }

    /// Renames acme in the working tree, as `roster org rename` does.
    func renameAcme(_ repo: TemporaryRepo) throws {
        let context = ChangeContext(actor: nil, now: "2026-11-23T10:00:00Z", today: fixtureDay.today)
        let run = ChangeSession(root: repo.path, lockWait: 0).run([.orgRename(org: "acme", name: "Acme Freight")], context: context)
        try #require(run.outcome == .written)
    }

    func check(_ repo: TemporaryRepo, actor: String? = nil) throws -> CheckOutcome {
        try CheckOutcome.run(
            root: repo.path, base: "HEAD", actor: actor.flatMap(Actor.init), allowMassRemoval: false, options: fixtureDay)
    }

    @Test func withoutAnActorTheChangePassesAndEveryOutputSaysPolicyWasNotChecked() throws {
        let repo = try committedRepo()
        try renameAcme(repo)
        let outcome = try check(repo)
        #expect(outcome.allowed)
        #expect(outcome.standing == nil)
        #expect(
            outcome.verdictLine
                == "check: allowed (1 change to records, 1 changed path against \(outcome.comparison.baseLabel); "
                + "policy NOT checked: no --actor was given, so any author's change passes; CI must pass --actor @AUTHOR)")
        let summary = try outcome.markdown()
        #expect(summary.contains("\n### Changed paths (1)\n\n"))
        #expect(
            summary.hasSuffix(
                "\n### Check: allowed\n\n**Policy was not checked**: no `--actor` was given.\n\nValidation, guards pass.\n"))
        #expect(outcome.findingsReport(format: .json) == outcome.json())
        #expect(outcome.json().contains("\"verdict\": \"allowed\""))
    }

    @Test func theProviderAdminMayChangeAnOrg() throws {
        let repo = try committedRepo()
        try renameAcme(repo)
        let outcome = try check(repo, actor: "admin@provider.example")
        #expect(outcome.allowed)
        let standing = try #require(outcome.standing)
        #expect(outcome.policyLine == "policy checked for admin@provider.example (\(standing.role))")
        #expect(try outcome.markdown().hasSuffix("Validation, guards and policy pass.\n"))
    }

    @Test func aTeamMemberRenamingTheirOrgIsRefusedWithTheLocatedFieldInTheSummary() throws {
        let repo = try committedRepo()
        try renameAcme(repo)
        let outcome = try check(repo, actor: "bob@acme.example")
        #expect(!outcome.allowed)
        #expect(outcome.verdict == "refused")
        #expect(outcome.verdictLine.hasPrefix("check: refused (1 change to records, 1 changed path against "))
        let error = try #require(outcome.errors.first)
        #expect(error.path == "data/orgs/acme.json")
        let summary = try outcome.markdown()
        #expect(summary.contains("\n### Check: refused\n\n"))
        #expect(summary.hasSuffix("- `data/orgs/acme.json:\(error.line):\(error.column)` \(MarkdownText.inline(error.message)) [\(error.rule)]\n"))
        let text = outcome.findingsReport(format: .text)
        #expect(text.hasPrefix("data/orgs/acme.json:\(error.line):\(error.column): error: "))
    }

    @Test func anUnknownBaseIsAGitFailure() throws {
        let repo = try committedRepo()
        #expect(throws: GitReader.Failure.self) {
            try CheckOutcome.run(root: repo.path, base: "no-such-branch", actor: nil, allowMassRemoval: false, options: fixtureDay)
        }
    }
}
