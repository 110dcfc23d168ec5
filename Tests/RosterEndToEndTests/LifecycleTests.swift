import Foundation
import Testing

/// Every step of the seeds' consumer lifecycle that issue 11 adds, acted out through the real
/// binary on real git repositories: by the CLI, then by pull request checked with `roster check
/// --actor` of the right person, and the e-mails `roster notify` sends (read by Python's email).
@Suite struct LifecycleTests {
    typealias Repo = GitOpsTests.Repo

    /// The environment of a run at another moment than the fixed clock.
    static func at(_ now: String, actor: String) -> [String: String] {
        ["ROSTER_TODAY": String(now.prefix(10)), "ROSTER_NOW": now, "ROSTER_ACTOR": actor]
    }

    static func mails(_ repo: Repo, _ name: String, base: String = "HEAD~1") throws -> [NotifyTests.Mail] {
        let outbox = repo.url.deletingLastPathComponent().appendingPathComponent("\(repo.url.lastPathComponent)-\(name)")
        let run = try repo.run(["notify", "--base", base, "--outbox", outbox.path])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        return try NotifyTests.read(outbox).sorted { $0.key < $1.key }.map(\.value)
    }

    static func event(_ mails: [NotifyTests.Mail], _ kind: String) -> [NotifyTests.Mail] {
        mails.filter { $0.headers["X-Roster-Event"] == kind }
    }

