import Foundation
import Testing
import RosterCore

/// The change verbs through the real binary: exit codes, files on disk, lock, batches.
@Suite struct ChangeCLITests {
    @Test func aVerbWritesCanonicalFilesAndExitsZero() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let run = try roster(
            ["member", "invite", "acme", "cy@acme.example", "--first", "Cy", "--last", "Cole", "--role", "team-member", "--team", "ops"], in: repo)
        #expect(run.status == 0)
        #expect(run.stdout.contains("updated data/orgs/acme.json"))
        #expect(try roster(["fmt", "--check"], in: repo).status == 0)
        #expect(try roster(["validate"], in: repo).status == 0)
        let text = try String(contentsOf: repo.appendingPathComponent("data/orgs/acme.json"), encoding: .utf8)
        #expect(text.contains("\"invitedBy\": \"admin@provider.example\""))
        #expect(text.contains("\"invitedAt\": \"2026-11-23T10:00:00Z\""))
    }

    @Test func aRefusalExitsOneAndChangesNoFile() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let before = try snapshot(repo)
        let refusals: [[String]] = [
            ["member", "remove", "acme", "ann@acme.example"],
            ["member", "set-role", "acme", "ann@acme.example", "team-member"],
            ["member", "invite", "beta", "x@beta.example", "--first", "X", "--last", "Y", "--role", "team-member"],
            ["member", "invite", "acme", "bea@beta.example", "--first", "B", "--last", "B", "--role", "team-member"],
            ["org", "delete", "acme", "--confirm", "acme"],
            ["org", "create", "AC"],
            ["org", "create", "Acme"],
            ["team", "delete", "acme", "everyone"],
            ["share", "add-org", "feed", "beta"],
            ["org", "reject", "beta", "--reason", ""],
        ]
        for arguments in refusals {
            let run = try roster(arguments, in: repo)
            #expect(run.status == 1, "\(arguments)")
            #expect(run.stderr.hasPrefix("roster: refused: "), "\(arguments)")
        }
        #expect(try snapshot(repo) == before)
    }

    /// A name is one line of text: a verb refuses a control character or a line separator in
    /// one (`text-control`) before it writes anything, and says which field and character.
    @Test func aNameWithAControlCharacterIsRefusedAndChangesNoFile() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let before = try snapshot(repo)
        let invite = try roster(
            ["member", "invite", "acme", "x@acme.example", "--first", "A\nB", "--last", "C", "--role", "team-member"], in: repo)
        #expect(invite.status == 1)
        #expect(invite.stderr.hasPrefix("roster: refused: the result would not be valid:\n  data/orgs/acme.json:"), "\(invite.stderr)")
        #expect(
            invite.stderr.hasSuffix(
                #": error: firstName "A\nB" of x@acme.example contains U+000A (line feed); names and other record text are one line without control or direction-override characters [text-control]"#
                    + "\n"), "\(invite.stderr)")
        #expect(invite.stderr.split(separator: "\n").count == 2, "the name is shown escaped: \(invite.stderr)")
        let apply = #"[{"op": "org.create", "name": "Line\u2028Break"}]"#
        let refusals: [(arguments: [String], input: String?, character: String)] = [
            (["org", "register", "Newco\r\nBcc: evil@x.example", "--email", "n@newco.example", "--first", "N", "--last", "C"], nil, "U+000D"),
            (["team", "create", "acme", "Ops\u{1B}[2J"], nil, "U+001B"),
            (["app", "create", "acme", "Dash\u{85}board", "--team", "ops"], nil, "U+0085"),
            (["member", "edit", "acme", "bob@acme.example", "--last", "B\u{7F}B"], nil, "U+007F"),
            (["org", "rename", "acme", "Acme\u{9F}"], nil, "U+009F"),
            (["org", "reject", "beta", "--reason", "Spam\u{2029}spam"], nil, "U+2029"),
            (["share", "create", "News", "--description", "a\tb"], nil, "U+0009"),
            (["apply", "-"], apply, "U+2028"),
        ]
        for r in refusals {
            let run = try roster(r.arguments, in: repo, input: r.input.map { Data($0.utf8) })
            #expect(run.status == 1, "\(r.arguments): \(run.stderr)")
            #expect(run.stderr.contains(" contains \(r.character) ") && run.stderr.contains("[text-control]"), "\(r.arguments): \(run.stderr)")
        }
        #expect(try snapshot(repo) == before)
    }

    @Test func badUsageExitsWith64AndChangesNoFile() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let before = try snapshot(repo)
        #expect(try roster(["member", "invite", "acme", "x@acme.example", "--first", "X", "--last", "Y", "--role", "owner"], in: repo).status == 64)
        #expect(try roster(["org", "delete", "acme"], in: repo).status == 64)
        #expect(try roster(["org", "disable", "acme", "--actor", "not an email"], in: repo).status == 64)
        var anonymous = fixedEnvironment
        anonymous["ROSTER_ACTOR"] = ""
        // No git identity either (the actor's last default): no global or system git config.
        anonymous["GIT_CONFIG_GLOBAL"] = "/dev/null"
        anonymous["GIT_CONFIG_NOSYSTEM"] = "1"
        let noActor = try roster(["org", "disable", "acme"], in: repo, environment: anonymous)
        #expect(noActor.status == 1)
        #expect(noActor.stderr.contains("--actor"))
        #expect(try snapshot(repo) == before)
    }

    @Test func dryRunPrintsTheDiffAndWritesNothing() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let before = try snapshot(repo)
        let run = try roster(["org", "delete", "acme", "--confirm", "Acme", "--dry-run"], in: repo)
        #expect(run.status == 0)
        #expect(run.stdout.contains("would delete data/orgs/acme.json"))
        #expect(run.stdout.contains("would change data/shares/feed.json"))
        #expect(run.stdout.contains("-      \"org\": \"acme\","))
        #expect(run.stdout.contains("unlinked from 1 share: feed"))
        #expect(run.stdout.hasSuffix("dry run: nothing written\n"))
        #expect(try snapshot(repo) == before)
    }

    @Test func deleteRemovesTheOrgFromEveryShare() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let run = try roster(["org", "delete", "acme", "--confirm", "Acme"], in: repo)
        #expect(run.status == 0)
        #expect(!FileManager.default.fileExists(atPath: repo.appendingPathComponent("data/orgs/acme.json").path))
        let share = try String(contentsOf: repo.appendingPathComponent("data/shares/feed.json"), encoding: .utf8)
        #expect(share.contains("\"consumers\": []"))
        #expect(try roster(["validate"], in: repo).status == 0)
    }

    @Test func applyRunsABatchFromAFileOrStandardInput() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let batch = """
            [{"op": "org.create", "name": "Initech"},
             {"op": "member.invite", "org": "initech", "email": "peter@initech.example", "first": "Peter", "last": "Gibbons", "role": "super-admin"},
             {"op": "share.add-org", "share": "feed", "org": "initech"}]
            """
        let run = try roster(["apply", "-"], in: repo, input: Data(batch.utf8))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("created data/orgs/initech.json"))
        #expect(run.stdout.contains("updated data/shares/feed.json"))
        #expect(try roster(["validate"], in: repo).status == 0)
    }

    @Test func aRefusedBatchNamesTheOperationAndWritesNothing() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let file = repo.appendingPathComponent("batch.json")
        try Data(
            """
            [{"op": "org.create", "name": "Initech"},
             {"op": "member.remove", "org": "acme", "email": "ann@acme.example"}]
            """.utf8
        ).write(to: file)
        let before = try snapshot(repo)
        let run = try roster(["apply", file.path], in: repo)
        #expect(run.status == 1)
        #expect(run.stderr.contains("operation 2 (member.remove): ann@acme.example is the last super admin"))
        #expect(try snapshot(repo) == before)
        // A malformed batch is reported with its line and column.
        try Data("[{\"op\": \"org.create\", \"nme\": \"Initech\"}]".utf8).write(to: file)
        let typo = try roster(["apply", file.path], in: repo)
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("batch.json:1:23: error: operation 1 (org.create): unknown field \"nme\""))
    }

    @Test func aHeldLockMakesASecondRunWaitThenFailNamingTheHolder() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        // A live holder: this test process.
        let lockFile = repo.appendingPathComponent(".roster.lock")
        try Data("\(getpid()) \(ProcessInfo.processInfo.hostName) 2026-11-23T10:00:00Z\n".utf8).write(to: lockFile)
        let before = try snapshot(repo)
        let run = try roster(["org", "rename", "acme", "Acme Freight"], in: repo)
        #expect(run.status == 1)
        #expect(run.stderr.contains("locked by process \(getpid())"))
        #expect(try snapshot(repo) == before)
        // A stale holder: a process that is gone.
        try Data("999999 \(ProcessInfo.processInfo.hostName) 2026-11-23T10:00:00Z\n".utf8).write(to: lockFile)
        let stale = try roster(["org", "rename", "acme", "Acme Freight"], in: repo)
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("roster unlock"))
        let unlock = try roster(["unlock"], in: repo)
        #expect(unlock.status == 0)
        #expect(unlock.stdout.contains("removed the lock of process 999999"))
        #expect(try roster(["org", "rename", "acme", "Acme Freight"], in: repo).status == 0)
        #expect(!FileManager.default.fileExists(atPath: lockFile.path), "the lock is released after a run")
    }

    @Test func twoRunsAtOnceNeverLoseAChange() throws {
        for trial in 0..<5 {
            let repo = try copy()
            defer { try? FileManager.default.removeItem(at: repo) }
            let a = try startRoster(
                ["member", "invite", "acme", "a\(trial)@acme.example", "--first", "A", "--last", "A", "--role", "team-member"], in: repo)
            let b = try startRoster(
                ["member", "invite", "acme", "b\(trial)@acme.example", "--first", "B", "--last", "B", "--role", "team-member"], in: repo)
            a.0.waitUntilExit()
            b.0.waitUntilExit()
            #expect(a.0.terminationStatus == 0)
            #expect(b.0.terminationStatus == 0)
            let text = try String(contentsOf: repo.appendingPathComponent("data/orgs/acme.json"), encoding: .utf8)
            #expect(text.contains("a\(trial)@acme.example") && text.contains("b\(trial)@acme.example"), "both changes are kept")
            #expect(try roster(["validate"], in: repo).status == 0)
        }
    }
}
