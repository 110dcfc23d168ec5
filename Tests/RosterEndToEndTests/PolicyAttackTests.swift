import Foundation
import Testing

/// An attacker's review of `roster check` (issue 10): each test is one way a pull request got
/// `check: allowed` for what its author's role must not do, or misled the reviewer, through the
/// real binary on a real git repository.
@Suite struct PolicyAttackTests {
    typealias Repo = GitOpsTests.Repo

    /// Runs git in `repo` with the committer date `date` (the Repo helper pins every date).
    static func git(_ repo: Repo, date: String, _ args: String...) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-C", repo.url.path, "-c", "user.email=ci@provider.example", "-c", "user.name=CI"] + args
        p.environment = ProcessInfo.processInfo.environment.merging(["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date]) { $1 }
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "git \(args)")
    }

    /// Swift's `==` calls canonically equivalent texts equal ("K" and the Kelvin sign U+212A,
    /// "ü" and "u" with U+0308): a pull request that swapped one for the other in an org's
    /// name or another member's name was judged "0 changes to records" and allowed for anyone,
    /// though the bytes the portal, the export and SCIM publish changed. Now every actor whose
    /// role does not allow the field is refused, and the diff shows the change.
    @Test func aCanonicallyEquivalentTextIsStillAChange() throws {
        let repo = try PolicyTests.makeRepo()
        try PolicyTests.edit(repo, "data/orgs/acme.json") { $0["name"] = "Kelvin Acme" }
        try PolicyTests.editMember(repo, org: "acme", email: "ann@acme.example") { $0["lastName"] = "Müller" }
        try repo.commit("names with a K and a ü")
        let file = repo.url.appendingPathComponent("data/orgs/acme.json")
        let base = try String(contentsOf: file, encoding: .utf8)
        for (from, to, field) in [("Kelvin Acme", "\u{212A}elvin Acme", "/name"), ("Müller", "Mu\u{308}ller", "/members[ann@acme.example]/lastName")]
        {
            let swapped = base.replacingOccurrences(of: from, with: to)
            #expect(swapped == base && !swapped.utf8.elementsEqual(base.utf8), "equal to Swift, other bytes")
            try Data(swapped.utf8).write(to: file)
            for actor in ["bob@acme.example", "olga@other.example", "@stranger"] {
                let run = try repo.run(["check", "--base", "HEAD", "--actor", actor])
                #expect(run.status == 1, "\(actor) \(field): \(run.stdout)")
                #expect(run.stdout.contains(field), "\(actor): \(run.stdout)")
            }
            let diff = try repo.run(["diff"])
            #expect(diff.stdout.contains(field == "/name" ? "renamed" : "ann@acme.example"), "\(diff.stdout)")
            try Data(base.utf8).write(to: file)
        }
    }

