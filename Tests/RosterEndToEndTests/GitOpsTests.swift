import Foundation
import Testing

/// `roster diff`, `check` and `notify` on real git repositories built in temporary folders.
@Suite struct GitOpsTests {
    /// A copy of the base fixture in a new git repository with one commit.
    final class Repo {
        let url: URL
        init() throws {
            url = try copy()
            try FileManager.default.copyItem(
                at: packageRoot.appendingPathComponent("site-templates"), to: url.appendingPathComponent("site-templates"))
            try git("init", "-q")
            try commit("base")
        }
        deinit { try? FileManager.default.removeItem(at: url) }

        @discardableResult
        func git(_ args: String...) throws -> String {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git", "-C", url.path, "-c", "user.email=ci@provider.example", "-c", "user.name=CI"] + args
            // Commits dated like the fixed clock of the runs, so audit times fall in the window
            // `roster check` accepts whatever day the tests run on.
            p.environment = ProcessInfo.processInfo.environment.merging([
                "GIT_AUTHOR_DATE": "2026-11-23T09:00:00Z", "GIT_COMMITTER_DATE": "2026-11-23T09:00:00Z",
            ]) { $1 }
            p.standardError = FileHandle.nullDevice
            return String(decoding: try output(of: p), as: UTF8.self)
        }

        func commit(_ message: String) throws {
            try git("add", "-A")
            try git("commit", "-q", "--allow-empty", "-m", message)
        }

        @discardableResult
        func run(_ args: [String], actor: String = "admin@provider.example") throws -> RosterRun {
            var env = fixedEnvironment
            env["ROSTER_ACTOR"] = actor
            return try roster(args, in: url, environment: env)
        }

        /// Runs a verb that must succeed.
        func change(_ args: String...) throws {
            let r = try run(Array(args))
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
    }