    /// Tyk steps 3 and 4: a super admin invites by pull request; the e-mail says how to accept;
    /// the invitee accepts in a pull request of their own; an expired invitation is refused
    /// until it is re-sent.
    @Test func anInvitationExpiresIsResentAndIsAcceptedByPullRequest() throws {
        let repo = try PolicyTests.makeRepo()
        try repo.change("settings", "set", "portal.editURL", "https://git.example/roster/-/edit/main/")
        try repo.commit("edit links")
        let invite = try repo.run(
            [
                "member", "invite", "acme", "cy@acme.example", "--first", "Cy", "--last", "Cole",
                "--role", "team-member", "--handle", "cy-gh",
            ], actor: "ann@acme.example")
        #expect(invite.status == 0, "\(invite.stderr)")
        #expect(try repo.run(["check", "--base", "HEAD", "--actor", "@ann-gh"]).status == 0)
        try repo.commit("invite cy")
        let invitation = try #require(Self.event(try Self.mails(repo, "invite"), "member.invited").first)
        #expect(invitation.headers["Subject"] == "Ann Archer invited you to Acme on Fixture Provider")
        for needle in [
            "The invitation expires on 2026-12-07 10:00 UTC", "https://git.example/roster/-/edit/main/data/orgs/acme.json",
            "roster member activate acme cy@acme.example", "roster check --actor @YOUR-LOGIN",
        ] {
            #expect(invitation.text.contains(needle), "\(needle) in \(invitation.text)")
        }

        // Two weeks and a day later the invitation has expired: accepting is refused.
        let late = Self.at("2026-12-08T10:00:00Z", actor: "cy@acme.example")
        let validate = try roster(["validate"], in: repo.url, environment: late)
        #expect(validate.status == 1)
        #expect(
            validate.stdout.contains(
                "the invitation of cy@acme.example expired on 2026-12-07; send a new one (`roster member resend acme cy@acme.example`)"))
        let refused = try roster(["member", "activate", "acme", "cy@acme.example"], in: repo.url, environment: late)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("expired at 2026-12-07T10:00:00Z"))
        #expect(try repo.git("status", "--porcelain").isEmpty)
        // Accepted by hand anyway: the pull request is refused.
        try PolicyTests.editMember(repo, org: "acme", email: "cy@acme.example") { $0["state"] = "active" }
        let sneaky = try roster(["check", "--base", "HEAD", "--actor", "@cy-gh"], in: repo.url, environment: late)
        #expect(sneaky.status == 1)
        #expect(sneaky.stdout.contains("[invitation-expired]"))
        try repo.git("checkout", "-q", "--", ".")

        // The super admin re-sends it (dry run first), by pull request.
        let superAdmin = Self.at("2026-12-08T10:00:00Z", actor: "ann@acme.example")
        let dry = try roster(["member", "resend", "acme", "cy@acme.example", "--dry-run"], in: repo.url, environment: superAdmin)
        #expect(dry.status == 0 && dry.stdout.contains("\"expiresAt\": \"2026-12-22T10:00:00Z\"") && dry.stdout.contains("dry run: nothing written"))
        #expect(try repo.git("status", "--porcelain").isEmpty)
        #expect(try roster(["member", "resend", "acme", "cy@acme.example"], in: repo.url, environment: superAdmin).status == 0)
        let resendCheck = try roster(["check", "--base", "HEAD", "--actor", "@ann-gh"], in: repo.url, environment: superAdmin)
        #expect(resendCheck.status == 0, "\(resendCheck.stdout)")
        // The invitee may not re-send their own invitation.
        #expect(try roster(["check", "--base", "HEAD", "--actor", "@cy-gh"], in: repo.url, environment: superAdmin).status == 1)
        try repo.commit("resend")
        let resent = try #require(Self.event(try Self.mails(repo, "resend"), "member.invitation-resent").first)
        #expect(resent.headers["To"] == "Cy Cole <cy@acme.example>")
        #expect(resent.text.contains("It expires on 2026-12-22 10:00 UTC") && resent.text.contains("roster member activate acme cy@acme.example"))

        // The invitee accepts in their own pull request; acceptedAt records when.
        let accept = Self.at("2026-12-09T08:00:00Z", actor: "cy@acme.example")
        #expect(try roster(["member", "activate", "acme", "cy@acme.example"], in: repo.url, environment: accept).status == 0)
        let acceptCheck = try roster(["check", "--base", "HEAD", "--actor", "@cy-gh"], in: repo.url, environment: accept)
        #expect(acceptCheck.status == 0, "\(acceptCheck.stdout)")
        #expect(
            try String(contentsOf: repo.url.appendingPathComponent("data/orgs/acme.json"), encoding: .utf8).contains(
                "\"acceptedAt\": \"2026-12-09T08:00:00Z\""))
        // A forged acceptance time is not what the verb writes.
        try PolicyTests.editMember(repo, org: "acme", email: "cy@acme.example") { $0["acceptedAt"] = "2020-01-01T00:00:00Z" }
        #expect(try roster(["check", "--base", "HEAD", "--actor", "@cy-gh"], in: repo.url, environment: accept).stdout.contains("[policy-audit]"))
    }

    /// Tyk's admin settings, changed with a verb instead of a hand edit, by the provider only.
    @Test func settingsAreShownAndChangedThroughTheChangeEngine() throws {
        let repo = try Repo()
        let show = try repo.run(["settings", "show"])
        #expect(show.status == 0)
        #expect(show.stdout.contains("invitations.expireAfterDays") && show.stdout.contains("14  (default)"))
        #expect(show.stdout.contains("guards.maxRemovalFraction") && show.stdout.contains("0.25  (default)"))
        let before = try snapshot(repo.url)
        let dry = try repo.run(["settings", "set", "registration.autoApprove", "true", "--dry-run"])
        #expect(dry.status == 0 && dry.stdout.contains("+    \"autoApprove\": true"))
        let typo = try repo.run(["settings", "set", "registration.autoAprove", "true"])
        #expect(typo.status == 64 && typo.stderr.contains("did you mean \"registration.autoApprove\"? The keys are registration.enabled"))
        let bad = try repo.run(["settings", "set", "invitations.expireAfterDays", "forever"])
        #expect(bad.status == 1 && bad.stderr.contains("a whole number of days from 1 to 365"))
        #expect(try snapshot(repo.url) == before)
        try repo.change("settings", "set", "registration.autoApprove", "true")
        try repo.change("settings", "set", "invitations.expireAfterDays", "7")
        #expect(try repo.run(["fmt", "--check"]).status == 0)
        #expect(try repo.run(["settings", "show"]).stdout.contains("7  (default: 14)"))
        #expect(try repo.run(["check", "--base", "HEAD", "--actor", "admin@provider.example"]).status == 0)
        let superAdmin = try repo.run(["check", "--base", "HEAD", "--actor", "ann@acme.example"])
        #expect(superAdmin.status == 1 && superAdmin.stdout.contains("data/marketplace.json"))
        try repo.commit("settings")
        // The next invitation expires after the new number of days.
        try repo.change("member", "invite", "acme", "cy@acme.example", "--first", "Cy", "--last", "Cole", "--role", "team-member")
        #expect(
            try String(contentsOf: repo.url.appendingPathComponent("data/orgs/acme.json"), encoding: .utf8).contains(
                "\"expiresAt\": \"2026-11-30T10:00:00Z\""))
    }

    /// Bobsled 4.2: "type a unique name and select Create new" from the share's page.
    @Test func aShareCreatesAndLinksANewOrg() throws {
        let repo = try Repo()
        for bad in [
            ["share", "add-org", "feed"], ["share", "add-org", "feed", "acme", "--new-org", "X"], ["share", "add-org", "feed", "acme", "--id", "x"],
        ] {
            #expect(try repo.run(bad).status == 64, "\(bad)")
        }
        #expect(try repo.run(["share", "add-org", "feed", "--new-org", "acme"]).stderr.contains("an org with id \"acme\" exists already"))
        let dry = try repo.run(["share", "add-org", "feed", "--new-org", "Soylent Analytics", "--until", "2027-06-30", "--dry-run"])
        #expect(dry.stdout.contains("would create data/orgs/soylent-analytics.json") && dry.stdout.contains("would change data/shares/feed.json"))
        #expect(try repo.git("status", "--porcelain").isEmpty)
        try repo.change("share", "add-org", "feed", "--new-org", "Soylent Analytics", "--until", "2027-06-30")
        let diff = try repo.run(["diff"]).stdout
        #expect(
            diff.contains("org soylent-analytics created (Soylent Analytics)")
                && diff.contains("org soylent-analytics linked to share feed until 2027-06-30"))
        #expect(try repo.run(["check", "--base", "HEAD", "--actor", "admin@provider.example"]).status == 0)
        #expect(try repo.run(["check", "--base", "HEAD", "--actor", "nina@newco.example"]).status == 1)
        let batch = #"[{"op": "share.add-org", "share": "feed", "new-org": "Initech"}]"#
        #expect(try roster(["apply", "-"], in: repo.url, input: Data(batch.utf8)).status == 0)
        #expect(FileManager.default.fileExists(atPath: repo.url.appendingPathComponent("data/orgs/initech.json").path))
    }

    /// Amplify: an org's end date. Validation warns ahead and reports it expired, diff and
    /// notify report it, the portal shows it, and only the provider sets it.
    @Test func anOrgEndsOnItsEndDate() throws {
        let repo = try Repo()
        #expect(try repo.run(["org", "set-until", "acme", "2026-11-01"]).stderr.contains("in the past"))
        let dry = try repo.run(["org", "set-until", "acme", "2026-12-10", "--dry-run"])
        #expect(dry.stdout.contains("+  \"until\": \"2026-12-10\","))
        try repo.change("org", "set-until", "acme", "2026-12-10")
        let validate = try repo.run(["validate"])
        #expect(
            validate.status == 0 && validate.stdout.contains("acme expires on 2026-12-10, in 17 days") && validate.stdout.contains("[org-expiring]"))
        #expect(try repo.run(["diff"]).stdout.contains("org acme end date: none -> 2026-12-10"))
        #expect(try repo.run(["check", "--base", "HEAD", "--actor", "ann@acme.example"]).stdout.contains("/until (added)"))
        #expect(try repo.run(["check", "--base", "HEAD", "--actor", "admin@provider.example"]).status == 0)
        try repo.commit("acme ends")
        let mails = try Self.mails(repo, "until")
        #expect(Self.event(mails, "org.end-changed").map { $0.headers["To"] ?? "" } == ["Ann Archer <ann@acme.example>"])
        let reminder = try #require(Self.event(mails, "org.expiring").first)
        #expect(reminder.headers["Subject"] == "Acme expires on 2026-12-10 on Fixture Provider" && reminder.text.contains("in 17 days"))
        // After the date: a warning, not an error; the portal shows the org as expired.
        let after = try roster(["validate"], in: repo.url, environment: Self.at("2026-12-10T00:00:00Z", actor: "admin@provider.example"))
        #expect(after.status == 0 && after.stdout.contains("[org-expired]"))
        let build = try roster(
            ["build", "--today", "2026-12-10"], in: repo.url, environment: Self.at("2026-12-10T00:00:00Z", actor: "admin@provider.example"))
        #expect(build.status == 0, "\(build.stderr)")
        let page = try String(contentsOf: repo.url.appendingPathComponent("_site/orgs/acme/index.html"), encoding: .utf8)
        #expect(page.contains("expired on <time>2026-12-10</time>"))
        try repo.change("org", "set-until", "acme", "none")
        #expect(try repo.run(["diff"]).stdout.contains("org acme end date: 2026-12-10 -> none"))
    }

    /// Tyk step 5: "when any team member creates an application, all other team members can
    /// access it". A member of the team creates it by pull request; the team hears of it.
    @Test func aTeamMemberSharesAnAppWithTheirTeam() throws {
        let repo = try Repo()
        try repo.change("member", "activate", "acme", "bob@acme.example")
        try repo.change("team", "create", "acme", "Data")
        try repo.commit("bob is active; a team without bob")
        let before = try snapshot(repo.url)
        for (args, status, message) in [
            (["app", "create", "acme", "Dash", "--team", "nope"], Int32(1), "has no team"),
            (["app", "create", "acme", "Dash", "--team", "ops", "--share", "other"], 1, "no share"),
            (["app", "create", "acme", "Dash", "--team", "ops", "--visibility", "public"], 64, "visibility"),
            (["app", "delete", "acme", "dash"], 1, "has no app"),
        ] {
            let run = try repo.run(args, actor: "bob@acme.example")
            #expect(run.status == status && run.stderr.contains(message), "\(args): \(run.stderr)")
        }
        #expect(
            try repo.run(["app", "create", "acme", "Dash", "--team", "ops", "--dry-run"], actor: "bob@acme.example").stdout.contains(
                "+      \"createdBy\": \"bob@acme.example\","))
        #expect(try snapshot(repo.url) == before)
        let create = try repo.run(["app", "create", "acme", "Dash", "--team", "ops", "--share", "feed"], actor: "bob@acme.example")
        #expect(create.status == 0 && create.stdout.contains("credentials live in the gateway under acme/dash"))
        #expect(try repo.run(["check", "--base", "HEAD", "--actor", "bob@acme.example"]).status == 0)
        #expect(try repo.run(["diff"]).stdout.contains("app acme/dash created for team ops"))
        try repo.commit("bob's app")
        let created = try #require(Self.event(try Self.mails(repo, "app"), "app.created").first)
        #expect(created.headers["To"] == "Bob Baker <bob@acme.example>" && created.text.contains("acme/dash"))

        // Bob is not in team data: an app of that team is not his to create.
        try repo.change("app", "create", "acme", "Lake", "--team", "data")
        let outsider = try repo.run(["check", "--base", "HEAD", "--actor", "bob@acme.example"])
        #expect(outsider.status == 1 && outsider.stdout.contains("apps of a team they belong to"))
        try repo.git("checkout", "-q", "--", ".")
        try repo.change("app", "remove-share", "acme", "dash", "feed")
        try repo.change("app", "add-share", "acme", "dash", "feed")
        try repo.change("app", "delete", "acme", "dash")
        #expect(try repo.run(["check", "--base", "HEAD", "--actor", "bob@acme.example"]).status == 0)
        try repo.commit("no more app")
        #expect(Self.event(try Self.mails(repo, "app-deleted"), "app.deleted").map { $0.headers["To"] ?? "" } == ["Bob Baker <bob@acme.example>"])
        // The portal shows apps with their team and who can use them.
        try repo.change("app", "create", "acme", "Dash", "--team", "ops", "--visibility", "org")
        #expect(try repo.run(["build"]).status == 0)
        let page = try String(contentsOf: repo.url.appendingPathComponent("_site/orgs/acme/index.html"), encoding: .utf8)
        #expect(page.contains("Dash") && page.contains("every member of the org"))
        let api = try String(contentsOf: repo.url.appendingPathComponent("_site/api/orgs/acme.json"), encoding: .utf8)
        #expect(api.contains("\"apps\""))
    }

    /// Bobsled's delete (billing impact) and a share's access granted and revoked: e-mails.
    @Test func deletionsAndShareAccessAreToldToThePeopleConcerned() throws {
        let repo = try Repo()
        try repo.change("share", "create", "Extra data")
        try repo.change("share", "add-org", "extra-data", "acme", "--until", "2027-01-31")
        try repo.commit("extra")
        let granted = try #require(Self.event(try Self.mails(repo, "granted"), "share.linked").first)
        #expect(granted.headers["To"] == "Ann Archer <ann@acme.example>")
        #expect(granted.text.contains("Acme has access to Extra data on Fixture Provider from 2026-11-23 until 2027-01-31"))
        try repo.change("share", "remove-org", "extra-data", "acme")
        try repo.commit("revoked")
        let revoked = Self.event(try Self.mails(repo, "revoked"), "share.unlinked")
        #expect(revoked.map { $0.headers["Subject"] ?? "" } == ["Acme no longer has access to Extra data on Fixture Provider"])
        try repo.change("org", "delete", "acme", "--confirm", "Acme")
        try repo.commit("delete acme")
        let mails = try Self.mails(repo, "deleted")
        #expect(mails.allSatisfy { $0.headers["X-Roster-Event"] == "org.deleted" }, "no separate revocation for a deleted org")
        #expect(mails.map { $0.headers["To"] ?? "" }.sorted() == ["Ann Archer <ann@acme.example>", "admin@provider.example"])
        #expect(
            mails.first?.text.contains("What this removes: 2 members (1 active), 2 teams.") == true
                && mails.first?.text.contains("It no longer receives: Data feed.") == true)
        #expect(mails.first?.text.contains("Monthly Active Consumers") == true)
    }

    /// The demo data shows every new thing, validates without error, and is left byte-identical
    /// by `roster migrate` and `roster fmt`.
    @Test func theDemoDataShowsEveryStepAndStaysCanonical() throws {
        let url = scratch.appendingPathComponent("roster-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("data"), to: url.appendingPathComponent("data"))
        let before = try snapshot(url)
        let text = before.values.map { String(decoding: $0, as: UTF8.self) }.joined()
        for needle in ["\"expiresAt\"", "\"apps\"", "\"until\": \"2028-06-30\"", "\"expireAfterDays\""] {
            #expect(text.contains(needle), "the demo data shows \(needle)")
        }
        let env = ["ROSTER_ACTOR": "ops@meridian.example"]
        #expect(try roster(["validate"], in: url, environment: env).status == 0)
        #expect(try roster(["migrate"], in: url, environment: env).status == 0)
        #expect(try roster(["fmt"], in: url, environment: env).status == 0)
        #expect(try snapshot(url) == before)
    }
}
