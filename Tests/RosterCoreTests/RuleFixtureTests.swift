import Foundation
import Testing
@testable import RosterCore

/// Each rule has a folder `Fixtures/rules/<rule-id>/` with a `fail/` overlay (files copied over
/// the valid base repository) and the findings it must produce, `fail.expected`; some also have
/// a `pass/` overlay, a near miss that must produce nothing.
@Suite struct RuleFixtureTests {
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
        let expected = try String(contentsOf: folder.appendingPathComponent("fail.expected"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let actual = repo.validate().map(compact)
        #expect(actual == expected)
        #expect(actual.contains { $0.hasSuffix("[\(rule)]") }, "the fixture must trigger \(rule) itself")
    }

    @Test(
        arguments: ruleFolders.filter {
            FileManager.default.fileExists(atPath: rulesURL.appendingPathComponent($0).appendingPathComponent("pass").path)
        })
    func passingFixtureReportsNothing(rule: String) throws {
        let repo = try TemporaryRepo(overlays: [Self.rulesURL.appendingPathComponent(rule).appendingPathComponent("pass")])
        #expect(repo.validate().map(compact) == [])
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
