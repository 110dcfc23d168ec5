import Foundation
import Testing
@testable import RosterCore

@Suite struct LoaderTests {
    @Test func aSymbolicLinkIsRefused() throws {
        let repo = try TemporaryRepo()
        try FileManager.default.moveItem(atPath: repo.path + "/data/orgs/acme.json", toPath: repo.path + "/acme-elsewhere.json")
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/data/orgs/acme.json", withDestinationPath: "../../acme-elsewhere.json")
        let findings = repo.validate()
        #expect(findings.map(compact).contains("data/orgs/acme.json:1:1: error [symlink]"))
        // The share that names acme is not reported again: the org exists, it just cannot be read.
        #expect(!findings.contains { $0.rule == "share-consumer-unknown" })
    }

    @Test func aFolderNamedLikeARecordIsReported() throws {
        let repo = try TemporaryRepo()
        try FileManager.default.createDirectory(atPath: repo.path + "/data/shares/odd.json", withIntermediateDirectories: true)
        #expect(repo.validate().map(compact) == ["data/shares/odd.json:1:1: error [file-unreadable]"])
    }

    @Test func aMissingMarketplaceSaysHowToStart() throws {
        let repo = try TemporaryRepo(empty: ())
        let findings = repo.validate()
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains("roster init") == true)
    }

    @Test func anOlderFileIsMigratedOnRead() throws {
        let repo = try TemporaryRepo(overlays: [fixturesURL.appendingPathComponent("rules/schema-version-old/fail")])
        let snapshot = RecordStore.load(root: repo.path)
        #expect(snapshot.outdatedPaths == ["data/orgs/acme.json"])
        #expect(snapshot.org("acme")?.record.member("ann@acme.example")?.role == .superAdmin)
    }

    @Test func everyProblemOfAFileIsReportedAtOnce() throws {
        let repo = try TemporaryRepo()
        var text = try repo.read("data/orgs/acme.json")
        text = text.replacingOccurrences(of: "\"role\": \"team-member\"", with: "\"role\": 3")
            .replacingOccurrences(of: "\"lastName\": \"Archer\",", with: "\"lastNme\": \"Archer\",")
        try repo.write("data/orgs/acme.json", text)
        let rules = repo.validate().map(\.rule)
        #expect(rules.contains("wrong-type"))
        #expect(rules.contains("unknown-field"))
        #expect(rules.contains("missing-field"))
    }

    @Test func findingsAreSortedByFileLineAndColumn() throws {
        let repo = try TemporaryRepo(overlays: [
            fixturesURL.appendingPathComponent("rules/invalid-value/fail"),
            fixturesURL.appendingPathComponent("rules/share-name/fail"),
        ])
        let findings = repo.validate()
        #expect(findings.count >= 2)
        #expect(findings == findings.sorted(by: Finding.reportOrder))
    }
}
