import Foundation
import Testing

/// Issue 10, item 4: no symbolic link is followed under data/, content/ or site-templates/.
/// Each attack is a committed link; every command that reads or writes there refuses it with
/// the link's path and the rule `symlink`, and writes nothing.
@Suite struct SymlinkTests {
    /// A copy of the base fixture with the project's templates and docs, and a folder outside
    /// it holding a secret the links point at.
    final class Project {
        let url: URL
        let outside: URL
        static let secret = "TOP-SECRET-\(UUID().uuidString)"

        init() throws {
            url = try copy()
            for folder in ["site-templates", "content"] {
                try FileManager.default.copyItem(at: packageRoot.appendingPathComponent(folder), to: url.appendingPathComponent(folder))
            }
            outside = scratch.appendingPathComponent("roster-outside-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
            try Data("\(Self.secret)\n".utf8).write(to: outside.appendingPathComponent("secret.txt"))
        }

        deinit {
            try? FileManager.default.removeItem(at: url)
            try? FileManager.default.removeItem(at: outside)
        }

        func link(_ relative: String, to target: String) throws {
            try FileManager.default.createSymbolicLink(atPath: url.appendingPathComponent(relative).path, withDestinationPath: target)
        }

        func run(_ args: String...) throws -> RosterRun { try roster(args, in: url) }
    }

    static let links: [(path: String, target: @Sendable (Project) -> String)] = [
        ("site-templates/assets/x.css", { _ in "/etc/passwd" }),
        ("site-templates/partials/p.mustache", { _ in "/proc/self/environ" }),
        ("content/x.md", { $0.outside.appendingPathComponent("secret.txt").path }),
        ("content/folder", { $0.outside.path }),
        ("data/orgs/gamma.json", { $0.outside.appendingPathComponent("secret.txt").path }),
    ]

    @Test func validateReportsEveryLinkWithItsPathAndRule() throws {
        let project = try Project()
        for link in Self.links { try project.link(link.path, to: link.target(project)) }
        let run = try project.run("validate")
        #expect(run.status == 1)
        for link in Self.links {
            #expect(run.stdout.contains("\(link.path):1:1: error: ") && run.stdout.contains("[symlink]"), "\(link.path): \(run.stdout)")
        }
        #expect(!run.stdout.contains(Project.secret))
    }

    /// The attack of the issue: a linked asset or partial published a file from outside the
    /// repository in the portal. The build refuses before writing anything.
    @Test(arguments: 0..<4) func buildRefusesALinkAndWritesNothing(_ index: Int) throws {
        let project = try Project()
        let out = project.url.appendingPathComponent("_site")
        #expect(try project.run("build").status == 0)
        let before = try snapshot(out)
        let link = Self.links[index]
        try project.link(link.path, to: link.target(project))
        let run = try project.run("build")
        #expect(run.status == 1)
        #expect(run.stderr.contains(link.path) && run.stderr.contains("symbolic link"), "\(run.stderr)")
        #expect(try snapshot(out) == before, "a refused build changes no file in the output folder")
        // The same into a fresh folder: nothing at all is written, the secret nowhere.
        let fresh = try project.run("build", "--out", "fresh")
        #expect(fresh.status == 1)
        #expect(!FileManager.default.fileExists(atPath: project.url.appendingPathComponent("fresh").path))
    }

    /// `data/orgs -> /elsewhere` (and `data` itself, and `data/shares`) is neither read nor
    /// written through: validate reports it, every verb, fmt and migrate refuse, and the folder
    /// outside keeps its bytes.
    @Test(arguments: ["data/orgs", "data/shares", "data"]) func aLinkedRecordFolderIsNeitherReadNorWritten(_ folder: String) throws {
        let project = try Project()
        let moved = project.outside.appendingPathComponent("moved")
        try FileManager.default.moveItem(at: project.url.appendingPathComponent(folder), to: moved)
        try project.link(folder, to: moved.path)
        let outsideBefore = try snapshot(project.outside)
        let repoBefore = try snapshot(project.url)

        let validate = try project.run("validate")
        #expect(validate.status == 1)
        #expect(validate.stdout.contains("\(folder):1:1: error: ") && validate.stdout.contains("symbolic link"), "\(validate.stdout)")
        for args in [
            ["org", "create", "Initech"],
            ["member", "invite", "acme", "cy@acme.example", "--first", "Cy", "--last", "Cole", "--role", "team-member"],
            ["share", "create", "Second feed"], ["fmt"], ["migrate"], ["build"],
        ] {
            let run = try roster(args, in: project.url)
            #expect(run.status == 1, "\(args): \(run.stdout) \(run.stderr)")
        }
        #expect(try snapshot(project.outside) == outsideBefore, "nothing outside the repository changed")
        #expect(try snapshot(project.url) == repoBefore, "nothing in the repository changed")
    }

