import Foundation
import Testing

/// The headers of the messages `roster notify` writes, read by an independent parser (Python's
/// `email` package): whatever a member's name holds, the message goes to exactly the intended
/// address, shows the name it was given, and carries no header the name smuggled in.
@Suite(.serialized) struct EmailHeaderTests {
    typealias Repo = GitOpsTests.Repo

    /// First and last names an attacker or an unusual user could give. A control character or
    /// a line separator never reaches a message (`text-control` refuses the head; see
    /// ``aNameWithALineBreakSendsNothing()``, and EmailHeaderUnitTests for the header's own
    /// escaping): these try the address syntax, encoded-words and invisible characters instead.
    static let names: [(String, String)] = [
        ("attacker@evil.example, Victim", "Doe"),
        ("\"quoted\"", "\\back\\slash"),
        ("Zoë", "Ölander"),
        ("=?utf-8?q?x?=", "=?UTF-8?B?QWRtaW4=?="),
        ("<a@b.example>", "Smith"),
        ("Eve Bcc: x@evil.example", "Cc: y@evil.example;"),
        (String(repeating: "Abe ", count: 24) + "Abe", String(repeating: "Lincoln-", count: 11) + "Lincoln"),
        (String(repeating: "ë", count: 100), String(repeating: "😀", count: 100)),
        ("Ζωή", "Παπαδοπούλου-Καραγιαννοπούλου Αλεξανδροπούλου"),
        ("😀 Grin", "O'Brien"),
        ("nbsp\u{A0}here", "bidi\u{200F}and\u{200B}zero-width"),
    ]

