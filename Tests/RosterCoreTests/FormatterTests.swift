import Foundation
import Testing
@testable import RosterCore

@Suite struct FormatterTests {
    @Test func theDemoDataIsCanonical() {
        let snapshot = RecordStore.load(root: packageRoot.path)
        #expect(!snapshot.orgs.isEmpty)
        #expect(Formatter.differences(snapshot).map(\.path) == [])
    }

    @Test func reorderedKeysAndMembersAreRewrittenCanonically() throws {
        let repo = try TemporaryRepo()
        let canonical = try repo.read("data/orgs/acme.json")
        // The same record written by hand: keys shuffled, members in the other order, one line.
        let root = try #require(JSONParser.parse(Array(canonical.utf8)).root)
        guard case .object(var fields) = root.value else { Issue.record("not an object"); return }
        fields.reverse()
        if let i = fields.firstIndex(where: { $0.key == "members" }), case .array(let items) = fields[i].node.value {
            fields[i].node.value = .array(items.reversed())
        }
        let messy = JSONWriter.canonical(JSONNode(.object(fields)))
        try repo.write("data/orgs/acme.json", messy.replacingOccurrences(of: "\n", with: " "))

        let differences = Formatter.differences(RecordStore.load(root: repo.path))
        #expect(differences.map(\.path) == ["data/orgs/acme.json"])
        #expect(String(decoding: differences[0].canonical, as: UTF8.self) == canonical)
    }

    @Test func aBrokenFileIsNotRewritten() throws {
        let repo = try TemporaryRepo(overlays: [fixturesURL.appendingPathComponent("rules/unknown-field/fail")])
        let snapshot = RecordStore.load(root: repo.path)
        #expect(Formatter.unformattable(snapshot) == ["data/orgs/acme.json"])
        #expect(!Formatter.differences(snapshot).contains { $0.path == "data/orgs/acme.json" })
    }

    @Test func encodingThenDecodingGivesTheSameRecords() throws {
        let snapshot = RecordStore.load(root: packageRoot.path)
        for org in snapshot.orgs {
            let bytes = RecordEncoder.canonicalBytes(org.record)
            let again = RecordStore.decode(path: org.path, bytes: bytes, kind: .org)
            #expect(again.findings.isEmpty)
            #expect(again.org.map { RecordEncoder.canonicalBytes($0.record) } == bytes)
        }
    }

    @Test func atomicWriteLeavesAnUnchangedFileAlone() throws {
        let repo = try TemporaryRepo()
        let path = repo.path + "/data/orgs/acme.json"
        let before = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        Thread.sleep(forTimeInterval: 0.02)
        let wrote = try AtomicWriter.write(Array(try repo.bytes("data/orgs/acme.json")), to: path)
        #expect(!wrote)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == before)
        #expect(try AtomicWriter.write(Array("{}\n".utf8), to: path))
        #expect(try repo.read("data/orgs/acme.json") == "{}\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: repo.path + "/data/orgs").filter { $0.hasPrefix(".roster-tmp") }
        #expect(leftovers.isEmpty)
    }
}
