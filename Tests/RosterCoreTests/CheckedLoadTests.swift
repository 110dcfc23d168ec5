import Foundation
import Testing
@testable import RosterCore

/// `roster validate` loads with `validating:`: the per-org rules run on each org while its bytes
/// are in hand, and the validation takes their findings, already placed. They must be those of
/// a full load and validation, byte for byte, for every rule's failing fixture.
@Suite struct CheckedLoadTests {
    @Test(arguments: LeanLoadTests.ruleFolders)
    func aLoadThatValidatesFindsWhatAFullLoadFinds(rule: String) throws {
        let repo = try TemporaryRepo(overlays: [LeanLoadTests.rulesURL.appendingPathComponent(rule).appendingPathComponent("fail")])
        let full = RecordStore.load(root: repo.path)
        let expected = Validator.validate(full, options: fixtureDay)
        #expect(!expected.isEmpty)
        let checked = RecordStore.load(root: repo.path, keepSources: false, validating: fixtureDay)
        // The fast path was taken: every org has its per-org findings from the load.
        #expect(checked.checked?.findings.count == checked.orgs.count)
        #expect(checked.sources.isEmpty)
        #expect(checked.filesRead == full.filesRead)
        #expect(Validator.validate(checked, options: fixtureDay) == expected)
        let errorsOnly = ValidationOptions(today: fixtureDay.today, errorsOnly: true)
        let strict = RecordStore.load(root: repo.path, keepSources: false, validating: errorsOnly)
        #expect(Validator.validate(strict, options: errorsOnly) == expected.filter { $0.severity == .error })
        // Findings made with other options are not taken: the warnings are made again.
        #expect(Validator.validate(strict, options: fixtureDay) == expected)
    }

    /// A file changed after the load shows which way a finding was placed: in the bytes the
    /// load had (the checked load), or read again and refused (at 1:1, the plain lean load).
    @Test func perOrgFindingsArePlacedInTheBytesTheLoadRead() throws {
        let repo = try TemporaryRepo(overlays: [LeanLoadTests.rulesURL.appendingPathComponent("team-member-unknown/fail")])
        let checked = RecordStore.load(root: repo.path, keepSources: false, validating: fixtureDay)
        let lean = RecordStore.load(root: repo.path, keepSources: false)
        let text = try repo.read("data/orgs/acme.json")
        try repo.write("data/orgs/acme.json", "\n\n\n" + text)
        let placed = Validator.validate(checked, options: fixtureDay).filter { $0.rule == "team-member-unknown" }
        let reread = Validator.validate(lean, options: fixtureDay).filter { $0.rule == "team-member-unknown" }
        #expect(!placed.isEmpty && placed.count == reread.count)
        #expect(placed.allSatisfy { $0.line > 1 })
        #expect(reread.allSatisfy { $0.line == 1 && $0.column == 1 })
    }

    /// The record folders are listed once for the scan for links and for the jobs: a link among
    /// the records is reported as a full load reports it.
    @Test func aLinkAmongTheRecordsIsReportedAsBefore() throws {
        let repo = try TemporaryRepo()
        let target = repo.path + "/data/orgs/acme.json"
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/data/orgs/linked.json", withDestinationPath: target)
        let findings = Validator.validate(RecordStore.load(root: repo.path, keepSources: false, validating: fixtureDay), options: fixtureDay)
        #expect(findings.contains { $0.path == "data/orgs/linked.json" && $0.rule == "symlink" })
        #expect(findings == Validator.validate(RecordStore.load(root: repo.path), options: fixtureDay))
        #expect(SymlinkScan.findings(root: repo.path).map(\.path) == ["data/orgs/linked.json"])
    }

    /// The context knows orgs by id and by file name, and makes the name a string only when it
    /// differs from the id: the byte comparison must agree with ``RecordStore/fileStem(_:)``.
    @Test(arguments: [
        ("acme", "data/orgs/acme.json"), ("acme", "data/orgs/acme2.json"), ("acme", "data/orgs/xacme.json"),
        ("", "data/orgs/.json"), ("acme", "data/orgs/acme.jsonx"), ("acme", "data/orgs/acme"), ("a/acme", "data/orgs/a/acme.json"),
        ("orgs/acme", "data/orgs/acme.json"), ("caf\u{E9}", "data/orgs/cafe\u{301}.json"), ("acme", "acme.json"), ("acme", ".json"),
    ])
    func aFileNameIsItsIdExactlyWhenTheBytesSaySo(id: String, path: String) {
        #expect(RecordStore.isStem(id, of: path) == Array(RecordStore.fileStem(path).utf8).elementsEqual(id.utf8))
    }
}