    /// Checks every .eml in an outbox; prints one JSON list of problems.
    static let checker = #"""
        import email, email.policy, email.utils, glob, json, os, re, sys
        from email.header import decode_header, make_header
        outbox, expected = sys.argv[1], json.load(open(sys.argv[2]))
        allowed = {"from", "to", "subject", "date", "message-id", "mime-version", "x-roster-event", "content-type"}
        problems, seen = [], set()
        def clean(s): return re.sub("[\x00-\x1f\x7f-\x9f\u2028\u2029]", " ", s)
        for path in sorted(glob.glob(os.path.join(outbox, "*.eml"))):
            raw = open(path, "rb").read()
            name = os.path.basename(path)
            head = raw.split(b"\r\n\r\n", 1)[0]
            for line in head.split(b"\r\n"):
                if len(line) > 998 or re.search(rb"[\x00-\x08\x0a-\x1f\x7f-\xff]", line):
                    problems.append(f"{name}: bad header line {line[:80]!r}")
            for word in re.findall(rb"=\?[^?]*\?[bBqQ]\?[^?]*\?=", head):
                if len(word) > 75: problems.append(f"{name}: encoded-word of {len(word)} characters")
            m = email.message_from_bytes(raw, policy=email.policy.default)
            extra = {k.lower() for k in m.keys()} - allowed
            if extra: problems.append(f"{name}: unexpected headers {sorted(extra)}")
            if any(d for d in (m.defects or [])): problems.append(f"{name}: defects {m.defects}")
            subject = str(m["Subject"])
            if "Sam Bcc: boss@evil.example Zoë invited you" not in subject or re.search("[\r\n]", subject):
                problems.append(f"{name}: subject {subject!r}")
            to = m["To"]
            addresses = [a.addr_spec for a in to.addresses]
            legacy = [a for _, a in email.utils.getaddresses(m.get_all("To", []) + m.get_all("Cc", []) + m.get_all("Bcc", []))]
            if len(addresses) != 1 or legacy != addresses or addresses[0] not in expected:
                problems.append(f"{name}: recipients {addresses} / {legacy}"); continue
            want = clean(expected[addresses[0]])
            got = to.addresses[0].display_name
            # Python's address parser puts a space between adjacent encoded-words, which RFC 2047
            # (and Python's own decode_header) drops: a long encoded name is checked with the latter.
            unfolded = re.sub(rb"\r\n(?=[ \t])", b"", head).split(b"\r\n")
            rawphrase = next(l for l in unfolded if l.startswith(b"To: "))[4:].decode("ascii").rsplit(" <", 1)[0]
            if got != want and not (rawphrase.startswith("=?") and str(make_header(decode_header(rawphrase))) == want):
                problems.append(f"{name}: display name {got!r} != {want!r}")
            seen.add(addresses[0])
        missing = set(expected) - seen
        if missing: problems.append(f"no message for {sorted(missing)}")
        print(json.dumps(problems))
        """#

    static func python(_ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3"] + arguments
        return String(decoding: try output(of: p), as: UTF8.self)
    }

    /// Adds an org whose invited members carry `names`, written by hand (as a pull request
    /// could), and returns e-mail -> "first last".
    static func addOrg(_ repo: Repo, names: [(String, String)], inviter: String = "Sam Bcc: boss@evil.example") throws -> [String: String] {
        var members: [[String: Any]] = [
            [
                "email": "sam@names.example", "firstName": inviter, "lastName": "Zoë", "role": "super-admin",
                "state": "active", "invitedAt": "2026-11-01T09:00:00Z", "invitedBy": "admin@provider.example",
            ]
        ]
        var expected: [String: String] = [:]
        for (i, (first, last)) in names.enumerated() {
            let email = "user\(i)@names.example"
            expected[email] = first + " " + last
            members.append([
                "email": email, "firstName": first, "lastName": last, "role": "team-member", "state": "invited",
                "invitedAt": "2026-11-02T09:00:00Z", "invitedBy": "sam@names.example",
            ])
        }
        let org: [String: Any] = [
            "schemaVersion": 1, "id": "names", "name": "Names", "status": "enabled", "createdAt": "2026-11-01T09:00:00Z",
            "members": members, "teams": [["id": "everyone", "name": "Everyone", "default": true, "members": members.map { $0["email"]! }]],
        ]
        let data = try JSONSerialization.data(withJSONObject: org, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: repo.url.appendingPathComponent("data/orgs/names.json"))
        try repo.commit("names")
        return expected
    }

    @Test func recipientsAreExactlyTheInvitedAddressesWhateverTheNames() throws {
        let repo = try Repo()
        let expected = try Self.addOrg(repo, names: Self.names)
        let outbox = repo.url.appendingPathComponent("outbox")
        let run = try repo.run(["notify", "--base", "HEAD~1", "--outbox", outbox.path])
        #expect(run.status == 0, "\(run.stderr)")
        let expectations = repo.url.appendingPathComponent("expected.json")
        try JSONSerialization.data(withJSONObject: expected).write(to: expectations)
        let script = repo.url.appendingPathComponent("check.py")
        try Data(Self.checker.utf8).write(to: script)
        let problems = try Self.python([script.path, outbox.path, expectations.path])
        #expect(problems.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    /// A name with CR LF (a header it would smuggle) fails validation of the head commit, and
    /// `roster notify` sends nothing for it.
    @Test func aNameWithALineBreakSendsNothing() throws {
        let repo = try Repo()
        _ = try Self.addOrg(repo, names: [("Eve", "Doe")], inviter: "Sam\r\nBcc: boss@evil.example")
        let outbox = repo.url.appendingPathComponent("outbox")
        let run = try repo.run(["notify", "--base", "HEAD~1", "--outbox", outbox.path])
        #expect(run.status != 0)
        #expect(run.stdout.contains("[text-control]") || run.stderr.contains("[text-control]"), "\(run.stdout)\(run.stderr)")
        let sent = (try? FileManager.default.contentsOfDirectory(atPath: outbox.path)) ?? []
        #expect(!sent.contains { $0.hasSuffix(".eml") }, "\(sent)")
    }
}