    /// An app is judged by its own entry in /apps: looked up in every array of the org in the
    /// file's key order, an app whose id is a team's id was found as that team (which has no
    /// "team"), so a member of another team could move the app to their team and rename it
    /// by putting "apps" before "teams" (the canonical order has "teams" first). Now refused,
    /// whatever the order.
    @Test func anAppNamedLikeATeamIsJudgedAsTheApp() throws {
        let repo = try PolicyTests.makeRepo()
        try PolicyTests.edit(repo, "data/orgs/acme.json") { org in
            org["members"] =
                (org["members"] as! [[String: Any]]) + [
                    [
                        "email": "carol@acme.example", "handle": "carol-gh", "firstName": "Carol", "lastName": "Cook", "role": "team-member",
                        "state": "active", "invitedAt": "2025-01-10T09:05:00Z", "invitedBy": "ann@acme.example",
                        "acceptedAt": "2025-01-11T09:05:00Z",
                    ]
                ]
            var teams = org["teams"] as! [[String: Any]]
            let everyone = try #require(teams.firstIndex { $0["id"] as? String == "everyone" })
            teams[everyone]["members"] = (teams[everyone]["members"] as! [String]) + ["carol@acme.example"]
            org["teams"] = teams
            org["apps"] = [
                [
                    "id": "ops", "name": "Ops console", "team": "ops", "visibility": "team", "shares": [String](),
                    "createdBy": "ann@acme.example", "createdAt": "2025-01-12T09:00:00Z",
                ]
            ]
        }
        // In the canonical order, "teams" before "apps", as the verbs write it.
        #expect(try repo.run(["fmt"]).status == 0)
        #expect(try repo.run(["validate"]).status == 0)
        try repo.commit("an app named like its team")
        let file = repo.url.appendingPathComponent("data/orgs/acme.json")
        var org = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        var app = (org["apps"] as! [[String: Any]])[0]
        (app["team"], app["name"]) = ("everyone", "Stolen")
        org["apps"] = [app]
        // "apps" first, by hand: JSONSerialization sorts keys.
        let apps = try JSONSerialization.data(withJSONObject: ["apps": [app]], options: [.sortedKeys])
        org["apps"] = nil
        let rest = try JSONSerialization.data(withJSONObject: org, options: [.sortedKeys])
        try Data(apps.dropLast() + [UInt8(ascii: ",")] + rest.dropFirst()).write(to: file)
        let run = try repo.run(["check", "--base", "HEAD", "--actor", "@carol-gh"])
        #expect(run.status == 1, "\(run.stdout)")
        #expect(run.stdout.contains("[policy-team-member]"), "\(run.stdout)")
        #expect(run.stdout.contains("/apps[ops]/team"), "\(run.stdout)")
    }

    /// A super admin's new member carries only what `roster member invite` writes: an
    /// "acceptedAt" forged into the invitation passed, and the invitee's plain acceptance later
    /// made it the record of when they accepted (an attacker's review).
    @Test func aNewInvitationCarriesNoAcceptance() throws {
        let repo = try PolicyTests.makeRepo()
        try PolicyTests.addMember(repo, invitedBy: "ann@acme.example")
        #expect(try repo.run(["check", "--base", "HEAD", "--actor", "@ann-gh"]).status == 0, "the invitation as the verb writes it")
        try PolicyTests.editMember(repo, org: "acme", email: "cy@acme.example") { $0["acceptedAt"] = "2020-01-01T00:00:00Z" }
        let run = try repo.run(["check", "--base", "HEAD", "--actor", "@ann-gh"])
        #expect(run.status == 1, "\(run.stdout)")
        #expect(run.stdout.contains("[policy-audit]") && run.stdout.contains("\"acceptedAt\" is not one of them"), "\(run.stdout)")
    }

    /// A change no event of the semantic diff describes (a member's handle, which is who the
    /// gate takes a pull request's author for; a file outside data/) is still in the summary the
    /// provider admin reviews, and the verdict line counts it.
    @Test func theSummaryShowsChangesNoEventDescribes() throws {
        let repo = try PolicyTests.makeRepo()
        try PolicyTests.editMember(repo, org: "acme", email: "bob@acme.example") { $0["handle"] = "mallory-gh" }
        let run = try repo.run(["check", "--base", "HEAD", "--actor", "@ann-gh", "--summary", "summary.md"])
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("check: allowed (0 changes to records, 1 changed path against"), "\(run.stdout)")
        let summary = try String(contentsOf: repo.url.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(summary.contains("### Changed paths (1)"), "\(summary)")
        #expect(summary.contains("data/orgs/acme.json: /members\\[bob@acme.example\\]/handle (added)"), "\(summary)")

        try repo.git("checkout", "-q", "--", ".")
        try PolicyTests.write(repo, "site-templates/page.mustache", "<script>alert(1)</script>")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: repo.url.appendingPathComponent("data/orgs/beta.json").path)
        let admin = try repo.run(["check", "--base", "HEAD", "--actor", "@padmin", "--summary", "summary.md"])
        #expect(admin.status == 0, "\(admin.stdout)")
        let adminSummary = try String(contentsOf: repo.url.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(adminSummary.contains("- data/orgs/beta.json: mode 100644 → 100755"), "\(adminSummary)")
        #expect(adminSummary.contains("- site-templates/page.mustache: added"), "\(adminSummary)")
    }

