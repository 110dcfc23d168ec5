import Foundation
import Testing

/// `roster notify --send` with mail commands that do not take the message: a clear error that
/// names the message, a ledger that stays true, exit 1, never a crash.
@Suite(.serialized) struct NotifySendTests {
    typealias Repo = GitOpsTests.Repo

    /// A repository whose last commit calls for two invitations (cy and di).
    static func twoInvitations() throws -> Repo {
        let repo = try Repo()
        try repo.change("member", "invite", "acme", "cy@acme.example", "--first", "Cy", "--last", "Cole", "--role", "team-member")
        try repo.change("member", "invite", "acme", "di@acme.example", "--first", "Di", "--last", "Dean", "--role", "team-member")
        try repo.commit("two invitations")
        return repo
    }

    static func ledger(_ outbox: URL) -> [String] {
        let text = (try? String(contentsOf: outbox.appendingPathComponent("sent.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    @Test(arguments: ["true", "sh -c 'exit 0'", "/nonexistent/sendmail -t -i", "cat >/dev/null; echo 'relay refused' >&2; exit 75", "kill -9 $$"])
    func aMailerThatDoesNotTakeTheMessageIsAnErrorNamingIt(_ mailer: String) throws {
        let repo = try Self.twoInvitations()
        let outbox = repo.url.appendingPathComponent("outbox")
        let run = try repo.run(["notify", "--base", "HEAD~1", "--outbox", outbox.path, "--send", "--sendmail", mailer])
        #expect(run.status == 1, "\(mailer): \(run.status) \(run.stderr)")
        #expect(run.stdout.contains("sent 0, already sent 0, failed 2"), "\(run.stdout)")
        let files = try FileManager.default.contentsOfDirectory(atPath: outbox.path).filter { $0.hasSuffix(".eml") }
        #expect(files.count == 2)
        for file in files {
            let line = run.stderr.split(separator: "\n").first { $0.contains(file) }.map(String.init) ?? ""
            #expect(line.hasPrefix("roster: not sent: "), "\(run.stderr)")
            #expect(line.contains("Message-ID <roster-") && line.contains("@provider.example>"), "\(line)")
            #expect(line.contains("`\(mailer)`"), "\(line)")
        }
        #expect(run.stderr.contains("to cy@acme.example") && run.stderr.contains("to di@acme.example"))
        #expect(Self.ledger(outbox).isEmpty, "a message that was not taken is not in the ledger")
    }

    @Test func theLedgerKeepsWhatWasSentBeforeAFailureAndOnlyThat() throws {
        let repo = try Self.twoInvitations()
        let outbox = repo.url.appendingPathComponent("outbox")
        let received = repo.url.appendingPathComponent("received")
        try FileManager.default.createDirectory(at: received, withIntermediateDirectories: true)
        // Takes the first message it is given, then exits without reading.
        let flaky = "if [ -e '\(received.path)/1.eml' ]; then exit 0; else cat > '\(received.path)/1.eml'; fi"
        let first = try repo.run(["notify", "--base", "HEAD~1", "--outbox", outbox.path, "--send", "--sendmail", flaky])
        #expect(first.status == 1)
        #expect(first.stdout.contains("sent 1, already sent 0, failed 1"), "\(first.stdout)")
        #expect(first.stderr.contains("exited without reading the whole message"), "\(first.stderr)")
        let sentID = try #require(Self.messageID(received.appendingPathComponent("1.eml")))
        #expect(Self.ledger(outbox) == [sentID])

        let good = "cat > \"$(mktemp '\(received.path)/m.XXXXXX')\""
        let second = try repo.run(["notify", "--base", "HEAD~1", "--outbox", outbox.path, "--send", "--sendmail", good])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("sent 1, already sent 1, failed 0"), "\(second.stdout)")
        let all = try FileManager.default.contentsOfDirectory(at: received, includingPropertiesForKeys: nil).compactMap(Self.messageID)
        #expect(Set(all).count == 2 && all.count == 2, "each invitation delivered once")
        #expect(Set(Self.ledger(outbox)) == Set(all))
    }

    static func messageID(_ file: URL) -> String? {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        return text.components(separatedBy: "\r\n").first { $0.hasPrefix("Message-ID: ") }.map { String($0.dropFirst(12)) }
    }
}
