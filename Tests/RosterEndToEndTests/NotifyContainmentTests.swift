import Foundation
import Testing

/// `roster notify` validates the head before it writes anything, and writes only inside
/// `--outbox`, under names made of validated ids and hashes.
@Suite struct NotifyContainmentTests {
    typealias Repo = GitOpsTests.Repo

    /// An org with an invited member, whose "id" is `id`, in `file` (under data/).
    static func org(id: String) -> String {
        """
        {
          "schemaVersion": 1,
          "id": "\(id)",
          "name": "Intruder",
          "status": "enabled",
          "createdAt": "2026-11-01T09:00:00Z",
          "members": [
            {"email": "eve@intruder.example", "firstName": "Eve", "lastName": "Evil", "role": "super-admin", "state": "active",
             "invitedAt": "2026-11-01T09:00:00Z", "invitedBy": "admin@provider.example"},
            {"email": "mal@intruder.example", "firstName": "Mal", "lastName": "Lory", "role": "team-member", "state": "invited",
             "invitedAt": "2026-11-02T09:00:00Z", "invitedBy": "eve@intruder.example"}
          ],
          "teams": [{"id": "everyone", "name": "Everyone", "default": true, "members": ["eve@intruder.example", "mal@intruder.example"]}]
        }
        """
    }

    /// Every file under `url` but `.git`.
    static func files(_ url: URL) throws -> [String: Data] {
        try snapshot(url).filter { !$0.key.hasPrefix(".git/") }
    }

    @Test(arguments: [
        ("data/orgs/x.json", "../../x", "id-filename"),
        ("data/orgs/x.json", "/../../../escape", "id-format"),
        ("data/orgs/x.json", "x/../../../../escape", "id-format"),
        ("data/orgs/sub/evil.json", "evil", "record-location"),
        ("data/orgs/link.json", "", "symlink"),
    ])
    func anInvalidHeadIsRefusedAndNothingIsWritten(_ file: String, _ id: String, _ rule: String) throws {
        let repo = try Repo()
        let target = repo.url.appendingPathComponent(file)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        if rule == "symlink" {
            try Data(Self.org(id: "link").utf8).write(to: repo.url.appendingPathComponent("elsewhere.json"))
            try FileManager.default.createSymbolicLink(atPath: target.path, withDestinationPath: "../../elsewhere.json")
        } else {
            try Data(Self.org(id: id).utf8).write(to: target)
        }
        try repo.commit("an org with a trick")
        // The outbox sits deep in a folder of its own: any file roster writes lands in that folder.
        let sandbox = scratch.appendingPathComponent("roster-contain-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: sandbox) }
        let outbox = sandbox.appendingPathComponent("a/b/c/outbox")
        try FileManager.default.createDirectory(at: sandbox, withIntermediateDirectories: true)
        let before = try Self.files(repo.url)

        let run = try repo.run(["notify", "--base", "HEAD~1", "--outbox", outbox.path])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("[\(rule)]"), "\(run.stderr)")
        #expect(run.stderr.contains("its records are invalid; nothing was written"))
        #expect(try FileManager.default.subpathsOfDirectory(atPath: sandbox.path).isEmpty, "nothing is written, in the outbox or beside it")
        #expect(try Self.files(repo.url) == before, "nothing is written in the repository")
    }

    @Test func fileNamesAreMadeOfValidatedIdsAndHashes() throws {
        let repo = try Repo()
        try Data(Self.org(id: "intruder").utf8).write(to: repo.url.appendingPathComponent("data/orgs/intruder.json"))
        try repo.commit("a valid org")
        let outbox = repo.url.appendingPathComponent("outbox")
        let run = try repo.run(["notify", "--base", "HEAD~1", "--outbox", outbox.path])
        #expect(run.status == 0, "\(run.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: outbox.path)
        #expect(names.count == 1)
        #expect(names.allSatisfy { $0.range(of: "^invitation-intruder-[0-9a-f]{16}\\.eml$", options: .regularExpression) != nil }, "\(names)")
    }
}
