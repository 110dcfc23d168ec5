import Foundation
import Testing

/// The HTML part of the messages `roster notify` writes, read by Python's `email` package: a
/// `<p>` per paragraph of the text part, line breaks kept, the portal's URL a link, and record
/// text escaped, a URL in it left as text.
@Suite(.serialized) struct EmailHTMLTests {
    typealias Repo = GitOpsTests.Repo

    static let hostileName = "Tom & Jerry <script>x()</script> https://evil.example/pay"

    /// Prints, as JSON, for each .eml: the text part's paragraphs, the HTML part's paragraphs
    /// (as text), its links, and whether it holds a `<script` element.
    static let reader = #"""
        import email, email.policy, glob, html.parser, json, os, sys
        class Reader(html.parser.HTMLParser):
            def __init__(self):
                super().__init__(); self.paragraphs, self.links, self.scripts, self.inside = [], [], 0, False
            def handle_starttag(self, tag, attrs):
                if tag == "p": self.inside = True; self.paragraphs.append("")
                if tag == "br" and self.inside: self.paragraphs[-1] += "\n"
                if tag == "a": self.links.append(dict(attrs).get("href"))
                if tag == "script": self.scripts += 1
            def handle_endtag(self, tag):
                if tag == "p": self.inside = False
            def handle_data(self, data):
                if self.inside: self.paragraphs[-1] += data
        out = {}
        for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.eml"))):
            m = email.message_from_bytes(open(path, "rb").read(), policy=email.policy.default)
            text = m.get_body(("plain",)).get_content()
            r = Reader(); r.feed(m.get_body(("html",)).get_content())
            out[os.path.basename(path)] = {"text": [p.strip() for p in text.split("\n\n") if p.strip()],
                                           "html": r.paragraphs[:-1], "links": r.links, "scripts": r.scripts}
        print(json.dumps(out))
        """#

    @Test func theHTMLPartKeepsParagraphsAndLinksThePortalButNotRecordText() throws {
        let repo = try Repo()
        let settings = repo.url.appendingPathComponent("data/marketplace.json")
        let text = try String(contentsOf: settings, encoding: .utf8)
        try text.replacingOccurrences(of: "\"portal\": {", with: "\"portal\": {\n    \"baseURL\": \"https://portal.example/\",")
            .write(to: settings, atomically: true, encoding: .utf8)
        try repo.commit("portal address")
        let org: [String: Any] = [
            "schemaVersion": 1, "id": "toons", "name": Self.hostileName, "status": "enabled", "createdAt": "2026-11-01T09:00:00Z",
            "members": [
                [
                    "email": "sam@toons.example", "firstName": "Sam", "lastName": "Toon", "role": "super-admin", "state": "active",
                    "invitedAt": "2026-11-01T09:00:00Z", "invitedBy": "admin@provider.example",
                ],
                [
                    "email": "kim@toons.example", "firstName": "Kim", "lastName": "<b>Bold</b>", "role": "team-member", "state": "invited",
                    "invitedAt": "2026-11-02T09:00:00Z", "invitedBy": "sam@toons.example",
                ],
            ],
            "teams": [["id": "everyone", "name": "Everyone", "default": true, "members": ["sam@toons.example", "kim@toons.example"]]],
        ]
        try JSONSerialization.data(withJSONObject: org, options: [.prettyPrinted, .sortedKeys])
            .write(to: repo.url.appendingPathComponent("data/orgs/toons.json"))
        try repo.commit("toons")
        let outbox = repo.url.appendingPathComponent("outbox")
        let run = try repo.run(["notify", "--base", "HEAD~1", "--outbox", outbox.path])
        #expect(run.status == 0, "\(run.stderr)")
        let script = repo.url.appendingPathComponent("read.py")
        try Data(Self.reader.utf8).write(to: script)
        let json = try EmailHeaderTests.python([script.path, outbox.path])
        let messages = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: [String: Any]], "\(json)")
        let invitation = try #require(messages.first(where: { $0.key.hasPrefix("invitation-toons") })?.value, "\(Array(messages.keys))")
        let paragraphs = try #require(invitation["text"] as? [String])
        let html = try #require(invitation["html"] as? [String])
        // One <p> per paragraph of the text, its lines kept.
        #expect(html == paragraphs, "\(html)\n\(paragraphs)")
        #expect(paragraphs.count >= 4)
        let links = invitation["links"] as? [String] ?? []
        #expect(links.contains("https://portal.example/orgs/toons/index.html"), "\(links)")
        #expect(!links.contains { $0.contains("evil.example") }, "\(links)")
        #expect(invitation["scripts"] as? Int == 0)
        #expect(html.joined().contains(Self.hostileName))
    }
}
