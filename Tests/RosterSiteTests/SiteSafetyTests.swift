import Foundation
import Testing
import RosterCore
@testable import RosterSite

@Suite struct SiteSafetyTests {
    /// Every relative href and src of every page of the demo site resolves to a file of the site.
    @Test func everyLinkOfTheDemoSiteResolves() throws {
        let project = try SiteProject(records: packageRoot, content: packageRoot.appendingPathComponent("content"))
        try project.build()
        let files = try project.outputFiles()
        var checked = 0
        for (path, text) in files where path.hasSuffix(".html") {
            for link in Self.links(in: text) {
                if link.hasPrefix("#") || link.hasPrefix("http://") || link.hasPrefix("https://") || link.hasPrefix("mailto:") { continue }
                #expect(!link.hasPrefix("/"), "\(path): \(link) is not relative")
                let target = String(link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
                let resolved = URL(fileURLWithPath: "/" + path).deletingLastPathComponent().appendingPathComponent(target).standardizedFileURL.path
                #expect(files[String(resolved.dropFirst())] != nil, "\(path): \(link) does not resolve")
                checked += 1
            }
        }
        #expect(checked > 300)
    }

    static func links(in html: String) -> [String] {
        var out: [String] = []
        for attribute in ["href=\"", "src=\""] {
            var rest = html[...]
            while let r = rest.range(of: attribute) {
                let after = rest[r.upperBound...]
                guard let end = after.firstIndex(of: "\"") else { break }
                out.append(String(after[..<end]).replacingOccurrences(of: "&amp;", with: "&"))
                rest = after[end...]
            }
        }
        return out
    }

    /// Hostile record text is escaped everywhere; dangerous Markdown links and raw HTML are dropped.
    @Test func hostileValuesAreEscaped() throws {
        let project = try SiteProject()
        var acme = try project.read("data/orgs/acme.json")
        acme = acme.replacingOccurrences(of: "\"name\": \"Acme\"", with: "\"name\": \"<script>alert(1)</script>\"")
            .replacingOccurrences(of: "\"firstName\": \"Ann\"", with: "\"firstName\": \"Ann \\\"O'Hara\\\" <b>\"")
            .replacingOccurrences(of: "\"name\": \"Ops\"", with: "\"name\": \"<img src=x onerror=alert(2)>\"")
        try project.write("data/orgs/acme.json", acme)
        var feed = try project.read("data/shares/feed.json")
        feed = feed.replacingOccurrences(
            of: "\"description\": \"A feed.\"", with: "\"description\": \"</td><script>alert(3)</script> | [x](javascript:alert(4))\"")
        try project.write("data/shares/feed.json", feed)
        try project.write(
            "content/evil.md",
            """
            ---
            title: "<script>alert(5)</script>"
            weight: 1
            ---

            [click](javascript:alert(6)) <script>alert(7)</script> <img src=x onerror=alert(8)>

            <iframe src="https://example.com"></iframe>
            """)
        try project.build()
        let markdownOut = project.root.appendingPathComponent("catalogue")
        try project.build(format: .markdown, out: markdownOut)
        let files = try project.outputFiles().merging(try project.outputFiles(markdownOut).mapKeys { "catalogue/" + $0 }) { a, _ in a }
        for (path, text) in files where !path.hasPrefix("assets/") {
            // In Markdown, a `<` is inert when a backslash escapes it.
            let inert = path.hasSuffix(".md") ? text.replacingOccurrences(of: "\\<", with: "") : text
            #expect(!inert.contains("<script>alert"), "\(path) holds an unescaped script")
            #expect(!inert.contains("<img src=x"), "\(path) holds an unescaped img")
            #expect(!inert.contains("<iframe"), "\(path) holds an iframe")
            #expect(!inert.contains("href=\"javascript:"), "\(path) holds a javascript: link")
            #expect(!inert.contains("<b>"), "\(path) holds unescaped record markup")
        }
        #expect(files["api/orgs/acme.json"]?.contains("\\u003cscript\\u003ealert(1)") == true)
        #expect(files["orgs/acme/index.html"]?.contains("&lt;script&gt;alert(1)&lt;/script&gt;") == true)
        #expect(files["catalogue/orgs/acme.md"]?.contains("\\<script\\>") == true)
        #expect(files["catalogue/shares/feed.md"]?.contains("\\</td\\>") == true)
    }

    @Test func outputPathsCannotLeaveTheOutputFolder() throws {
        for bad in ["../x", "a/../../x", "/etc/passwd", "", "a//b", "a/./b", "a\\..\\b", "..", "a/.."] {
            #expect(!SiteOutput.isContained(bad), "\(bad)")
        }
        for good in ["index.html", "orgs/acme/index.html", "a..b/c"] { #expect(SiteOutput.isContained(good)) }
        let out = SiteOutput(directory: scratch.appendingPathComponent("roster-out-\(UUID().uuidString)").path)
        #expect(throws: SiteOutput.Failure.self) { try out.write([1], to: "../escape.txt") }
    }

    @Test func anIDThatTriesToClimbOutIsRefusedAndNothingIsWritten() throws {
        let project = try SiteProject()
        let acme = try project.read("data/orgs/acme.json")
        try project.write(
            "data/orgs/evil.json",
            acme.replacingOccurrences(of: "\"id\": \"acme\"", with: "\"id\": \"../../evil\"")
                .replacingOccurrences(of: "\"name\": \"Acme\"", with: "\"name\": \"Dots\"").replacingOccurrences(
                    of: "@acme.example", with: "@dots.example"))
        let failure = project.failure()
        #expect(failure?.contains("[id-format]") == true)
        #expect(!FileManager.default.fileExists(atPath: project.output.path))
        #expect(!FileManager.default.fileExists(atPath: project.root.appendingPathComponent("evil").path))
    }

    /// No record e-mail appears anywhere in the output unless showEmails is true.
    @Test func noFullEmailAddressUnlessShowEmails() throws {
        let project = try SiteProject(records: packageRoot, content: packageRoot.appendingPathComponent("content"))
        let snapshot = RecordStore.load(root: project.root.path)
        var emails = Set(snapshot.settings.admins + snapshot.settings.notifications.adminRecipients)
        for org in snapshot.orgs {
            for m in org.record.members { emails.insert(m.email); emails.insert(m.invitedBy) }
            if let r = org.record.registration { emails.insert(r.requestedBy); r.decidedBy.map { _ = emails.insert($0) } }
            org.record.statusChangedBy.map { _ = emails.insert($0) }
        }
        emails.remove(Registration.autoApprover)
        #expect(emails.count > 40)
        try project.build()
        let markdownOut = project.root.appendingPathComponent("catalogue")
        try project.build(format: .markdown, out: markdownOut)
        for (path, text) in try project.outputFiles().merging(try project.outputFiles(markdownOut), uniquingKeysWith: { a, _ in a }) {
            for email in emails { #expect(!text.contains(email), "\(path) shows \(email)") }
        }
        // The control: with showEmails, they are there.
        let settings = try project.read("data/marketplace.json").replacingOccurrences(of: "\"showEmails\": false", with: "\"showEmails\": true")
        try project.write("data/marketplace.json", settings)
        try project.build()
        #expect(try project.outputFiles()["orgs/initech/index.html"]?.contains("bill.lumbergh@initech.example") == true)
    }
}

extension Dictionary {
    func mapKeys(_ transform: (Key) -> Key) -> [Key: Value] {
        Dictionary(uniqueKeysWithValues: map { (transform($0.key), $0.value) })
    }
}
