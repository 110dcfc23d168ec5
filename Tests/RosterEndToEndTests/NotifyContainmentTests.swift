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

    /// The messages carry full e-mail addresses: an outbox in the published portal (a later
    /// build kept the .eml files there, its stale-file removal only knows its own files), in a
    /// source folder, the root, or behind a link is refused before anything is written
    /// (an attacker's review wrote into _site/, data/x, the root and through a link).
    @Test func anOutboxWhereTheAddressesWouldBePublishedIsRefused() throws {
        let repo = try Repo()
        try Data(Self.org(id: "intruder").utf8).write(to: repo.url.appendingPathComponent("data/orgs/intruder.json"))
        try repo.commit("a valid org")
        let built = repo.url.appendingPathComponent("public")
        #expect(try repo.run(["build", "--out", built.path]).status == 0)
        let elsewhere = scratch.appendingPathComponent("roster-outbox-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let link = repo.url.appendingPathComponent("linked")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: elsewhere.path)
        let before = try Self.files(repo.url)
        for outbox in ["_site", "_site/mail", "public/mail", "data/x", "content/x", "site-templates", "schemas", ".", "linked"] {
            let run = try repo.run(["notify", "--base", "HEAD~1", "--outbox", repo.url.appendingPathComponent(outbox).path])
            #expect(run.status == 1, "\(outbox): \(run.stdout)")
            #expect(
                run.stderr.contains("refused") && run.stderr.contains("full e-mails") || run.stderr.contains("symbolic link"),
                "\(outbox): \(run.stderr)")
        }
        #expect(try Self.files(repo.url) == before, "nothing is written in the repository")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty, "nothing through the link")
        let fine = try repo.run(["notify", "--base", "HEAD~1", "--outbox", repo.url.appendingPathComponent("outbox").path])
        #expect(fine.status == 0, "\(fine.stderr)")
    }
}
