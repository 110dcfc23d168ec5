import Foundation
import Testing

/// Issue 13's command-line rough edges: mistyped verbs, --root before the verb, a revision that
/// names no commit, operation numbers, a malformed --until. Each through the real binary.
@Suite struct CommandLineTests {
    @Test func aMistypedVerbGetsASuggestionAndChangesNothing() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let before = try snapshot(repo)
        let top = try roster(["valdate"], in: repo)
        #expect(top.status == 64)
        #expect(top.stderr.contains("'valdate' is not a roster command; did you mean 'validate'?"), "\(top.stderr)")
        let nested = try roster(["org", "creat", "Acme"], in: repo)
        #expect(nested.status == 64)
        #expect(nested.stderr.contains("'creat' is not a roster org command; did you mean 'create'?"), "\(nested.stderr)")
        #expect(!nested.stderr.contains("unexpected arguments"))
        // A shortened verb suggests the verb it begins, not a short one a few edits away.
        let short = try roster(["org", "dis", "acme-logistics"], in: repo)
        #expect(short.status == 64)
        #expect(short.stderr.contains("'dis' is not a roster org command; did you mean 'disable'?"), "\(short.stderr)")
        let far = try roster(["org", "zzzzzzzz"], in: repo)
        #expect(far.status == 64)
        #expect(far.stderr.contains("the commands are: list, show, create, rename"), "\(far.stderr)")
        #expect(try snapshot(repo) == before)
        // Help still works, for verbs and groups.
        #expect(try roster(["help", "org"], in: repo).status == 0)
        #expect(try roster(["org", "--help"], in: repo).status == 0)
    }

    @Test(arguments: [
        ["--root", "ROOT", "validate"], ["--root=ROOT", "validate"], ["validate", "--root", "ROOT"],
        ["--root", "ROOT", "org", "create", "Initech", "--dry-run"],
    ])
    func theRootMayComeBeforeOrAfterTheVerb(arguments: [String]) throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let resolved = arguments.map { $0.replacingOccurrences(of: "ROOT", with: repo.path) }
        let run = try roster(resolved, in: FileManager.default.temporaryDirectory)
        #expect(run.status == 0, "\(resolved): \(run.stderr)")
        #expect(!run.stderr.contains("Unknown option"))
    }

    @Test func diffNamesAMissingRevisionAndHowToFetchIt() throws {
        let repo = try GitOpsTests.Repo()
        let missing = try repo.run(["diff", "no-such-rev", "HEAD"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("\"no-such-rev\" is not a commit of this repository: check its spelling"), "\(missing.stderr)")
        #expect(!missing.stderr.contains("rev-parse --verify failed"))
        let check = try repo.run(["check", "--base", "no-such-rev"])
        #expect(check.status == 1)
        #expect(check.stderr.contains("\"no-such-rev\" is not a commit"), "\(check.stderr)")
        // A shallow clone (as CI checks out) lacks the base: the message says to fetch it.
        try repo.commit("second")
        let clone = scratch.appendingPathComponent("roster-shallow-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clone) }
        try repo.git("clone", "-q", "--depth", "1", "file://" + repo.url.path, clone.path)
        let shallow = try roster(["diff", "HEAD~1", "HEAD"], in: clone)
        #expect(shallow.status == 1)
        #expect(shallow.stderr.contains("\"HEAD~1\" is not a commit of this clone, which is shallow"), "\(shallow.stderr)")
        #expect(shallow.stderr.contains("git fetch --no-tags --depth=1 origin HEAD~1"))
    }

    @Test func applyNumbersOperationsFromOneInEveryMessage() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let file = repo.appendingPathComponent("batch.json")
        try Data("[{\"op\": \"org.create\", \"name\": \"Initech\"}, {\"op\": \"org.creat\", \"name\": \"X\"}]".utf8).write(to: file)
        let reader = try roster(["apply", file.path], in: repo)
        #expect(reader.status == 1)
        #expect(reader.stderr.contains("operation 2: unknown op \"org.creat\""), "\(reader.stderr)")
        try Data("[{\"op\": \"org.create\", \"name\": \"Initech\"}, {\"op\": \"org.enable\", \"org\": \"nope\"}]".utf8).write(to: file)
        let refusal = try roster(["apply", file.path], in: repo)
        #expect(refusal.status == 1)
        #expect(refusal.stderr.contains("operation 2 (org.enable)"), "\(refusal.stderr)")
    }

    @Test func aMalformedUntilIsBadUsageLikeAMalformedToday() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let before = try snapshot(repo)
        let until = try roster(["share", "add-org", "feed", "beta", "--until", "2026-13-45"], in: repo)
        #expect(until.status == 64)
        #expect(until.stderr.contains("--until must be a date such as 2026-12-31, not \"2026-13-45\""), "\(until.stderr)")
        #expect(try roster(["validate", "--today", "2026-13-45"], in: repo).status == 64)
        #expect(try snapshot(repo) == before)
    }
}

/// Colour on a terminal, and none when the user set NO_COLOR (https://no-color.org): roster
/// coloured `org list` and `validate` on a terminal whatever NO_COLOR said.
@Suite struct NoColourTests {
    /// `roster org list` run on a pseudo-terminal (util-linux `script`), with the environment.
    func onATerminal(_ environment: [String: String]) throws -> String {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        p.arguments = ["-qec", "'\(rosterBinary.path)' org list --root '\(repo.path)'", "/dev/null"]
        p.environment = ProcessInfo.processInfo.environment.merging(fixedEnvironment) { $1 }.merging(environment) { $1 }
        p.environment?["NO_COLOR"] = environment["NO_COLOR"]
        p.standardInput = FileHandle.nullDevice
        let data = try output(of: p)
        #expect(p.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    @Test func aTerminalGetsColourUnlessNoColorIsSet() throws {
        #expect(FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "util-linux script is needed")
        let coloured = try onATerminal([:])
        #expect(coloured.contains("\u{1B}["), "\(coloured)")
        let plain = try onATerminal(["NO_COLOR": "1"])
        #expect(plain.contains("acme"), "\(plain)")
        #expect(!plain.contains("\u{1B}["), "\(plain)")
    }
}
