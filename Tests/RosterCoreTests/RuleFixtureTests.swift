import Foundation
import Testing
@testable import RosterCore

/// Each rule has a folder `Fixtures/rules/<rule-id>/` with a `fail/` overlay (files copied over
/// the valid base repository) and the findings it must produce, `fail.expected`, one a line with
/// its location, rule and whole message (``pinned(_:)``); and a `pass/` overlay, a near miss
/// that must produce nothing.
/// Re-record the findings after an intended change of wording with
/// `ROSTER_RECORD_FIXTURES=1 swift test --filter RuleFixtureTests`, and read the diff.
@Suite struct RuleFixtureTests {
    static let recording = ProcessInfo.processInfo.environment["ROSTER_RECORD_FIXTURES"] == "1"
    static let rulesURL = fixturesURL.appendingPathComponent("rules")
    static let ruleFolders: [String] = (try? FileManager.default.contentsOfDirectory(atPath: rulesURL.path).sorted()) ?? []

    @Test func theBaseRepositoryIsClean() throws {
        let repo = try TemporaryRepo()
        #expect(repo.validate().isEmpty)
    }

    @Test(arguments: ruleFolders)
    func failingFixtureReportsTheRule(rule: String) throws {
        let folder = Self.rulesURL.appendingPathComponent(rule)
        let repo = try TemporaryRepo(overlays: [folder.appendingPathComponent("fail")])
        let expectedURL = folder.appendingPathComponent("fail.expected")
        let actual = repo.validate().map(pinned)
        if Self.recording { try Data(actual.map { $0 + "\n" }.joined().utf8).write(to: expectedURL) }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(actual == expected, "re-record with ROSTER_RECORD_FIXTURES=1 if the wording changed on purpose")
        #expect(actual.contains { $0.contains(" [\(rule)] ") }, "the fixture must trigger \(rule) itself")
    }

    /// Every rule has a near miss: the closest valid records, which must produce nothing.
    @Test(arguments: ruleFolders)
    func passingFixtureReportsNothing(rule: String) throws {
        let pass = Self.rulesURL.appendingPathComponent(rule).appendingPathComponent("pass")
        try #require(FileManager.default.fileExists(atPath: pass.path), "\(rule) needs a pass/ overlay: a near miss that is valid")
        let repo = try TemporaryRepo(overlays: [pass])
        #expect(repo.validate().map(pinned) == [])
    }

    /// Every rule id has a fixture, except the two that need a file system trick (LoaderTests).
    @Test func everyRuleHasAFixture() {
        let ids = Validator.rules.map(\.id) + Validator.loaderRules.map(\.id)
        let missing = ids.filter { !Self.ruleFolders.contains($0) && !["symlink", "file-unreadable"].contains($0) }
        #expect(missing == [])
        #expect(Set(ids).count == ids.count, "rule ids are unique")
    }

    /// Each rule runs alone, too: the test calls it by id on the failing fixture.
    @Test(arguments: Validator.rules.map(\.id))
    func ruleFunctionFindsItsOwnFixture(id: String) throws {
        let rule = try #require(Validator.rules.first { $0.id == id })
        let repo = try TemporaryRepo(overlays: [Self.rulesURL.appendingPathComponent(id).appendingPathComponent("fail")])
        let snapshot = RecordStore.load(root: repo.path)
        let context = ValidationContext(snapshot: snapshot, options: fixtureDay)
        #expect(rule.run(context).contains { $0.rule == id })
        let clean = try TemporaryRepo()
        #expect(rule.run(ValidationContext(snapshot: RecordStore.load(root: clean.path), options: fixtureDay)).isEmpty)
    }
}
