import Foundation
import Testing

/// Runs the built `roster` binary on copies of repositories and checks output and exit codes.
@Suite struct CLITests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = packageRoot.appendingPathComponent("Tests/RosterCoreTests/Fixtures")

    /// The `roster` executable built next to this test bundle.
    static var binary: URL {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [here, here.deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("roster")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return packageRoot.appendingPathComponent(".build/debug/roster")
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    @discardableResult
    static func roster(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = ["ROSTER_TODAY": "2026-11-23"]) throws -> Run {
        let p = Process()
        p.executableURL = binary
        p.arguments = arguments
        if let directory { p.currentDirectoryURL = directory }
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// A temporary copy of the base fixture, with an optional rule overlay.
    static func copy(overlay: String? = nil) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("roster-e2e-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("base"), to: url)
        if let overlay {
            let source = fixtures.appendingPathComponent("rules/\(overlay)/fail")
            let files = FileManager.default.enumerator(atPath: source.path)!.compactMap { $0 as? String }
            for file in files where !file.hasSuffix("/") {
                var isDir: ObjCBool = false
                FileManager.default.fileExists(atPath: source.appendingPathComponent(file).path, isDirectory: &isDir)
                if isDir.boolValue { continue }
                let target = url.appendingPathComponent(file)
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.copyItem(at: source.appendingPathComponent(file), to: target)
            }
        }
        return url
    }

    static func snapshot(_ url: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for case let file as String in FileManager.default.enumerator(atPath: url.path)! {
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: url.appendingPathComponent(file).path, isDirectory: &isDir)
            if !isDir.boolValue { out[file] = try Data(contentsOf: url.appendingPathComponent(file)) }
        }
        return out
    }

    @Test func validateOnTheDemoDataHasNoError() throws {
        let run = try Self.roster(["validate", "--root", Self.packageRoot.path])
        #expect(run.status == 0)
        #expect(run.stdout.contains("0 errors") || run.stdout.contains("no problems found"))
    }

    @Test func validateReportsAnErrorWithItsLocationAndExitsOne() throws {
        let repo = try Self.copy(overlay: "json-trailing-comma")
        defer { try? FileManager.default.removeItem(at: repo) }
        let run = try Self.roster(["validate"], in: repo)
        #expect(run.status == 1)
        #expect(run.stdout == "data/shares/feed.json:11:28: error: trailing comma before '}' [json-trailing-comma]\n1 error, 0 warnings in 4 files\n")
        let github = try Self.roster(["validate", "--root", repo.path, "--format", "github"])
        #expect(github.status == 1)
        #expect(github.stdout.hasPrefix("::error file=data/shares/feed.json,line=11,col=28,title=json-trailing-comma::"))
        let json = try Self.roster(["validate", "--root", repo.path, "--format", "json"])
        #expect(json.stdout.contains("\"rule\": \"json-trailing-comma\""))
    }

    @Test func warningsAloneDoNotFail() throws {
        let repo = try Self.copy(overlay: "stray-file")
        defer { try? FileManager.default.removeItem(at: repo) }
        let run = try Self.roster(["validate", "--root", repo.path])
        #expect(run.status == 0)
        #expect(run.stdout.hasSuffix("0 errors, 1 warning in 4 files\n"))
    }

    @Test func badUsageExitsWith64() throws {
        #expect(try Self.roster(["validate", "--format", "yaml"]).status == 64)
        #expect(try Self.roster(["validate", "--today", "yesterday"]).status == 64)
        #expect(try Self.roster(["frobnicate"]).status == 64)
    }

    @Test func fmtCheckFailsOnANonCanonicalFileAndFmtFixesIt() throws {
        let repo = try Self.copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        #expect(try Self.roster(["fmt", "--check", "--root", repo.path]).status == 0)
        let file = repo.appendingPathComponent("data/orgs/acme.json")
        let canonical = try Data(contentsOf: file)
        let squashed = String(decoding: canonical, as: UTF8.self).replacingOccurrences(of: "\n  ", with: " ")
        try Data(squashed.utf8).write(to: file)
        let check = try Self.roster(["fmt", "--check", "--root", repo.path])
        #expect(check.status == 1)
        #expect(check.stdout.contains("data/orgs/acme.json: not in canonical form"))
        #expect(try Data(contentsOf: file) == Data(squashed.utf8), "--check writes nothing")
        let fmt = try Self.roster(["fmt", "--root", repo.path])
        #expect(fmt.status == 0)
        #expect(try Data(contentsOf: file) == canonical)
    }

    @Test func fmtLeavesABrokenFileAndEveryOtherFileAlone() throws {
        let repo = try Self.copy(overlay: "json-syntax")
        defer { try? FileManager.default.removeItem(at: repo) }
        let before = try Self.snapshot(repo)
        let run = try Self.roster(["fmt", "--root", repo.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("data/orgs/acme.json: not formatted"))
        #expect(try Self.snapshot(repo) == before)
    }

    @Test func migrateRewritesAnOlderFile() throws {
        let repo = try Self.copy(overlay: "schema-version-old")
        defer { try? FileManager.default.removeItem(at: repo) }
        let run = try Self.roster(["migrate", "--root", repo.path])
        #expect(run.status == 0)
        #expect(run.stdout == "migrated data/orgs/acme.json to schemaVersion 1\n")
        let text = try String(contentsOf: repo.appendingPathComponent("data/orgs/acme.json"), encoding: .utf8)
        #expect(text.contains("\"schemaVersion\": 1,"))
        #expect(text.contains("\"role\": \"super-admin\""))
        #expect(try Self.roster(["validate", "--root", repo.path]).stdout.hasPrefix("no problems found"))
        #expect(try Self.roster(["migrate", "--root", repo.path]).stdout.contains("nothing to migrate"))
    }

    @Test func migrateRefusesANewerFileAndWritesNothing() throws {
        let repo = try Self.copy(overlay: "schema-version-newer")
        defer { try? FileManager.default.removeItem(at: repo) }
        let before = try Self.snapshot(repo)
        let run = try Self.roster(["migrate", "--root", repo.path])
        #expect(run.status == 1)
        #expect(run.stdout.contains("upgrade roster"))
        #expect(try Self.snapshot(repo) == before)
    }

    @Test func initCreatesAValidRepositoryAndRefusesToOverwrite() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("roster-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try Self.roster(["init", dir.path, "--provider", "Acme Data"])
        #expect(run.status == 0)
        for file in ["data/marketplace.json", "schemas/org.schema.json", "content/getting-started.md", "site-templates/README.md"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path), "\(file)")
        }
        let validate = try Self.roster(["validate", "--root", dir.path])
        #expect(validate.status == 0)
        #expect(try Self.roster(["fmt", "--check", "--root", dir.path]).status == 0)
        let before = try Self.snapshot(dir)
        let again = try Self.roster(["init", dir.path])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists"))
        #expect(try Self.snapshot(dir) == before)
    }

    @Test func helpTeachesTheFormat() throws {
        let run = try Self.roster(["validate", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("path:line:column: error|warning: message [rule-id]"))
        let rules = try Self.roster(["validate", "--list-rules"])
        #expect(rules.stdout.contains("user-single-org"))
    }
}
