import Foundation
import Testing

/// `roster org list|show` and `roster share list|show` (issue 13): tables and JSON through the
/// real binary, on the base fixture (acme: enabled, 1 active and 1 invited member, linked to
/// feed; beta: pending).
@Suite struct ViewTests {
    @Test func orgListIsAnAlignedTableSortedByNameWithoutColourInAPipe() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let run = try roster(["org", "list"], in: repo)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout == """
                NAME        ID     STATUS    TEAMS   USERS   INVITED   SHARES   CREATED
                Acme        acme   enabled       2       1         1        1   2025-01-10
                Beta Corp   beta   pending       1       1         0        0   2026-11-21

                """, "\(run.stdout)")
        #expect(!run.stdout.contains("\u{1B}["))
        let pending = try roster(["org", "list", "--status", "pending"], in: repo)
        #expect(pending.stdout.split(separator: "\n").count == 2)
        #expect(try roster(["org", "list", "--status", "asleep"], in: repo).status == 64)
        #expect(try roster(["org", "list", "--status", "rejected"], in: repo).stdout == "no rejected orgs\n")
    }

    @Test func orgListAsJSONCountsActiveUsersAndInvitationsApart() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let run = try roster(["org", "list", "--format", "json"], in: repo)
        #expect(run.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["id"] as? String } == ["acme", "beta"])
        #expect(rows[0]["users"] as? Int == 1 && rows[0]["invitations"] as? Int == 1)
        #expect(rows[0]["shares"] as? [String] == ["feed"])
    }

    @Test func namesSortInNaturalOrderAndRecordTextIsEscaped() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        for name in ["Org 10", "Org 2", "Org 1"] { #expect(try roster(["org", "create", name], in: repo).status == 0) }
        // Written by hand, as a pull request could: `org rename` refuses it (text-control), but
        // the views read the files as they are.
        let file = repo.appendingPathComponent("data/orgs/org-1.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(#""name": "Org 1","#))
        try Data(text.replacingOccurrences(of: #""name": "Org 1","#, with: #""name": "Org 1\u001b[2J","#).utf8).write(to: file)
        let names = try roster(["org", "list"], in: repo).stdout.split(separator: "\n").dropFirst().map { $0.prefix(6) }
        #expect(names == ["Acme  ", "Beta C", "Org 1\\", "Org 2 ", "Org 10"], "\(names)")
        let shown = try roster(["org", "show", "org-1"], in: repo).stdout
        #expect(
            !shown.contains("\u{1B}") && shown.contains("Org 1\\u{1B}[2J") || shown.contains("Org 1\\x1b[2J") || shown.contains("Org 1\\e[2J"),
            "\(shown)")
    }

    @Test func orgShowPrintsWhatThePortalPageShows() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        #expect(try roster(["org", "disable", "acme"], in: repo).status == 0)
        let run = try roster(["org", "show", "acme"], in: repo)
        #expect(run.status == 0, "\(run.stderr)")
        for line in [
            "Acme  (acme)", "Status:       disabled (its users cannot connect)",
            "Note:         still linked to 1 share, which its users cannot use while it is disabled",
            "Users:        1 active, 1 invited", "Teams (2):", "Members (2):", "Shares (1):",
            "roster org enable acme",
            // How to end what the note is about, beside how to enable it again.
            "roster share remove-org SHARE-ID acme",
        ] {
            #expect(run.stdout.contains(line), "\(line)\n\(run.stdout)")
        }
        let json = try roster(["org", "show", "acme", "--format", "json"], in: repo)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["canConnect"] as? Bool == false)
        #expect((object["members"] as? [Any])?.count == 2)
        let missing = try roster(["org", "show", "acmee"], in: repo)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("there is no org \"acmee\"; did you mean acme?"))
    }

    @Test func shareListAndShowMarkConsumersThatCannotConnect() throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        #expect(try roster(["org", "disable", "acme"], in: repo).status == 0)
        let list = try roster(["share", "list"], in: repo)
        #expect(list.status == 0)
        #expect(list.stdout.hasPrefix("NAME"))
        #expect(list.stdout.contains("feed"))
        let show = try roster(["share", "show", "feed"], in: repo)
        #expect(show.stdout.contains("no: its users cannot connect"), "\(show.stdout)")
        let json = try roster(["share", "show", "feed", "--format", "json"], in: repo)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let consumers = try #require(object["consumers"] as? [[String: Any]])
        #expect(consumers.first?["canConnect"] as? Bool == false)
        #expect(consumers.first?["hasAccess"] as? Bool == false)
        #expect(try roster(["share", "show", "nope"], in: repo).status == 1)
    }

    /// An enabled org whose link has not opened yet, or has ended, has no access to the share
    /// today (the export grants none): `share show` must not say "yes".
    @Test(arguments: [
        ("2026-12-01", "the link opens on 2026-12-01"), ("2025-02-01\",\n      \"until\": \"2026-01-01", "the link ended on 2026-01-01"),
    ])
    func aConsumerWhoseLinkIsClosedHasNoAccessToday(_ since: String, _ reason: String) throws {
        let repo = try copy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let file = repo.appendingPathComponent("data/shares/feed.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "\"since\": \"2025-02-01\",\n      \"until\": \"2027-01-31\"", with: "\"since\": \"\(since)\"")
        #expect(edited != text)
        try Data(edited.utf8).write(to: file)
        let show = try roster(["share", "show", "feed"], in: repo)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("no: " + reason), "\(show.stdout)")
        let json = try roster(["share", "show", "feed", "--format", "json"], in: repo)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let consumer = try #require((object["consumers"] as? [[String: Any]])?.first)
        #expect(consumer["canConnect"] as? Bool == true, "the org itself admits its users")
        #expect(consumer["hasAccess"] as? Bool == false)
        // The export agrees: no entitlement to feed.
        let out = repo.appendingPathComponent("../export-\(UUID().uuidString)").standardizedFileURL
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(try roster(["export", "--out", out.path], in: repo).status == 0)
        let access = try String(contentsOf: out.appendingPathComponent("access.json"), encoding: .utf8)
        #expect(!access.contains("\"feed\""), "\(access)")
    }
}
