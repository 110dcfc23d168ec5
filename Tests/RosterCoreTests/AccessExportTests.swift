import Foundation
import Testing
@testable import RosterCore
import RosterSynth

/// The export streams its 160 MB into bytes in runs on the cores (no JSON tree): the bytes must
/// be those of one canonical writer, and each SCIM resource the one the sync sends.
@Suite struct AccessExportTests {
    /// 2,400 users (three runs of 1,024), some with names that need escaping in JSON.
    func model() throws -> AccessModel {
        let repo = try TemporaryRepo(empty: ())
        for (path, bytes) in SyntheticMarketplace(orgs: 300, membersPerOrg: 8, shares: 12, seed: 7).files() {
            try repo.write(path, String(decoding: bytes, as: UTF8.self))
        }
        var model = AccessModel(RecordStore.load(root: repo.path), on: fixtureDay.today)
        model.users[0].firstName = "Ann \"Q\" \\ \u{2028}\u{1}\t<&>"
        model.users[1500].lastName = "Åström 🚀 \u{202E}"
        model.orgs[0].name = "A/B \"Co\" \n"
        return model
    }

    func document(_ pieces: [[UInt8]]) throws -> (bytes: [UInt8], root: JSONValue) {
        let bytes = pieces.flatMap { $0 }
        let root = try #require(JSONParser.parse(bytes).root)
        return (bytes, root.value)
    }

    func member(_ key: String, of value: JSONValue) -> JSONValue? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.node.value
    }

    func canonical(_ value: JSONValue) -> [UInt8] { JSONWriter.canonicalBytes(JSONNode(value)) }

    @Test func everyFileIsCanonicalJSONAndEachResourceIsTheOneTheSyncSends() throws {
        let model = try model()
        let files = AccessExport.files(model)
        #expect(files.map(\.path) == ["access.json", "scim/Users.json", "scim/Groups.json"])
        for file in files {
            let (bytes, root) = try document(file.pieces)
            #expect(canonical(root) == bytes, "\(file.path) is laid out as JSONWriter lays it out")
        }
        let users = try document(files[1].pieces).root
        guard case .array(let resources)? = member("Resources", of: users) else { Issue.record("no Resources"); return }
        #expect(member("totalResults", of: users) == .number(String(model.users.count)))
        #expect(resources.count == model.users.count)
        for (node, user) in zip(resources, model.users) {
            #expect(canonical(node.value) == canonical(SCIMDocuments.user(user, id: user.email)))
        }
        let groups = try document(files[2].pieces).root
        guard case .array(let groupResources)? = member("Resources", of: groups) else { Issue.record("no Resources"); return }
        #expect(groupResources.count == model.groups.count)
        for (node, group) in zip(groupResources, model.groups) {
            #expect(
                canonical(node.value) == canonical(SCIMDocuments.group(group, id: SCIMDocuments.exportID(group: group.externalId), memberID: { $0 })))
        }
    }

    @Test(arguments: [1, 7, 1024, 5000])
    func runsOfAnyLengthJoinToTheBytesOfOneStream(_ run: Int) {
        var one = JSONStream()
        one.beginObject()
        one.key("empty"); one.beginArray(); one.endArray()
        one.key("items"); one.beginArray()
        for k in 0..<2500 { one.beginObject(); one.field("k", k); one.field("s", "v\(k)\n"); one.endObject() }
        one.endArray()
        one.endObject()

        var doc = PiecewiseDocument()
        doc.stream.beginObject()
        doc.stream.key("empty"); doc.stream.beginArray()
        doc.elements(0, run: run) { _, _ in }
        doc.stream.endArray()
        doc.stream.key("items"); doc.stream.beginArray()
        doc.elements(of: Array(0..<2500), run: run) { s, p in
            let k = p.pointee; s.beginObject(); s.field("k", k); s.field("s", "v\(k)\n"); s.endObject()
        }
        doc.stream.endArray()
        doc.stream.endObject()
        #expect(doc.finish().flatMap { $0 } == one.bytes)
    }
}
