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
        #expect(section(try repo.run(["diff", "--format", "markdown"]).stdout) == ["- 1 user gains the right to connect", "- 1 user gains access to share feed"])
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
