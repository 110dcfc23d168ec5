import Foundation
import Testing

/// Runs the built `roster` binary on copies of repositories and checks output and exit codes.
@Suite struct CLITests {
    typealias Run = RosterRun
    @Test func validateOnTheDemoDataHasNoError() throws {
        let run = try roster(["validate", "--root", packageRoot.path])
        #expect(run.status == 0)
        // The summary line itself: "10 errors" contains "0 errors".
        let summary = run.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(summary.hasPrefix("0 errors, ") || summary.hasPrefix("no problems found"), "\(summary)")
    }

    @Test func validateReportsAnErrorWithItsLocationAndExitsOne() throws {
        let repo = try copy(overlay: "json-trailing-comma")
        defer { try? FileManager.default.removeItem(at: repo) }
        let run = try roster(["validate"], in: repo)
        #expect(run.status == 1)
        #expect(run.stdout == "data/shares/feed.json:11:28: error: trailing comma before '}' [json-trailing-comma]\n1 error, 0 warnings in 4 files\n")
        let github = try roster(["validate", "--root", repo.path, "--format", "github"])
        #expect(github.status == 1)
        #expect(github.stdout.hasPrefix("::error file=data/shares/feed.json,line=11,col=28,title=json-trailing-comma::"))
        let json = try roster(["validate", "--root", repo.path, "--format", "json"])
        #expect(json.stdout.contains("\"rule\": \"json-trailing-comma\""))
    }

    @Test func warningsAloneDoNotFail() throws {
        let repo = try copy(overlay: "stray-file")
        defer { try? FileManager.default.removeItem(at: repo) }
        let run = try roster(["validate", "--root", repo.path])
        #expect(run.status == 0)
        #expect(run.stdout.hasSuffix("0 errors, 1 warning in 4 files\n"))
    }

    /// roster links mimalloc (Package.swift) ahead of libc, so that its malloc, not glibc's,
    /// serves every allocation; mimalloc says so on standard error when asked.
    @Test func rosterAllocatesThroughMimalloc() throws {
        let run = try roster(["validate", "--root", packageRoot.path], environment: fixedEnvironment.merging(["MIMALLOC_VERBOSE": "1"]) { $1 })
        #expect(run.status == 0)
        #expect(run.stderr.contains("mimalloc: option 'verbose': 1"), "\(run.stderr.prefix(300))")
        // Without the variable, mimalloc is silent.
        #expect(try roster(["validate", "--root", packageRoot.path]).stderr.isEmpty)
    }

    @Test func badUsageExitsWith64() throws {
        #expect(try roster(["validate", "--format", "yaml"]).status == 64)
        #expect(try roster(["validate", "--today", "yesterday"]).status == 64)
        #expect(try roster(["frobnicate"]).status == 64)
    }

    @Test func fmtCheckFailsOnANonCanonicalFileAndFmtFixesIt() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        #expect(try roster(["fmt", "--check", "--root", repo.path]).status == 0)
        let file = repo.appendingPathComponent("data/orgs/acme.json")
        let canonical = try Data(contentsOf: file)
        let squashed = String(decoding: canonical, as: UTF8.self).replacingOccurrences(of: "\n  ", with: " ")
        try Data(squashed.utf8).write(to: file)
        let check = try roster(["fmt", "--check", "--root", repo.path])
        #expect(check.status == 1)
        #expect(check.stdout.contains("data/orgs/acme.json: not in canonical form"))
        #expect(try Data(contentsOf: file) == Data(squashed.utf8), "--check writes nothing")
        let fmt = try roster(["fmt", "--root", repo.path])
        #expect(fmt.status == 0)
        #expect(try Data(contentsOf: file) == canonical)
    }

    @Test func fmtLeavesABrokenFileAndEveryOtherFileAlone() throws {
        let repo = try copy(overlay: "json-syntax")
        defer { try? FileManager.default.removeItem(at: repo) }
        let before = try snapshot(repo)
        let run = try roster(["fmt", "--root", repo.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("data/orgs/acme.json: not formatted"))
        #expect(try snapshot(repo) == before)
    }

    @Test func migrateRewritesAnOlderFile() throws {
        let repo = try copy(overlay: "schema-version-old")
        defer { try? FileManager.default.removeItem(at: repo) }
        let run = try roster(["migrate", "--root", repo.path])
        #expect(run.status == 0)
        #expect(run.stdout == "migrated data/orgs/acme.json to schemaVersion 1\n")
        let text = try String(contentsOf: repo.appendingPathComponent("data/orgs/acme.json"), encoding: .utf8)
        #expect(text.contains("\"schemaVersion\": 1,"))
        #expect(text.contains("\"role\": \"super-admin\""))
        #expect(try roster(["validate", "--root", repo.path]).stdout.hasPrefix("no problems found"))
        #expect(try roster(["migrate", "--root", repo.path]).stdout.contains("nothing to migrate"))
    }

    @Test func migrateRefusesANewerFileAndWritesNothing() throws {
        let repo = try copy(overlay: "schema-version-newer")
        defer { try? FileManager.default.removeItem(at: repo) }
        let before = try snapshot(repo)
        let run = try roster(["migrate", "--root", repo.path])
        #expect(run.status == 1)
        #expect(run.stdout.contains("upgrade roster"))
        #expect(try snapshot(repo) == before)
    }

    @Test func initCreatesAValidRepositoryAndRefusesToOverwrite() throws {
        let dir = scratch.appendingPathComponent("roster-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try roster(["init", dir.path, "--provider", "Acme Data"])
        #expect(run.status == 0)
        for file in ["data/marketplace.json", "schemas/org.schema.json", "content/getting-started.md", "site-templates/org.mustache"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path), "\(file)")
        }
        let validate = try roster(["validate", "--root", dir.path])
        #expect(validate.status == 0)
        #expect(try roster(["fmt", "--check", "--root", dir.path]).status == 0)
        let build = try roster(["build", "--root", dir.path])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("_site/index.html").path))
        try FileManager.default.removeItem(at: dir.appendingPathComponent("_site"))
        let before = try snapshot(dir)
        let again = try roster(["init", dir.path])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists"))
        #expect(try snapshot(dir) == before)
    }

    @Test func helpTeachesTheFormat() throws {
        let run = try roster(["validate", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("path:line:column: error|warning: message [rule-id]"))
        let rules = try roster(["validate", "--list-rules"])
        #expect(rules.stdout.contains("user-single-org"))
    }
}