    /// The audit window starts where the branch left the base; a pull request branched from a
    /// years-old commit of main must not be able to backdate an invitation to then.
    @Test func anOldBranchPointDoesNotOpenTheAuditWindowToThePast() throws {
        let repo = try PolicyTests.makeRepo()
        try Self.git(repo, date: "2019-01-01T00:00:00Z", "commit", "-q", "--amend", "--no-edit")
        try repo.git("branch", "-M", "main")
        try repo.commit("later work on main")
        try repo.git("checkout", "-q", "-b", "pr", "main~1")
        try PolicyTests.addMember(repo, invitedBy: "ann@acme.example", at: "2019-03-01T00:00:00Z")
        let run = try repo.run(["check", "--base", "main", "--actor", "@ann-gh"])
        #expect(run.status == 1, "\(run.stdout)")
        #expect(run.stdout.contains("\"invitedAt\" must be the time of the change"), "\(run.stdout)")
        #expect(run.stdout.contains("[policy-audit]"))
        // An invitation written when a recent branch started is still fine.
        try repo.git("checkout", "-q", "--", ".")
        try PolicyTests.addMember(repo, invitedBy: "ann@acme.example", at: "2026-11-20T10:00:00Z", expiresAt: "2026-12-04T10:00:00Z")
        #expect(try repo.run(["check", "--base", "main", "--actor", "@ann-gh"]).status == 0)
    }

    /// `--actor` lower-cases ASCII only: the Kelvin sign (U+212A) lower-cases to "k", which made
    /// "\u{212A}ate@..." the provider admin kate@....
    @Test func anActorEMailIsNotCaseFoldedIntoSomeoneElses() throws {
        let repo = try Repo()
        try PolicyTests.edit(repo, "data/marketplace.json") { $0["admins"] = ["kate@provider.example"] }
        try repo.commit("kate is the admin")
        try PolicyTests.write(repo, "site-templates/page.mustache", "<script>alert(1)</script>")
        let run = try repo.run(["check", "--base", "HEAD", "--actor", "\u{212A}ate@provider.example"])
        #expect(run.status == 64, "\(run.stdout)\(run.stderr)")
        #expect(try repo.run(["check", "--base", "HEAD", "--actor", "KATE@provider.example"]).status == 0)
    }

    /// A file name is the attacker's text: in the text report it must not start a line of its
    /// own (a GitHub workflow command such as `::error` or `::stop-commands`) or carry escapes.
    @Test func aFileNameCannotForgeAnOutputLine() throws {
        let repo = try PolicyTests.makeRepo()
        try PolicyTests.write(repo, "x\n::error title=forged::all good\u{1B}[2J", "x")
        let run = try repo.run(["check", "--base", "HEAD", "--actor", "@ann-gh"])
        #expect(run.status == 1)
        #expect(!run.stdout.split(separator: "\n").contains { $0.hasPrefix("::") }, "\(run.stdout)")
        #expect(!run.stdout.contains("\u{1B}"))
        #expect(run.stdout.contains("x\\n::error title=forged::all good\\u{1B}[2J:1:1: error: @ann-gh (super admin of acme)"), "\(run.stdout)")
    }