    @Test func diffReportsEventsInThreeFormats() throws {
        let repo = try Repo()
        try repo.change("member", "invite", "acme", "cy@acme.example", "--first", "Cy", "--last", "Cole", "--role", "team-member")
        try repo.change("org", "approve", "beta", "--name", "Beta Corporation")
        try repo.change("share", "create", "Second feed")
        try repo.change("share", "add-org", "second-feed", "acme", "--until", "2027-12-31")
        try repo.change("org", "disable", "acme")

        let text = try repo.run(["diff"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("+ member cy@acme.example invited to acme as team-member"))
        #expect(text.stdout.contains("~ org beta approved"))
        #expect(text.stdout.contains("~ org beta renamed from \"Beta Corp\" to \"Beta Corporation\""))
        #expect(text.stdout.contains("+ share second-feed created (Second feed)"))
        #expect(text.stdout.contains("+ org acme linked to share second-feed until 2027-12-31"))
        #expect(text.stdout.contains("~ org acme disabled"))

        let markdown = try repo.run(["diff", "--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("**roster**: "))
        #expect(markdown.stdout.contains("### Orgs ("))
        #expect(markdown.stdout.contains("| member.invited | acme | cy@acme.example |  | team-member |"))
        #expect(markdown.stdout.contains("### Warnings"), "a disabled org still linked to shares is a warning")

        let json = try repo.run(["diff", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let events = try #require(object["events"] as? [[String: Any]])
        #expect(events.contains { $0["kind"] as? String == "org.approved" && $0["org"] as? String == "beta" })
        #expect((object["counts"] as? [String: Int])?["shares"] == 2)
        #expect(object["head"] is NSNull)

        #expect(try repo.run(["diff", "--exit-code"]).status == 2)
        try repo.commit("changes")
        #expect(try repo.run(["diff", "--exit-code"]).status == 0)
        let between = try repo.run(["diff", "HEAD~1", "HEAD", "--format", "json"])
        #expect(between.stdout.contains("\"kind\": \"org.disabled\""))
        #expect(try repo.run(["diff", "no-such-rev"]).status == 1)
    }

    @Test func membersRemovedBeyondTheFractionAreRefusedUnlessOverridden() throws {
        let repo = try Repo()
        for k in 1...7 {
            try repo.change("member", "invite", "acme", "m\(k)@acme.example", "--first", "M", "--last", "\(k)", "--role", "team-member")
        }
        try repo.commit("nine members")
        // Two of nine (22%) is under the 25% limit.
        try repo.change("member", "remove", "acme", "m1@acme.example")
        try repo.change("member", "remove", "acme", "m2@acme.example")
        #expect(try repo.run(["check", "--base", "HEAD"]).status == 0)
        // Three of nine (33%) is over.
        try repo.change("member", "remove", "acme", "m3@acme.example")
        let over = try repo.run(["check", "--base", "HEAD"])
        #expect(over.status == 1)
        #expect(over.stdout.contains("removes 3 of the 9 members of acme, more than 25%"))
        #expect(over.stdout.contains("[guard-member-removal]"))
        #expect(try repo.run(["check", "--base", "HEAD", "--allow-mass-removal"]).status == 0)
    }

    @Test func orgDeletionsAreGuarded() throws {
        let repo = try Repo()
        for name in ["Org One", "Org Two", "Org Three", "Org Four", "Org Five", "Org Six"] { try repo.change("org", "create", name) }
        try repo.commit("eight orgs")
        try repo.change("org", "delete", "org-one", "--confirm", "Org One")
        #expect(try repo.run(["check", "--base", "HEAD"]).status == 0, "one deletion, confirmed")
        try repo.change("org", "delete", "org-two", "--confirm", "Org Two")
        try repo.change("org", "delete", "org-three", "--confirm", "Org Three")
        let over = try repo.run(["check", "--base", "HEAD"])
        #expect(over.status == 1)
        #expect(over.stdout.contains("deletes 3 of 8 orgs, more than 25%"))
        #expect(try repo.run(["check", "--base", "HEAD", "--allow-mass-removal"]).status == 0)
        // A deletion by hand, without the record `org delete` writes, is refused even with the override.
        try FileManager.default.removeItem(at: repo.url.appendingPathComponent("data/orgs/org-four.json"))
        let unconfirmed = try repo.run(["check", "--base", "HEAD", "--allow-mass-removal"])
        #expect(unconfirmed.status == 1)
        #expect(unconfirmed.stdout.contains("org-four is deleted without the confirmation"))
        #expect(unconfirmed.stdout.contains("[guard-delete-confirmation]"))
    }

    @Test func shareConsumersRemovedBeyondTheFractionAreRefused() throws {
        let repo = try Repo()
        for name in ["Org One", "Org Two", "Org Three"] {
            try repo.change("org", "create", name)
            try repo.change("share", "add-org", "feed", name.lowercased().replacingOccurrences(of: " ", with: "-"))
        }
        try repo.commit("four consumers")
        try repo.change("share", "remove-org", "feed", "org-one")
        #expect(try repo.run(["check", "--base", "HEAD"]).status == 0)
        try repo.change("share", "remove-org", "feed", "org-two")
        let over = try repo.run(["check", "--base", "HEAD"])
        #expect(over.status == 1)
        #expect(over.stdout.contains("[guard-consumer-removal]"))
        #expect(try repo.run(["check", "--base", "HEAD", "--allow-mass-removal"]).status == 0)
    }

    @Test func policyAllowsAndRefusesEachRole() throws {
        let repo = try Repo()
        try repo.change("org", "create", "Other Org")
        try repo.change("member", "invite", "other-org", "olga@other.example", "--first", "Olga", "--last", "O", "--role", "super-admin")
        try repo.change("member", "activate", "other-org", "olga@other.example")
        try repo.commit("another org")

        // A super admin changes the members of their own org: allowed; another org: refused.
        #expect(
            try repo.run(
                ["member", "invite", "acme", "cy@acme.example", "--first", "Cy", "--last", "Cole", "--role", "team-member"], actor: "ann@acme.example"
            ).status == 0)
        #expect(try repo.run(["check", "--base", "HEAD", "--actor", "ann@acme.example"]).status == 0)
        #expect(try repo.run(["check", "--base", "HEAD", "--actor", "admin@provider.example"]).status == 0)
        let other = try repo.run(["check", "--base", "HEAD", "--actor", "olga@other.example"])
        #expect(other.status == 1)
        #expect(
            other.stdout.contains(
                "data/orgs/acme.json:27:5: error: olga@other.example (super admin of other-org) may not change /members[cy@acme.example] (added)"))
        #expect(other.stdout.contains("[policy-own-org]"))
        // A team member (or invitee) may change only their own entry.
        let member = try repo.run(["check", "--base", "HEAD", "--actor", "bob@acme.example"])
        #expect(member.status == 1)
        #expect(member.stdout.contains("[policy-team-member]"))
        try repo.git("checkout", "-q", "--", ".")
        try repo.git("clean", "-qfd")

        // A super admin may not disable their own org (only members and teams).
        try repo.change("org", "disable", "acme")
        #expect(try repo.run(["check", "--base", "HEAD", "--actor", "ann@acme.example"]).status == 1)
        try repo.git("checkout", "-q", "--", ".")

        // A newcomer may request a registration for themselves, and nothing else.
        try repo.change("org", "register", "Newco", "--email", "nina@newco.example", "--first", "Nina", "--last", "N")
        #expect(try repo.run(["check", "--base", "HEAD", "--actor", "nina@newco.example"]).status == 0)
        let stranger = try repo.run(["check", "--base", "HEAD", "--actor", "someone@else.example"])
        #expect(stranger.status == 1)
        #expect(stranger.stdout.contains("[policy-newcomer]"))
    }

    @Test func checkWritesASummaryAndAnnotations() throws {
        let repo = try Repo()
        try repo.change("member", "invite", "acme", "cy@acme.example", "--first", "Cy", "--last", "Cole", "--role", "team-member")
        let summary = repo.url.appendingPathComponent("summary.md")
        let run = try repo.run(["check", "--base", "HEAD", "--actor", "bob@acme.example", "--format", "github", "--summary", summary.path])
        #expect(run.status == 1)
        #expect(
            run.stdout.contains(
                "::error file=data/orgs/acme.json,line=27,col=5,title=policy-team-member::bob@acme.example (invitee of acme) may not change"))
        let text = try String(contentsOf: summary, encoding: .utf8)
        #expect(text.contains("| member.invited | acme | cy@acme.example |"))
        #expect(text.contains("### Check: refused"))
    }

    @Test func invalidHeadIsRefused() throws {
        let repo = try Repo()
        try Data("{ broken".utf8).write(to: repo.url.appendingPathComponent("data/orgs/acme.json"))
        let run = try repo.run(["check", "--base", "HEAD"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("data/orgs/acme.json:1:3: error:"))
    }
}
