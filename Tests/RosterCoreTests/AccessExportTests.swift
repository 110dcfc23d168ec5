import Foundation
import Testing
@testable import RosterCore
import RosterSynth

/// The export lays its 153 MB out straight from the records, in runs on the cores: every file
/// must be the canonical JSON of what ``AccessModel`` (the sync's model) says, whatever the runs.
@Suite struct AccessExportTests {
    /// 2,400 users (ten runs of 256), with names that need escaping, e-mails that sort only as
    /// `String` sorts them, an org's end date, a closed share link and apps.
    func snapshot() throws -> Snapshot {
        let repo = try TemporaryRepo(empty: ())
        for (path, bytes) in SyntheticMarketplace(orgs: 300, membersPerOrg: 8, shares: 12, seed: 7).files() {
            try repo.write(path, String(decoding: bytes, as: UTF8.self))
        }
        var snapshot = RecordStore.load(root: repo.path)
        // Orgs with two members and a team, whatever the generator made of the first ones.
        let o = snapshot.orgs.indices.filter { snapshot.orgs[$0].record.members.count >= 2 && !snapshot.orgs[$0].record.teams.isEmpty }
        snapshot.orgs[o[0]].record.members[0].firstName = "Ann \"Q\" \\ \u{2028}\u{1}\t<&>"
        snapshot.orgs[o[1]].record.members[1].lastName = "Åström 🚀 \u{202E}"
        snapshot.orgs[o[2]].record.name = "A/B \"Co\" \n"
        snapshot.orgs[o[2]].record.teams[0].name = "Ops \"on call\""
        // Non-ASCII and escaped e-mails: sorted by `String`'s `<`, not by their bytes alone.
        snapshot.orgs[o[3]].record.members[0].email = "zoë@org-3.example"
        // The same e-mail in two orgs, as different bytes and as the same: the snapshot's order.
        snapshot.orgs[o[3]].record.members[1].email = "e\u{301}mile@shared.example"
        snapshot.orgs[o[4]].record.members[0].email = "\u{e9}mile@shared.example"
        snapshot.orgs[o[5]].record.members[0].email = "same@shared.example"
        snapshot.orgs[o[6]].record.members[0].email = "same@shared.example"
        snapshot.orgs[o[4]].record.members[1].email = "q\"uote@org-4.example"
        snapshot.orgs[o[5]].record.until = "2026-11-23"
        snapshot.shares[0].record.consumers[0].until = "2026-01-01"
        // An org linked twice to a share, and to shares listed out of order: listed once, sorted.
        snapshot.shares[1].record.consumers += [snapshot.shares[1].record.consumers[0], snapshot.shares[1].record.consumers[0]]
        snapshot.shares[0].record.consumers.append(snapshot.shares[1].record.consumers[0])
        let org = snapshot.orgs[o[6]].record
        snapshot.orgs[o[6]].record.apps = [
            App(
                id: "b-app", name: "B", team: org.teams[0].id, shares: ["share-1", "share-0"], createdBy: "a@x.example",
                createdAt: "2026-01-01T00:00:00Z"),
            App(id: "a-app", name: "A", team: org.teams[0].id, createdBy: "a@x.example", createdAt: "2026-01-01T00:00:00Z"),
        ]
        return snapshot
    }

