import Foundation
import Testing
@testable import RosterSite

/// Each page kind of the portal and of the Markdown catalogue, compared with a golden file.
/// Re-record after an intended change with `ROSTER_RECORD_GOLDEN=1 swift test --filter GoldenTests`.
@Suite(.serialized) struct GoldenTests {
    static let recording = ProcessInfo.processInfo.environment["ROSTER_RECORD_GOLDEN"] == "1"
    static let goldenURL = siteTestsURL.appendingPathComponent("Golden")

    static let htmlPages = [
        "index.html", "orgs/index.html", "orgs/acme/index.html", "orgs/beta/index.html", "shares/index.html",
        "shares/feed/index.html", "registrations/index.html", "docs/guide/index.html", "docs/other/index.html", "404.html",
        "api/orgs.json", "api/orgs/acme.json", "api/shares.json", "search-index.json",
        "search/manifest.js", "search/rows-0.js", "search/terms-0.js", "search/status-enabled.js",
    ]
    static let markdownPages = ["README.md", "orgs/README.md", "orgs/acme.md", "orgs/beta.md", "shares/README.md", "shares/feed.md"]

    func compare(_ actual: String?, golden: String) throws {
        let url = Self.goldenURL.appendingPathComponent(golden)
        if Self.recording {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data((actual ?? "").utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "\(golden) differs from its golden file; re-record with ROSTER_RECORD_GOLDEN=1 if intended")
    }

    @Test func htmlPagesMatchTheirGoldenFiles() throws {
        let project = try SiteProject()
        try project.build()
        let files = try project.outputFiles()
        for page in Self.htmlPages { try compare(files[page], golden: "html/" + page) }
    }

    @Test func markdownCatalogueMatchesItsGoldenFiles() throws {
        let project = try SiteProject()
        let out = project.root.appendingPathComponent("catalogue")
        try project.build(format: .markdown, out: out)
        let files = try project.outputFiles(out)
        for page in Self.markdownPages { try compare(files[page], golden: "markdown/" + page) }
    }

    @Test func twoBuildsGiveTheSameBytes() throws {
        let a = try SiteProject(), b = try SiteProject()
        try a.build()
        try b.build()
        var left = try a.outputFiles(), right = try b.outputFiles()
        // The manifest names the input files' modification times, which differ between copies.
        left[".roster-build.json"] = nil
        right[".roster-build.json"] = nil
        #expect(left == right)
    }
}