    /// Every mutating verb refuses while a link is anywhere under the three folders: the change
    /// engine refuses a store with load errors, so the verb writes nothing.
    @Test func everyMutatingVerbRefusesAndWritesNothing() throws {
        let project = try Project()
        try project.link("content/x.md", to: project.outside.appendingPathComponent("secret.txt").path)
        let before = try snapshot(project.url)
        let batch = project.url.appendingPathComponent("batch.json")
        try Data(#"[{"op": "org.create", "name": "Initech"}]"#.utf8).write(to: batch)
        let verbs: [[String]] = [
            ["org", "create", "Initech"], ["org", "rename", "acme", "Acme Freight"], ["org", "disable", "acme"],
            ["member", "invite", "acme", "cy@acme.example", "--first", "Cy", "--last", "Cole", "--role", "team-member"],
            ["member", "remove", "acme", "bob@acme.example"], ["team", "create", "acme", "Ops"],
            ["share", "create", "Second feed"], ["share", "remove-org", "feed", "acme"], ["apply", batch.path], ["fmt"], ["migrate"],
        ]
        for args in verbs {
            let run = try roster(args, in: project.url)
            #expect(run.status == 1, "\(args): \(run.stdout) \(run.stderr)")
            #expect(try snapshot(project.url).filter { $0.key != "batch.json" } == before, "\(args) wrote nothing")
        }
    }

    /// `check` validates the head through the loader, so it refuses a committed link.
    @Test func checkRefusesALinkInTheHead() throws {
        let repo = try GitOpsTests.Repo()
        let base = try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        try FileManager.default.createSymbolicLink(
            atPath: repo.url.appendingPathComponent("site-templates/assets/leak.css").path, withDestinationPath: "/etc/passwd")
        try repo.commit("a linked asset")
        let run = try repo.run(["check", "--base", base])
        #expect(run.status == 1)
        #expect((run.stdout + run.stderr).contains("site-templates/assets/leak.css"))
        #expect((run.stdout + run.stderr).contains("symlink"))
    }

    /// The preview shows the error over the last good site, as it does for a broken record,
    /// and never serves the linked file.
    @Test func serveShowsTheErrorInsteadOfServingTheLinkedFile() throws {
        let server = try ServeTests.Server()
        let secret = scratch.appendingPathComponent("roster-secret-\(UUID().uuidString).css")
        defer { try? FileManager.default.removeItem(at: secret) }
        try Data(Project.secret.utf8).write(to: secret)
        try FileManager.default.createSymbolicLink(
            atPath: server.repo.appendingPathComponent("site-templates/assets/leak.css").path,
            withDestinationPath: secret.path)
        var page = ""
        for _ in 0..<50 where !page.contains("roster-overlay") {
            Thread.sleep(forTimeInterval: 0.1)
            page = try ServeTests.request(server.port, "/orgs/").body
        }
        #expect(page.contains("roster-overlay"))
        #expect(page.contains("site-templates/assets/leak.css:1:1: error:"))
        let asset = try ServeTests.request(server.port, "/assets/leak.css")
        #expect(asset.status == 404)
        #expect(!asset.body.contains(Project.secret))
    }

    /// `roster init DIR` in a folder that holds a link where the scaffold goes wrote the
    /// records and templates through it, outside DIR (and left a repository every other verb
    /// refuses). A link in a file's place, even one pointing nowhere, is not replaced either.
    @Test(arguments: ["data", "site-templates", "content", "data/orgs", "data/marketplace.json"])
    func initWritesNothingThroughALink(_ path: String) throws {
        let dir = scratch.appendingPathComponent("roster-init-\(UUID().uuidString)")
        let outside = scratch.appendingPathComponent("roster-outside-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: dir)
            try? FileManager.default.removeItem(at: outside)
        }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("data"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        if path == "data" { try FileManager.default.removeItem(at: dir.appendingPathComponent("data")) }
        let target = path.hasSuffix(".json") ? outside.appendingPathComponent("settings.json").path : outside.path
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent(path).path, withDestinationPath: target)
        // Listed, not read: a snapshot would follow the link.
        func listing() throws -> [String] {
            try ["", "data"].flatMap { folder in
                try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent(folder).path).map { folder + "/" + $0 }.sorted()
            }
        }
        let before = try listing()
        let run = try roster(["init", dir.path])
        #expect(run.status == 1, "\(run.stdout)")
        #expect(run.stderr.contains(path), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty, "written outside DIR")
        #expect(try listing() == before)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent(path).path) == target)
    }
}
