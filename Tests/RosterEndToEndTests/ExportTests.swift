import Foundation
import Testing

/// `roster export` (SPEC section 9): exact files on the base fixture, deterministic bytes, the
/// SCIM documents checked by an independent implementation (scim2-models), and every folder it
/// must refuse because the files carry full e-mails.
@Suite struct ExportTests {
    static let expected = fixtures.appendingPathComponent("export/base")
    static let files = ["access.json", "scim/Users.json", "scim/Groups.json"]

    func temporaryFolder() -> URL {
        scratch.appendingPathComponent("roster-export-\(UUID().uuidString)")
    }

    @Test func theBaseFixtureExportsExactlyTheExpectedFiles() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let out = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try roster(["export", "--out", out.path], in: repo)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("exported 3 users (1 active) of 2 orgs for 2026-11-23 to "), "\(run.stdout)")
        for file in Self.files {
            let got = try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
            let want = try String(contentsOf: Self.expected.appendingPathComponent(file), encoding: .utf8)
            #expect(got == want, "\(file)")
        }
    }

    @Test func twoRunsWriteTheSameBytes() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let (a, b) = (temporaryFolder(), temporaryFolder())
        defer { for folder in [a, b] { try? FileManager.default.removeItem(at: folder) } }
        #expect(try roster(["export", "--out", a.path], in: repo).status == 0)
        #expect(try roster(["export", "--out", b.path], in: repo).status == 0)
        #expect(try snapshot(a) == snapshot(b))
        #expect(try snapshot(a).keys.sorted() == Self.files.sorted())
    }

    @Test func theDayDecidesTheEntitlements() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let out = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(try roster(["export", "--out", out.path, "--today", "2027-01-31"], in: repo).status == 0)
        let access = try String(contentsOf: out.appendingPathComponent("access.json"), encoding: .utf8)
        #expect(access.contains("\"date\": \"2027-01-31\""))
        #expect(!access.contains("\"feed\""), "the link ended on 2027-01-31")
    }

    /// The demo data has apps and an org with an end date: apps are listed with the shares they
    /// reach on the day, and after the org's `until` its users and apps lose everything.
    @Test func appsAndTheOrgsEndDateFollowTheAccessRule() throws {
        let repo = scratch.appendingPathComponent("roster-export-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("data"), to: repo.appendingPathComponent("data"))
        // Bring the end of stark-mobility's contract close, so the day after has no other expiry.
        let starkFile = repo.appendingPathComponent("data/orgs/stark-mobility.json")
        try Data(
            try String(contentsOf: starkFile, encoding: .utf8).replacingOccurrences(
                of: "\"until\": \"2028-06-30\"", with: "\"until\": \"2026-12-01\""
            ).utf8
        ).write(to: starkFile)
        func export(_ day: String) throws -> [String: Any] {
            let out = temporaryFolder()
            defer { try? FileManager.default.removeItem(at: out) }
            let run = try roster(["export", "--out", out.path, "--today", day], in: repo)
            #expect(run.status == 0, "\(run.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("access.json"))) as? [String: Any])
        }
        let before = try export("2026-11-23")
        let apps = try #require(before["apps"] as? [[String: Any]])
        let orgs = try #require(before["orgs"] as? [[String: Any]])
        #expect(!apps.isEmpty)
        for app in apps {
            let org = try #require(orgs.first { $0["id"] as? String == app["org"] as? String })
            #expect(Set(app["shares"] as? [String] ?? []).isSubset(of: Set(org["shares"] as? [String] ?? [])), "\(app)")
        }
        #expect(apps.contains { !($0["shares"] as? [String] ?? []).isEmpty }, "some app reaches a share")
        let after = try export("2026-12-01")
        let stark = try #require((after["orgs"] as? [[String: Any]])?.first { $0["id"] as? String == "stark-mobility" })
        #expect(stark["active"] as? Bool == false)
        #expect((stark["shares"] as? [String]) == [])
        let users = try #require(after["users"] as? [[String: Any]]).filter { $0["org"] as? String == "stark-mobility" }
        #expect(!users.isEmpty && users.allSatisfy { $0["active"] as? Bool == false })
        let starkApps = (after["apps"] as? [[String: Any]] ?? []).filter { $0["org"] as? String == "stark-mobility" }
        #expect(starkApps.allSatisfy { ($0["shares"] as? [String]) == [] })
    }

    @Test func scim2ModelsAcceptsEveryExportedResource() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let out = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(try roster(["export", "--out", out.path], in: repo).status == 0)
        let script = packageRoot.appendingPathComponent("Tests/RosterEndToEndTests/Support/scim/validate_export.py")
        let check = try python([script.path, out.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("ok 3 users, 5 groups"))
    }

    @Test(arguments: ["_site", "data", "content", "site-templates", "schemas", ".", "data/orgs/new", "_site/sub"])
    func aFolderOfTheRepositoryIsRefused(_ folder: String) throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        for made in ["_site", "content", "site-templates", "schemas"] {
            try FileManager.default.createDirectory(at: repo.appendingPathComponent(made), withIntermediateDirectories: true)
        }
        let before = try snapshot(repo)
        let run = try roster(["export", "--out", folder], in: repo)
        #expect(run.status == 1)
        #expect(run.stderr.contains("refused"), "\(run.stderr)")
        #expect(run.stderr.contains("full e-mails"), "says why: \(run.stderr)")
        #expect(try snapshot(repo) == before, "nothing written")
    }

    @Test func aSymbolicLinkAsTheOutputFolderIsRefused() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let elsewhere = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let link = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: link) }
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: elsewhere)
        let run = try roster(["export", "--out", link.path], in: repo)
        #expect(run.status == 1)
        #expect(run.stderr.contains("symbolic link"), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }

    @Test func aLinkThatLeadsIntoTheRepositoryIsRefused() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let parent = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: parent.appendingPathComponent("via"), withDestinationURL: repo.appendingPathComponent("data"))
        let before = try snapshot(repo)
        let run = try roster(["export", "--out", parent.appendingPathComponent("via/exported").path], in: repo)
        #expect(run.status == 1)
        #expect(run.stderr.contains("inside data/"), "\(run.stderr)")
        #expect(try snapshot(repo) == before)
    }

    /// The other order: an export's folder given to the portal afterwards, the export at its
    /// top or in a folder inside it (a static host publishes the whole folder). A build leaves
    /// the files it did not write, so it would have published access.json with the portal.
    @Test(arguments: [("", "access.json, scim"), ("private", "private/access.json, private/scim")])
    func aPortalBuildRefusesAFolderHoldingAnExport(_ inside: String, _ named: String) throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let out = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let before = inside.isEmpty ? ["access.json", "scim"] : [inside]
        #expect(try roster(["export", "--out", out.appendingPathComponent(inside).path], in: repo).status == 0)
        let run = try roster(["build", "--out", out.path], in: repo)
        #expect(run.status == 1)
        #expect(run.stderr.contains("holds files of roster export or roster notify (\(named))"), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == before)
    }

    /// The preview's --out too (it serves only what it built, but the folder is the user's).
    @Test func thePreviewRefusesAFolderHoldingAnExport() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let out = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(try roster(["export", "--out", out.path], in: repo).status == 0)
        let (process, _, err) = try startRoster(["serve", "--out", out.path, "--port", "0"], in: repo)
        // A preview that started would serve until stopped: that is the failure, not a hang.
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 1)
        #expect(stderr.contains("holds files of roster export or roster notify (access.json, scim)"), "\(stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["access.json", "scim"])
    }

    @Test func aPortalBuildRefusesAnOutbox() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let out = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("To: ada@acme.example\r\n".utf8).write(to: out.appendingPathComponent("org-approved-acme-0a1b.eml"))
        let run = try roster(["build", "--out", out.path], in: repo)
        #expect(run.status == 1)
        #expect(run.stderr.contains("org-approved-acme-0a1b.eml"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("index.html").path))
    }

    @Test func aPortalOutputFolderElsewhereIsRefused() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let site = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: site) }
        // What every `roster build` leaves in its output folder, wherever --out put it.
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try Data("{}\n".utf8).write(to: site.appendingPathComponent(".roster-build.json"))
        let run = try roster(["export", "--out", site.appendingPathComponent("private").path], in: repo)
        #expect(run.status == 1)
        #expect(run.stderr.contains("portal output"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("private").path))
    }

    @Test func invalidRecordsExportNothing() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        try Data("{ broken".utf8).write(to: repo.appendingPathComponent("data/orgs/acme.json"))
        let out = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try roster(["export", "--out", out.path], in: repo)
        #expect(run.status == 1)
        #expect(run.stderr.contains("data/orgs/acme.json:1:"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    /// The files are written while the records are validated: with an error, the files of an
    /// earlier export stay as they were, and no temporary file or new folder is left behind.
    @Test func invalidRecordsLeaveAnEarlierExportAsItWas() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let out = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(try roster(["export", "--out", out.path], in: repo).status == 0)
        try FileManager.default.removeItem(at: out.appendingPathComponent("scim"))
        let before = try snapshot(out)
        try Data("{ broken".utf8).write(to: repo.appendingPathComponent("data/orgs/acme.json"))
        #expect(try roster(["export", "--out", out.path], in: repo).status == 1)
        #expect(try snapshot(out) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["access.json"])
    }

    /// An export into a folder that already holds the same files leaves them untouched (their
    /// modification times too), and leaves no temporary file.
    @Test func anUnchangedExportKeepsTheFilesItFinds() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let out = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(try roster(["export", "--out", out.path], in: repo).status == 0)
        let path = out.appendingPathComponent("scim/Users.json").path
        let old = Date(timeIntervalSince1970: 1_000_000_000)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path)
        #expect(try roster(["export", "--out", out.path], in: repo).status == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == old)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("scim").path).sorted() == ["Groups.json", "Users.json"])
    }
}

/// Runs `python3` with `arguments` and waits for it.
func python(_ arguments: [String], environment: [String: String] = [:]) throws -> RosterRun {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3"] + arguments
    p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return RosterRun(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}
