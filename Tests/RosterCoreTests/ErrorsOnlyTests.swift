import Foundation
import Testing

@testable import RosterCore

/// `roster export` validates with ``ValidationOptions/errorsOnly``: on every rule's failing
/// fixture it must find exactly the errors of a full validation, and no warning.
@Suite struct ErrorsOnlyTests {
    @Test(arguments: RuleFixtureTests.ruleFolders)
    func errorsOnlyFindsTheSameErrors(rule: String) throws {
        let repo = try TemporaryRepo(overlays: [RuleFixtureTests.rulesURL.appendingPathComponent(rule).appendingPathComponent("fail")])
        let snapshot = RecordStore.load(root: repo.path)
        let full = Validator.validate(snapshot, options: fixtureDay)
        var options = fixtureDay
        options.errorsOnly = true
        let errors = Validator.validate(snapshot, options: options)
        #expect(errors == full.filter { $0.severity == .error })
    }

    @Test func aReportBoundToARuleStampsItsIdAndDropsWarningsWhenAsked() {
        var report = RuleReport(rule: "some-rule")
        report.error("data/orgs/a.json", "/id", "bad")
        report.warning("data/orgs/a.json", "/name", "odd")
        #expect(report.findings.map(\.rule) == ["some-rule", "some-rule"])
        #expect(report.findings.map(\.severity) == [.error, .warning])
        var errorsOnly = RuleReport(rule: "some-rule", errorsOnly: true)
        errorsOnly.warning("data/orgs/a.json", "/name", "odd")
        #expect(errorsOnly.findings.isEmpty)
    }
}
