import Foundation
import Testing
@testable import RosterCore

/// `roster validate` and `roster export` load without keeping the files' bytes, and read again
/// only the files with findings to place them: the findings must be those of a full load, byte
/// for byte, and the records must not change when equal strings share storage.
@Suite struct LeanLoadTests {
    static let rulesURL = fixturesURL.appendingPathComponent("rules")
    static let ruleFolders: [String] = (try? FileManager.default.contentsOfDirectory(atPath: rulesURL.path).sorted()) ?? []

    @Test(arguments: ruleFolders)
    func aLeanLoadFindsWhatAFullLoadFinds(rule: String) throws {
        let repo = try TemporaryRepo(overlays: [Self.rulesURL.appendingPathComponent(rule).appendingPathComponent("fail")])
        let full = RecordStore.load(root: repo.path)
        let lean = RecordStore.load(root: repo.path, keepSources: false)
        #expect(lean.sources.isEmpty)
        #expect(lean.filesRead == full.filesRead)
        let expected = Validator.validate(full, options: fixtureDay)
        #expect(!expected.isEmpty)
        #expect(Validator.validate(lean, options: fixtureDay) == expected)
        #expect(
            Validator.validate(lean, options: ValidationOptions(today: fixtureDay.today, errorsOnly: true))
                == expected.filter { $0.severity == .error })
    }

    @Test func aFileChangedAfterALeanLoadIsNotPlacedByItsNewText() throws {
        let repo = try TemporaryRepo(overlays: [Self.rulesURL.appendingPathComponent("team-member-unknown/fail")])
        let lean = RecordStore.load(root: repo.path, keepSources: false)
        let placed = Validator.validate(lean, options: fixtureDay).filter { $0.rule == "team-member-unknown" }
        #expect(placed.allSatisfy { $0.line > 1 })
        // Lines pushed down: placing by the new text would name the wrong line.
        let text = try repo.read("data/orgs/acme.json")
        try repo.write("data/orgs/acme.json", "\n\n\n" + text)
        let moved = Validator.validate(lean, options: fixtureDay).filter { $0.rule == "team-member-unknown" }
        #expect(moved.count == placed.count)
        #expect(moved.allSatisfy { $0.line == 1 && $0.column == 1 })
    }

    @Test func equalStringsShareStorageOnlyWhenTheirBytesAreEqual() {
        var pool = StringPool()
        let composed = "caf\u{E9}-team@example.example"
        let decomposed = "cafe\u{301}-team@example.example"
        #expect(composed == decomposed)  // canonically equivalent for Swift's ==
        let first = pool.share(composed)
        let second = pool.share(decomposed)
        #expect(Array(first.utf8) == Array(composed.utf8))
        #expect(Array(second.utf8) == Array(decomposed.utf8))
        #expect(Array(pool.share(String(decoding: Array(composed.utf8), as: UTF8.self)).utf8) == Array(composed.utf8))
    }

    @Test func sharingLeavesEveryRecordAsParsed() throws {
        let repo = try TemporaryRepo()
        let snapshot = RecordStore.load(root: repo.path, keepSources: false)
        let org = try #require(snapshot.orgs.first)
        let bytes = try repo.bytes(org.path)
        let root = try #require(JSONParser.parse(Array(bytes)).root)
        let log = DecodeLog(path: org.path)
        let unshared = try #require(RecordDecoder.org(root, log: log))
        #expect(org.record == unshared)
        for (m, member) in org.record.members.enumerated() {
            let parsed = try #require(root.member("members")?.node.value.arrayItems?[m].member("email")?.node)
            guard case .string(let email) = parsed.value else { Issue.record("email is a string"); continue }
            #expect(Array(member.email.utf8) == Array(email.utf8))
        }
    }
}

extension JSONValue {
    fileprivate var arrayItems: [JSONNode]? {
        if case .array(let items) = self { return items }
        return nil
    }
}
