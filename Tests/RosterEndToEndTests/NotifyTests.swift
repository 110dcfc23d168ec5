import Foundation
import Testing

/// `roster notify`: the e-mail of each event kind, and delivery through a real SMTP server on
/// 127.0.0.1 (Support/smtp_sink.py) with msmtp as the sendmail command.
@Suite(.serialized) struct NotifyTests {
    typealias Repo = GitOpsTests.Repo

    struct Mail {
        var headers: [String: String]
        var text: String
        var html: String
    }

    /// Parses the .eml files of an outbox with Python's email package (an independent reader).
    static func read(_ dir: URL) throws -> [String: Mail] {
        let script = """
            import email, glob, json, os, sys
            out = {}
            for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.eml"))):
                m = email.message_from_bytes(open(path, "rb").read())
                parts = m.get_payload()
                out[os.path.basename(path)] = {"headers": {k: str(v) for k, v in m.items()},
                    "text": parts[0].get_payload(decode=True).decode("utf-8"), "html": parts[1].get_payload(decode=True).decode("utf-8")}
            print(json.dumps(out))
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, dir.path]
        let data = try output(of: p)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
        return object.mapValues {
            Mail(headers: $0["headers"] as? [String: String] ?? [:], text: $0["text"] as? String ?? "", html: $0["html"] as? String ?? "")
        }
    }

    func mails(_ repo: Repo, base: String = "HEAD~1", outbox name: String = "outbox") throws -> (RosterRun, [String: Mail], URL) {
        let outbox = repo.url.deletingLastPathComponent().appendingPathComponent("\(repo.url.lastPathComponent)-\(name)")
        let run = try repo.run(["notify", "--base", base, "--outbox", outbox.path])
        return (run, try Self.read(outbox), outbox)
    }

    @Test func eachEventKindGetsItsEmail() throws {
        let repo = try Repo()
        try repo.change("member", "invite", "acme", "cy@acme.example", "--first", "Cy", "--last", "Cole", "--role", "team-member")
        try repo.change("member", "set-role", "acme", "bob@acme.example", "super-admin")
        try repo.change("org", "approve", "beta")
        try repo.change("org", "register", "Gamma", "--email", "gus@gamma.example", "--first", "Gus", "--last", "Green")
        try repo.commit("round one")
        let (first, one, _) = try mails(repo)
        #expect(first.status == 0, "\(first.stderr)")
        let subjects = one.values.map { $0.headers["Subject"] ?? "" }.sorted()
        #expect(
            subjects == [
                "Beta Corp is approved on Fixture Provider", "New organization registration: Gamma",
                "Your role in Acme is now super admin", "admin@provider.example invited you to Acme on Fixture Provider",
            ])
        let invitation = try #require(one.values.first { $0.headers["X-Roster-Event"] == "member.invited" })
        #expect(invitation.headers["To"] == "Cy Cole <cy@acme.example>")
        #expect(invitation.headers["From"] == "noreply@provider.example")
        #expect(invitation.headers["Message-ID"]?.hasPrefix("<roster-") == true)
        #expect(invitation.text.contains("invited you to join Acme on Fixture Provider as team member"))
        #expect(invitation.html.contains("<p>Hello Cy Cole,</p>"))
        #expect(one.values.first { $0.headers["X-Roster-Event"] == "registration.requested" }?.headers["To"] == "admin@provider.example")

        try repo.change("org", "disable", "acme")
        try repo.change("member", "remove", "acme", "cy@acme.example")
        try repo.change("org", "reject", "gamma", "--reason", "We only serve importers.")
        try repo.commit("round two")
        let (_, two, _) = try mails(repo, outbox: "two")
        let kinds = two.values.map { "\($0.headers["X-Roster-Event"] ?? "") \($0.headers["To"] ?? "")" }.sorted()
        #expect(
            kinds == [
                "member.removed Cy Cole <cy@acme.example>", "org.disabled Ann Archer <ann@acme.example>",
                "org.disabled Bob Baker <bob@acme.example>", "org.rejected Gus Green <gus@gamma.example>",
            ])
        #expect(two.values.first { $0.headers["X-Roster-Event"] == "org.rejected" }?.text.contains("Reason: We only serve importers.") == true)

        try repo.change("org", "enable", "acme")
        try repo.commit("round three")
        let (_, three, _) = try mails(repo, outbox: "three")
        #expect(three.values.map { $0.headers["Subject"] ?? "" }.allSatisfy { $0 == "Acme is enabled again on Fixture Provider" })
        #expect(three.count == 2)
    }

    @Test func theSameRevisionsGiveTheSameFiles() throws {
        let repo = try Repo()
        try repo.change("member", "invite", "acme", "cy@acme.example", "--first", "Cy", "--last", "Cole", "--role", "team-member")
        try repo.commit("invite")
        let (_, _, outbox) = try mails(repo)
        let before = try snapshot(outbox)
        try FileManager.default.removeItem(at: outbox)
        _ = try mails(repo)
        #expect(try snapshot(outbox) == before)
    }

    /// Starts the SMTP sink; returns the process, its port and the folder it stores messages in.
    func startSink(failing: Int) throws -> (Process, Int, URL) {
        let received = scratch.appendingPathComponent("roster-smtp-\(UUID().uuidString)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [
            "python3", packageRoot.appendingPathComponent("Tests/RosterEndToEndTests/Support/smtp_sink.py").path, received.path, String(failing),
        ]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let port = try #require(Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        return (p, port, received)
    }

    static func received(_ dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
    }

    @Test func sendingThroughSMTPDeliversEachMessageOnce() throws {
        let msmtp = try #require(
            ["/usr/bin/msmtp"].first { FileManager.default.isExecutableFile(atPath: $0) }, "msmtp is needed (apt-get install msmtp)")
        let repo = try Repo()
        try repo.change("member", "invite", "acme", "cy@acme.example", "--first", "Cy", "--last", "Cole", "--role", "team-member")
        try repo.change("member", "invite", "acme", "di@acme.example", "--first", "Di", "--last", "Dean", "--role", "team-member")
        try repo.change("org", "approve", "beta")
        try repo.commit("three e-mails")
        // The sink refuses the first message once: it must be retried by the next run.
        let (sink, port, received) = try startSink(failing: 1)
        defer { kill(sink.processIdentifier, SIGKILL); sink.waitUntilExit(); try? FileManager.default.removeItem(at: received) }
        let sendmail = "\(msmtp) --host=127.0.0.1 --port=\(port) --auth=off --tls=off --read-envelope-from -t -i"
        let outbox = repo.url.appendingPathComponent("outbox").path

        let first = try repo.run(["notify", "--base", "HEAD~1", "--outbox", outbox, "--send", "--sendmail", sendmail])
        #expect(first.status == 1)
        #expect(first.stdout.contains("sent 2, already sent 0, failed 1"))
        #expect(first.stderr.contains("it will be retried on the next run"))
        #expect(Self.received(received).count == 2)

        let second = try repo.run(["notify", "--base", "HEAD~1", "--outbox", outbox, "--send", "--sendmail", sendmail])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("sent 1, already sent 2, failed 0"))
        #expect(Self.received(received).count == 3)

        let third = try repo.run(["notify", "--base", "HEAD~1", "--outbox", outbox, "--send", "--sendmail", sendmail])
        #expect(third.stdout.contains("sent 0, already sent 3, failed 0"))
        #expect(Self.received(received).count == 3, "a re-run delivers nothing new")

        // What the server received is what the outbox holds, one message per recipient.
        let delivered = try Self.read(received)
        let recipients = delivered.values.compactMap { $0.headers["To"] }.sorted()
        #expect(recipients == ["Bea Bell <bea@beta.example>", "Cy Cole <cy@acme.example>", "Di Dean <di@acme.example>"])
        #expect(Set(delivered.values.compactMap { $0.headers["Message-ID"] }).count == 3)
    }
}