    func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try #require(JSONParser.parse(bytes).root).value
    }

    func member(_ key: String, of value: JSONValue) -> JSONValue? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.node.value
    }

    func canonical(_ value: JSONValue) -> [UInt8] { JSONWriter.canonicalBytes(JSONNode(value)) }

    func resources(_ bytes: [UInt8]) throws -> [JSONNode] {
        guard case .array(let items)? = member("Resources", of: try parse(bytes)) else { throw CancellationError() }
        return items
    }

    /// access.json as the model says it, built as a JSON tree and written by ``JSONWriter``.
    func accessJSON(_ model: AccessModel) -> [UInt8] {
        func object(_ pairs: [(String, JSONValue)]) -> JSONValue { SCIMDocuments.object(pairs) }
        func strings(_ list: [String]) -> JSONValue { SCIMDocuments.strings(list) }
        let orgs = model.orgs.map {
            object([
                ("id", .string($0.id)), ("name", .string($0.name)), ("status", .string($0.status.rawValue)), ("active", .bool($0.active)),
                ("shares", strings($0.shares)),
            ])
        }
        let users = model.users.map {
            object([
                ("email", .string($0.email)), ("org", .string($0.org)), ("role", .string($0.role.rawValue)), ("active", .bool($0.active)),
                ("teams", strings($0.teams)), ("shares", strings($0.shares)),
            ])
        }
        let apps = model.apps.map {
            object([("org", .string($0.org)), ("id", .string($0.id)), ("team", .string($0.team)), ("shares", strings($0.shares))])
        }
        return canonical(
            object([
                ("date", .string(model.day.description)), ("orgs", .array(orgs.map { JSONNode($0) })), ("users", .array(users.map { JSONNode($0) })),
                ("apps", .array(apps.map { JSONNode($0) })),
            ]))
    }

    @Test func everyFileIsTheCanonicalJSONOfTheModelTheSyncReads() throws {
        let snapshot = try snapshot()
        let day = fixtureDay.today
        let model = AccessModel(snapshot, on: day)
        #expect(model.apps.count == 2 && model.users.contains { !$0.active } && model.users.contains(where: \.active))
        let files = AccessExport.files(snapshot, on: day)
        #expect(files.map(\.path) == AccessExport.paths)
        for file in files { #expect(canonical(try parse(file.bytes)) == file.bytes, "\(file.path) is laid out as JSONWriter lays it out") }
        #expect(files[0].bytes == accessJSON(model))
        let users = try resources(files[1].bytes)
        #expect(member("totalResults", of: try parse(files[1].bytes)) == .number(String(model.users.count)))
        #expect(users.count == model.users.count)
        for (node, user) in zip(users, model.users) {
            #expect(canonical(node.value) == canonical(SCIMDocuments.user(user, id: user.email)))
        }
        let groups = try resources(files[2].bytes)
        #expect(groups.count == model.groups.count)
        for (node, group) in zip(groups, model.groups) {
            let id = SCIMDocuments.exportID(group: group.externalId)
            #expect(canonical(node.value) == canonical(SCIMDocuments.group(group, id: id, memberID: { $0 })))
        }
    }

    @Test func anOrgsSharesAreUniqueAndSortedAsTheModelMakesThem() {
        for list in [[], ["b"], ["b", "a", "b"], ["share-10", "share-2", "share-10", "share-1", "share-2"], ["e\u{301}", "\u{e9}", "d"]] {
            #expect(ExportRunBuilder.uniqueSorted(list) == Array(Set(list)).sorted(), "\(list)")
        }
    }

    @Test(arguments: [1, 7, 5000])
    func runsOfAnyLengthWriteTheSameBytes(_ run: Int) throws {
        let snapshot = try snapshot()
        let reference = AccessExport.files(snapshot, on: fixtureDay.today)
        let buffers = AccessExport.paths.map { _ in AccessExport.ByteCollector() }
        _ = AccessExport.write(snapshot, on: fixtureDay.today, to: buffers.map { b in OrderedSink { b.bytes.append(contentsOf: $0) } }, run: run)
        #expect(buffers.map(\.bytes) == reference.map(\.bytes))
    }

    @Test func anEmptyRepositoryExportsEmptyLists() throws {
        let repo = try TemporaryRepo(empty: ())
        let files = AccessExport.files(RecordStore.load(root: repo.path), on: fixtureDay.today)
        #expect(files[0].bytes == accessJSON(AccessModel(RecordStore.load(root: repo.path), on: fixtureDay.today)))
        #expect(try resources(files[1].bytes).isEmpty && resources(files[2].bytes).isEmpty)
    }
}
