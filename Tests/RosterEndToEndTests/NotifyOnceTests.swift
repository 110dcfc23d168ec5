import Foundation
import Testing

/// `roster notify` sends each real-world event once: over overlapping ranges, across a renamed
/// org file, and again only for a new event (a new invitation, a second disabling).
@Suite(.serialized) struct NotifyOnceTests {
    typealias Repo = GitOpsTests.Repo

    /// A repository, its outbox, and a mail command that keeps every message it reads.
    final class Mailroom {
        let repo: Repo
        let outbox: URL
        let received: URL
        init() throws {
            repo = try Repo()
            outbox = repo.url.appendingPathComponent("outbox")
            received = repo.url.deletingLastPathComponent().appendingPathComponent(repo.url.lastPathComponent + "-received")
            try FileManager.default.createDirectory(at: received, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: received) }

        /// A verb at a given time (the records keep it: invitedAt, statusChangedAt).
        func change(at now: String, _ args: String...) throws {
            var env = fixedEnvironment
            env["ROSTER_NOW"] = now
            let r = try roster(Array(args), in: repo.url, environment: env)
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }

        /// The commit id of HEAD.
        func head() throws -> String { try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines) }

        /// `notify --send` over base..head; returns its summary line ("sent 1, already sent 0, failed 0").
        func send(_ base: String, _ head: String) throws -> String {
            let mailer = "cat > \"$(mktemp '\(received.path)/m.XXXXXX')\""
            let r = try repo.run(["notify", "--base", base, "--head", head, "--outbox", outbox.path, "--send", "--sendmail", mailer])
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout.split(separator: "\n").last.map(String.init) ?? ""
        }

        /// "event recipient" of every message received, and their Message-IDs.
        func delivered() throws -> (kinds: [String], ids: Set<String>) {
            var kinds: [String] = [], ids = Set<String>()
            for file in try FileManager.default.contentsOfDirectory(at: received, includingPropertiesForKeys: nil) {
                let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\r\n")
                func header(_ name: String) -> String { lines.first { $0.hasPrefix(name + ": ") }.map { String($0.dropFirst(name.count + 2)) } ?? "" }
                kinds.append("\(header("X-Roster-Event")) \(header("To"))")
                ids.insert(header("Message-ID"))
            }
            return (kinds.sorted(), ids)
        }
    }

    @Test func overlappingRangesSendEachEventOnce() throws {
        let m = try Mailroom()
        let a = try m.head()
        try m.change(
            at: "2026-11-23T10:00:00Z", "member", "invite", "acme", "cy@acme.example", "--first", "Cy", "--last", "Cole", "--role", "team-member")
        try m.repo.commit("invite cy")
        let b = try m.head()
        try m.change(
            at: "2026-11-23T11:00:00Z", "member", "invite", "acme", "di@acme.example", "--first", "Di", "--last", "Dean", "--role", "team-member")
        try m.repo.commit("invite di")
        let c = try m.head()

        #expect(try m.send(a, b) == "sent 1, already sent 0, failed 0")
        #expect(try m.send(a, c) == "sent 1, already sent 1, failed 0")
        #expect(try m.send(b, c) == "sent 0, already sent 1, failed 0")
        let (kinds, ids) = try m.delivered()
        #expect(kinds == ["member.invited Cy Cole <cy@acme.example>", "member.invited Di Dean <di@acme.example>"])
        #expect(ids.count == 2)

        // Without --send, the outbox holds one file per event, whatever the ranges.
        let files = m.repo.url.appendingPathComponent("files")
        for (base, head) in [(a, b), (a, c), (b, c)] {
            let r = try m.repo.run(["notify", "--base", base, "--head", head, "--outbox", files.path])
            #expect(r.status == 0, "\(r.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: files.path).filter { $0.hasSuffix(".eml") }.count == 2)
    }

    @Test func aRenamedOrgFileSendsNothingAgain() throws {
        let m = try Mailroom()
        let a = try m.head()
        try m.change(
            at: "2026-11-23T10:00:00Z", "member", "invite", "acme", "cy@acme.example", "--first", "Cy", "--last", "Cole", "--role", "team-member")
        try m.repo.commit("invite cy")
        let b = try m.head()
        #expect(try m.send(a, b) == "sent 1, already sent 0, failed 0")

        // The org's id changes, so its file is renamed (by hand: there is no verb for it).
        let orgs = m.repo.url.appendingPathComponent("data/orgs")
        let text = try String(contentsOf: orgs.appendingPathComponent("acme.json"), encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\"id\": \"acme\"", with: "\"id\": \"acme-corp\"").utf8).write(
            to: orgs.appendingPathComponent("acme-corp.json"))
        try FileManager.default.removeItem(at: orgs.appendingPathComponent("acme.json"))
        let feed = m.repo.url.appendingPathComponent("data/shares/feed.json")
        try Data(try String(contentsOf: feed, encoding: .utf8).replacingOccurrences(of: "\"org\": \"acme\"", with: "\"org\": \"acme-corp\"").utf8)
            .write(to: feed)
        try m.repo.commit("acme is now acme-corp")
        let c = try m.head()

        #expect(try m.send(b, c) == "sent 0, already sent 0, failed 0", "a rename is no invitation")
        #expect(try m.send(a, c) == "sent 0, already sent 1, failed 0", "cy's invitation, found again under the new file")
        #expect(try m.delivered().kinds == ["member.invited Cy Cole <cy@acme.example>"])
    }

    @Test func aNewRealEventIsSent() throws {
        let m = try Mailroom()
        try m.change(
            at: "2026-11-23T10:00:00Z", "member", "invite", "acme", "cy@acme.example", "--first", "Cy", "--last", "Cole", "--role", "team-member")
        try m.repo.commit("invite cy")
        #expect(try m.send("HEAD~1", "HEAD") == "sent 1, already sent 0, failed 0")
        try m.change(at: "2026-11-24T10:00:00Z", "member", "remove", "acme", "cy@acme.example")
        try m.repo.commit("remove cy")
        #expect(try m.send("HEAD~1", "HEAD") == "sent 1, already sent 0, failed 0")
        try m.change(
            at: "2026-11-25T10:00:00Z", "member", "invite", "acme", "cy@acme.example", "--first", "Cy", "--last", "Cole", "--role", "team-member")
        try m.repo.commit("invite cy again")
        #expect(try m.send("HEAD~1", "HEAD") == "sent 1, already sent 0, failed 0", "a new invitation")
        let d = try m.head()

        for (day, verb) in [("26", "disable"), ("27", "enable"), ("28", "disable")] {
            try m.change(at: "2026-11-\(day)T10:00:00Z", "org", verb, "acme")
            try m.repo.commit("\(verb) acme")
            #expect(try m.send("HEAD~1", "HEAD") == "sent 1, already sent 0, failed 0", "\(verb) on the \(day)th")
        }
        #expect(try m.send(d, "HEAD") == "sent 0, already sent 1, failed 0", "the last disabling, seen again")
        let (kinds, ids) = try m.delivered()
        #expect(
            kinds == [
                "member.invited Cy Cole <cy@acme.example>", "member.invited Cy Cole <cy@acme.example>", "member.removed Cy Cole <cy@acme.example>",
                "org.disabled Ann Archer <ann@acme.example>", "org.disabled Ann Archer <ann@acme.example>",
                "org.enabled Ann Archer <ann@acme.example>",
            ])
        #expect(ids.count == 6)
    }
}
