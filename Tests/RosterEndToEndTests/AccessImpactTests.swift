import Foundation
import Testing

/// The access impact a pull request shows (issue 12 item 4): `roster diff --format markdown` and
/// `roster check --summary` count who gains or loses access, by the export's own access rule.
@Suite struct AccessImpactTests {
    typealias Repo = GitOpsTests.Repo

    func section(_ text: String) -> [String] {
        guard let start = text.range(of: "### Access on 2026-11-23\n\n") else { return [] }
        return text[start.upperBound...].split(separator: "\n").prefix { $0.hasPrefix("- ") }.map(String.init)
    }

    @Test func disablingAnOrgOrEndingALinkIsCountedAndReenablingGivesItBack() throws {
        let repo = try Repo()
        try repo.change("org", "disable", "acme")
        let disabled = try repo.run(["diff", "--format", "markdown"])
        #expect(section(disabled.stdout) == ["- 1 user loses the right to connect", "- 1 user loses access to share feed"], "\(disabled.stdout)")
        let summary = repo.url.appendingPathComponent("summary.md")
        _ = try repo.run(["check", "--base", "HEAD", "--summary", summary.path])
        #expect(section(try String(contentsOf: summary, encoding: .utf8)) == section(disabled.stdout))
        try FileManager.default.removeItem(at: summary)
        try repo.commit("acme disabled")

        try repo.change("org", "enable", "acme")
        #expect(
            section(try repo.run(["diff", "--format", "markdown"]).stdout) == [
                "- 1 user gains the right to connect", "- 1 user gains access to share feed",
            ])
        try repo.git("checkout", "-q", "--", ".")
        try repo.git("reset", "-q", "--hard", "HEAD~1")

        // Ending the link: access to the share goes, the right to connect stays.
        try repo.change("share", "remove-org", "feed", "acme")
        #expect(section(try repo.run(["diff", "--format", "markdown"]).stdout) == ["- 1 user loses access to share feed"])
        // An invitation grants nothing until it is accepted, so inviting changes no access.
        try repo.git("checkout", "-q", "--", ".")
        try repo.change("member", "invite", "acme", "cy@acme.example", "--first", "Cy", "--last", "Cole", "--role", "team-member")
        #expect(section(try repo.run(["diff", "--format", "markdown"]).stdout) == [])
    }
}

/// What the CLI and the portal say about an org follows the access rule: after its `until`, an
/// enabled org's users cannot connect, and every view says so (not only the export).
@Suite struct ExpiredOrgWordingTests {
    @Test func anExpiredOrgIsShownAsOneWhoseUsersCannotConnect() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("site-templates"), to: repo.appendingPathComponent("site-templates"))
        let acme = repo.appendingPathComponent("data/orgs/acme.json")
        let text = try String(contentsOf: acme, encoding: .utf8)
        try Data(
            text.replacingOccurrences(
                of: "\"createdAt\": \"2025-01-10T09:00:00Z\",", with: "\"createdAt\": \"2025-01-10T09:00:00Z\",\n  \"until\": \"2026-11-01\","
            ).utf8
        ).write(to: acme)
        #expect(try roster(["validate"], in: repo).stdout.contains("[org-expired]"))
        let show = try roster(["org", "show", "acme"], in: repo)
        #expect(show.stdout.contains("its contract ended on 2026-11-01: its users cannot connect"), "\(show.stdout)")
        let share = try roster(["share", "show", "feed"], in: repo)
        #expect(share.stdout.contains("no: its contract ended on 2026-11-01"), "\(share.stdout)")
        let json = try roster(["org", "show", "acme", "--format", "json"], in: repo)
        #expect(json.stdout.contains("\"canConnect\": false"))
        // A day before the end, everything says they can.
        #expect(try roster(["org", "show", "acme", "--format", "json", "--today", "2026-10-31"], in: repo).stdout.contains("\"canConnect\": true"))
        let out = repo.appendingPathComponent("_site")
        #expect(try roster(["build", "--out", out.path], in: repo).status == 0)
        let page = try String(contentsOf: out.appendingPathComponent("orgs/acme/index.html"), encoding: .utf8)
        #expect(page.contains("its contract ended on 2026-11-01: its users cannot connect"))
        let sharePage = try String(contentsOf: out.appendingPathComponent("shares/feed/index.html"), encoding: .utf8)
        #expect(sharePage.contains("its contract ended on 2026-11-01"))
    }
}