    /// `roster fmt --check` runs before the check on the pull request's checkout (the documented
    /// workflow): an org file whose name holds a line break printed it raw on stderr, so the name
    /// started a line of its own, a workflow command such as `::stop-commands` that silences
    /// the check's annotations.
    @Test func aFileNameCannotForgeALineOfFmt() throws {
        let repo = try PolicyTests.makeRepo()
        let name = "data/orgs/x\n::stop-commands::pwned\u{1B}[2J.json"
        try PolicyTests.write(
            repo, name, String(decoding: try Data(contentsOf: repo.url.appendingPathComponent("data/orgs/beta.json")), as: UTF8.self))
        let run = try repo.run(["fmt", "--check"])
        #expect(run.status == 1)
        let lines = (run.stdout + "\n" + run.stderr).split(separator: "\n")
        #expect(!lines.contains { $0.hasPrefix("::") }, "\(run.stdout)\(run.stderr)")
        #expect(!run.stderr.contains("\u{1B}"))
        #expect(run.stderr.contains("data/orgs/x\\n::stop-commands::pwned\\u{1B}[2J.json: not formatted"), "\(run.stderr)")
    }

    /// A folder replaced by a symbolic link to a folder outside the repository: git sees the
    /// link and the files under it deleted, and so must the comparison; reading through the
    /// link put the outside file's text into the pull-request comment.
    @Test func aFolderReplacedByALinkIsNotReadThrough() throws {
        let repo = try PolicyTests.makeRepo()
        let outside = try copy().appendingPathComponent("data/orgs")
        defer { try? FileManager.default.removeItem(at: outside.deletingLastPathComponent().deletingLastPathComponent()) }
        try PolicyTests.editMember(repo, org: "acme", email: "bob@acme.example") { $0["firstName"] = "RUNNER-SECRET" }
        try FileManager.default.removeItem(at: outside.appendingPathComponent("acme.json"))
        try FileManager.default.moveItem(at: repo.url.appendingPathComponent("data/orgs/acme.json"), to: outside.appendingPathComponent("acme.json"))
        try FileManager.default.removeItem(at: repo.url.appendingPathComponent("data/orgs"))
        try FileManager.default.createSymbolicLink(at: repo.url.appendingPathComponent("data/orgs"), withDestinationURL: outside)
        let run = try repo.run(["check", "--base", "HEAD", "--actor", "@ann-gh", "--summary", "summary.md"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("[policy-symlink]"))
        let summary = try String(contentsOf: repo.url.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(!summary.contains("RUNNER-SECRET"), "\(summary)")
        #expect(summary.contains("- data/orgs/acme.json: deleted"), "\(summary)")
        let diff = try repo.run(["diff"])
        #expect(!diff.stdout.contains("RUNNER-SECRET"), "\(diff.stdout)")
    }

    /// CI runs the check in the pull request's checkout and writes `--summary summary.md` there: a
    /// `summary.md` the pull request commits as a link to a file outside made the gate write the
    /// summary into that file before refusing the link (and the comment step then post the file).
    /// The link is replaced by the summary; a linked folder on the way is refused.
    @Test func aSummaryCommittedAsALinkIsNotWrittenThrough() throws {
        let repo = try PolicyTests.makeRepo()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("roster-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        let secret = outside.appendingPathComponent("runner-file")
        try Data("RUNNER-FILE\n".utf8).write(to: secret)
        try FileManager.default.createSymbolicLink(at: repo.url.appendingPathComponent("summary.md"), withDestinationURL: secret)
        let run = try repo.run(["check", "--base", "HEAD", "--actor", "@ann-gh", "--summary", "summary.md"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("[policy-symlink]"))
        #expect(try String(contentsOf: secret, encoding: .utf8) == "RUNNER-FILE\n")
        let summary = try String(contentsOf: repo.url.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(summary.contains("- summary.md: added (symbolic link)"), "\(summary)")

        try FileManager.default.createSymbolicLink(at: repo.url.appendingPathComponent("reports"), withDestinationURL: outside)
        let linked = try repo.run(["check", "--base", "HEAD", "--actor", "@ann-gh", "--summary", "reports/summary.md"])
        #expect(linked.status == 1)
        #expect(linked.stderr.contains("reports is a symbolic link"), "\(linked.stderr)")
        #expect(!FileManager.default.fileExists(atPath: outside.appendingPathComponent("summary.md").path))
    }

    /// `--base` goes to git after the revision is pinned to a commit; anything else, an option
    /// included, is named in a clear error (exit 1) and nothing is written.
    @Test func aBaseThatIsNoCommitIsNamed() throws {
        let repo = try Repo()
        // Relative to the repository, where git runs: a short name, quoted whole in the message.
        let target = repo.url.appendingPathComponent("out.txt")
        for base in ["--output=out.txt", "HEAD~5", "HEAD^{tree}"] {
            let run = try repo.run(["check", "--base=\(base)", "--actor", "@padmin"])
            #expect(run.status == 1, "\(base): \(run.stderr)")
            #expect(run.stderr.contains("roster: \"\(base)\" is not a commit of this repository"), "\(base): \(run.stderr)")
            #expect(!run.stderr.contains("git fetch origin -"), "no command to copy that passes an option: \(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    /// `--base origin/main` is what CI passes, and git reads a name through refs/tags/ before
    /// refs/remotes/: anyone who may push a tag named `origin/main` chose the base the pull
    /// request was judged against, and so their own role in it (here a commit that lists them
    /// as a provider admin), and renamed another org with `check: allowed`. A name that means
    /// more than one ref (or a ref and an abbreviated commit id) is now refused, naming each.
    @Test func aBaseNameATagCanShadowIsRefused() throws {
        let repo = try PolicyTests.makeRepo()
        try repo.git("update-ref", "refs/remotes/origin/main", "HEAD")
        // The attacker's commit: they are a provider admin in it, and it is tagged origin/main.
        try PolicyTests.edit(repo, "data/marketplace.json") { m in
            m["admins"] = [["email": "admin@provider.example", "handle": "padmin"], ["email": "mallory@evil.example", "handle": "mallory"]]
        }
        try repo.commit("a base of my own")
        try repo.git("tag", "origin/main")
        try PolicyTests.edit(repo, "data/orgs/other-org.json") { $0["name"] = "Owned Org" }
        try repo.commit("rename another org")
        let run = try repo.run(["check", "--base", "origin/main", "--actor", "@mallory"])
        #expect(run.status == 1, "\(run.stdout)")
        #expect(!run.stdout.contains("allowed"), "\(run.stdout)")
        #expect(run.stderr.contains("refs/tags/origin/main") && run.stderr.contains("refs/remotes/origin/main"), "\(run.stderr)")
        // The full name is one ref: judged against the real base, the change is refused by policy.
        let full = try repo.run(["check", "--base", "refs/remotes/origin/main", "--actor", "@mallory"])
        #expect(full.status == 1)
        #expect(full.stdout.contains("@mallory (newcomer) may not change"), "\(full.stdout)")
        // A branch named like an abbreviated commit id is refused too; the id itself reads.
        let commit = try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        try repo.git("branch", String(commit.prefix(8)), "HEAD~2")
        #expect(try repo.run(["check", "--base", String(commit.prefix(8))]).status == 1)
        #expect(try repo.run(["check", "--base", commit]).status == 0)
        #expect(try repo.run(["check", "--base", "HEAD~1", "--actor", "@padmin"]).status == 0)
    }

    /// SECURITY.md: submodules are refused under data/, content/ and site-templates/ for
    /// everyone, provider admins included. A gitlink is checked out as an empty folder (or not
    /// at all), so validation, which reads the working tree, never saw one there: a provider
    /// admin's pull request adding one to each folder got `check: allowed`, even without
    /// --actor. Now each is refused like a symbolic link there, whoever proposes it.
    @Test func aSubmoduleInARecordOrTemplateFolderIsRefusedForEveryone() throws {
        let repo = try PolicyTests.makeRepo()
        let commit = try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        for path in ["data/orgs/vendor", "content/vendor", "site-templates/vendor"] {
            try repo.git("update-index", "--add", "--cacheinfo", "160000,\(commit),\(path)")
            try FileManager.default.createDirectory(at: repo.url.appendingPathComponent(path), withIntermediateDirectories: true)
        }
        try repo.git("commit", "-q", "-m", "submodules")
        for actor in [["--actor", "@padmin"], []] {
            let run = try repo.run(["check", "--base", "HEAD~1"] + actor)
            #expect(run.status == 1, "\(actor): \(run.stdout)")
            for path in ["data/orgs/vendor", "content/vendor", "site-templates/vendor"] {
                #expect(run.stdout.contains("\(path):1:1: error: a submodule"), "\(actor): \(run.stdout)")
            }
        }
        // Elsewhere a provider admin may add one (policy refuses it for everyone else).
        try repo.git("rm", "-q", "--cached", "data/orgs/vendor", "content/vendor", "site-templates/vendor")
        try repo.git("update-index", "--add", "--cacheinfo", "160000,\(commit),vendor/tool")
        try FileManager.default.createDirectory(at: repo.url.appendingPathComponent("vendor/tool"), withIntermediateDirectories: true)
        try repo.git("commit", "-q", "-m", "a submodule outside")
        #expect(try repo.run(["check", "--base", "HEAD~2", "--actor", "@padmin"]).status == 0)
        #expect(try repo.run(["check", "--base", "HEAD~2", "--actor", "@ann-gh"]).status == 1)
    }

    /// `roster check` knows the day, not the hour: an invitation that expired at 00:00:01 today
    /// was refused by `roster member activate` at 10:00 but accepted by pull request all day,
    /// though both are said to judge the expiry alike. The check cannot tell whether an
    /// expiry during its day has passed, so it fails closed: expiring today counts as expired.
    @Test func anInvitationThatExpiredEarlierTodayIsNotAcceptedByPullRequest() throws {
        let repo = try PolicyTests.makeRepo()
        for (expires, refused) in [("2026-11-23T00:00:01Z", true), ("2026-11-24T00:00:00Z", false)] {
            try repo.git("checkout", "-q", "--", ".")
            try PolicyTests.editMember(repo, org: "acme", email: "bob@acme.example") { $0["expiresAt"] = expires }
            try repo.commit("bob's invitation expires at \(expires)")
            let (run, verb) = try PolicyTests.acceptBobsInvitation(repo)
            #expect((verb.status != 0) == refused, "\(expires): \(verb.stderr)")
            #expect((run.status == 1) == refused, "\(expires): \(run.stdout)")
            #expect(run.stdout.contains("[invitation-expired]") == refused, "\(expires): \(run.stdout)")
        }
    }

    /// A registration backdated consistently (every timestamp the same, long ago) is refused at
    /// its "createdAt" value, not at 1:1.
    @Test func aBackdatedRegistrationIsLocatedAtItsCreatedAt() throws {
        let repo = try PolicyTests.makeRepo()
        var env = fixedEnvironment
        env["ROSTER_ACTOR"] = "nina@newco.example"
        env["ROSTER_NOW"] = "2020-01-01T00:00:00Z"
        let register = try roster(
            ["org", "register", "Newco", "--email", "nina@newco.example", "--first", "Nina", "--last", "N"], in: repo.url, environment: env)
        #expect(register.status == 0, "\(register.stderr)")
        let run = try repo.run(["check", "--base", "HEAD", "--actor", "nina@newco.example"])
        #expect(run.status == 1)
        let text = try String(contentsOf: repo.url.appendingPathComponent("data/orgs/newco.json"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains("\"createdAt\"") }) + 1
        let column = lines[line - 1].distance(from: lines[line - 1].startIndex, to: lines[line - 1].range(of: "\"2020-")!.lowerBound) + 1
        #expect(
            run.stdout.contains("data/orgs/newco.json:\(line):\(column): error: nina@newco.example (newcomer) may not change /createdAt"),
            "\(run.stdout)")
        #expect(run.stdout.contains("[policy-audit]"))
    }

    /// Bytes that change no field (white space, key order, escapes) are a change no row of the
    /// table allows: a newcomer, another org's super admin or a member rewrote an org's file
    /// so (a megabyte of spaces, a name spelt with an escape) and was allowed with "0 changes
    /// to records". Refused at the first byte that differs; a provider admin may.
    @Test func bytesThatChangeNoFieldAreRefused() throws {
        let repo = try PolicyTests.makeRepo()
        let file = repo.url.appendingPathComponent("data/orgs/acme.json")
        let base = try String(contentsOf: file, encoding: .utf8)
        let lines = base.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains("\"Acme\"") })
        let column = lines[line].distance(from: lines[line].startIndex, to: lines[line].range(of: "Acme")!.lowerBound) + 1
        let escaped = base.replacingOccurrences(of: "\"Acme\"", with: "\"\\u0041cme\"")
        try Data((escaped + String(repeating: " ", count: 1_000_000)).utf8).write(to: file)
        for actor in ["@stranger", "olga@other.example", "bob@acme.example", "ann@acme.example"] {
            let run = try repo.run(["check", "--base", "HEAD", "--actor", actor])
            #expect(run.status == 1, "\(actor): \(run.stdout)")
            #expect(run.stdout.contains("data/orgs/acme.json:\(line + 1):\(column): error: \(actor) ("), "\(actor): \(run.stdout)")
            #expect(run.stdout.contains("none of its fields"), "\(actor): \(run.stdout)")
        }
        #expect(try repo.run(["check", "--base", "HEAD", "--actor", "admin@provider.example"]).status == 0)
    }

    /// A newcomer's org is what `roster org register` writes under the id its file is named
    /// after: the policy took the file's own "id", so `newco.json` claiming the id of an
    /// existing org passed it, and only validation's id-filename rule refused the change.
    @Test func aRegistrationClaimingAnotherIdIsRefusedByPolicy() throws {
        let repo = try PolicyTests.makeRepo()
        var env = fixedEnvironment
        env["ROSTER_ACTOR"] = "nina@newco.example"
        let register = try roster(
            ["org", "register", "Newco", "--email", "nina@newco.example", "--first", "Nina", "--last", "N"], in: repo.url, environment: env)
        #expect(register.status == 0, "\(register.stderr)")
        let file = repo.url.appendingPathComponent("data/orgs/newco.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\"id\": \"newco\"", with: "\"id\": \"acme\"").utf8).write(to: file)
        let run = try repo.run(["check", "--base", "HEAD", "--actor", "nina@newco.example"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("nina@newco.example (newcomer) may add only the org"), "\(run.stdout)")
        #expect(run.stdout.contains("/id differs (modified) [policy-newcomer]"), "\(run.stdout)")
    }

    /// A registration is what `roster org register` writes byte for byte: judged field by
    /// field, anyone could add an org file padded with a megabyte of white space (or spelt with
    /// escapes) that no summary shows the reviewer, and be allowed. Refused where the bytes
    /// first differ; the file register wrote passes.
    @Test func aRegistrationIsTheBytesRegisterWrites() throws {
        let repo = try PolicyTests.makeRepo()
        var env = fixedEnvironment
        env["ROSTER_ACTOR"] = "nina@newco.example"
        let register = try roster(
            ["org", "register", "Newco", "--email", "nina@newco.example", "--first", "Nina", "--last", "N", "--handle", "nina-gh"], in: repo.url,
            environment: env)
        #expect(register.status == 0, "\(register.stderr)")
        #expect(try repo.run(["check", "--base", "HEAD", "--actor", "@nina-gh"]).status == 0)
        let file = repo.url.appendingPathComponent("data/orgs/newco.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.hasPrefix("{"))
        try Data(("{" + String(repeating: " ", count: 1_000_000) + text.dropFirst()).utf8).write(to: file)
        let run = try repo.run(["check", "--base", "HEAD", "--actor", "@nina-gh"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("data/orgs/newco.json:1:2: error: @nina-gh (newcomer) may add only the bytes"), "\(run.stdout)")
        #expect(run.stdout.contains("[policy-newcomer]"), "\(run.stdout)")
        try Data(text.utf8).write(to: file)
        #expect(try repo.run(["check", "--base", "HEAD", "--actor", "@nina-gh"]).status == 0)
    }

    /// A newcomer known by a handle proves no address: a registration giving a provider
    /// admin's address was allowed, and the portal, the e-mails and the SCIM export then showed
    /// that admin as its requester. Refused at the address; another address passes.
    @Test func aNewcomerMayNotRegisterWithAProviderAdminsAddress() throws {
        let repo = try PolicyTests.makeRepo()
        for (email, refused) in [("Admin@provider.example", true), ("mallory@evil.example", false)] {
            try repo.git("checkout", "-q", "--", ".")
            try repo.git("clean", "-q", "-fd", "data")
            var env = fixedEnvironment
            env["ROSTER_ACTOR"] = email.lowercased()
            let register = try roster(
                ["org", "register", "Evil Co", "--email", email.lowercased(), "--first", "Mal", "--last", "Lory", "--handle", "mallory"],
                in: repo.url,
                environment: env)
            #expect(register.status == 0, "\(register.stderr)")
            let run = try repo.run(["check", "--base", "HEAD", "--actor", "@mallory"])
            #expect((run.status == 1) == refused, "\(email): \(run.stdout)")
            #expect(run.stdout.contains("a provider admin's address") == refused, "\(run.stdout)")
            if refused { #expect(run.stdout.contains("data/orgs/evil-co.json:"), "\(run.stdout)") }
        }
    }

    /// A deleted org's id keeps its history (the portal's history of an org is `git log` of its
    /// file): a newcomer registering under it took that history as their own. Refused; under
    /// another id the same registration passes.
    @Test func aNewcomerMayNotRegisterUnderADeletedOrgsId() throws {
        let repo = try PolicyTests.makeRepo()
        #expect(try repo.run(["org", "delete", "other-org", "--confirm", "Other Org"]).status == 0)
        try repo.commit("other org deleted")
        for (id, refused) in [("other-org", true), ("other-org-2", false)] {
            try repo.git("checkout", "-q", "--", ".")
            try repo.git("clean", "-q", "-fd", "data")
            var env = fixedEnvironment
            env["ROSTER_ACTOR"] = "nina@newco.example"
            let register = try roster(
                ["org", "register", "Other Org", "--id", id, "--email", "nina@newco.example", "--first", "Nina", "--last", "N"], in: repo.url,
                environment: env)
            #expect(register.status == 0, "\(register.stderr)")
            let run = try repo.run(["check", "--base", "HEAD", "--actor", "nina@newco.example"])
            #expect((run.status == 1) == refused, "\(id): \(run.stdout)")
            #expect(run.stdout.contains("was deleted (data/deletions/other-org.json)") == refused, "\(run.stdout)")
        }
    }

    /// An invitation sent at a leap second (`10:00:60Z`, RFC 3339 and validation allow it)
    /// without `expiresAt` had no expiry the check or `roster member activate` could compute,
    /// and both took "cannot tell" for "not expired": accepted two years later. It expires as
    /// any other; an expiry that still cannot be read is refused by the check.
    @Test func anInvitationSentAtALeapSecondStillExpires() throws {
        let repo = try PolicyTests.makeRepo()
        try PolicyTests.editMember(repo, org: "acme", email: "bob@acme.example") { $0["invitedAt"] = "2024-12-31T23:59:60Z" }
        try repo.commit("bob invited at a leap second, before invitations expired")
        #expect(try repo.run(["validate"]).status == 0)
        let (run, verb) = try PolicyTests.acceptBobsInvitation(repo)
        #expect(run.status == 1, "\(run.stdout)")
        #expect(run.stdout.contains("[invitation-expired]"), "\(run.stdout)")
        #expect(verb.status != 0, "\(verb.stderr)")
        #expect(verb.stderr.contains("expired at 2025-01-15T00:00:00Z"), "\(verb.stderr)")
    }
}
