import Foundation
import Testing
import RosterCore
import RosterSynth
@testable import RosterSite

@Suite struct BuildTests {
    @Test func aSecondBuildWithNothingChangedWritesNothing() throws {
        let project = try SiteProject()
        let first = try project.build()
        #expect(first.written == first.files)
        let before = try project.modificationDate("orgs/acme/index.html")
        let second = try project.build()
        #expect(second.upToDate)
        #expect(try project.modificationDate("orgs/acme/index.html") == before)
    }

    @Test func aBuildAfterOneOrgChangedRewritesOnlyThePagesThatShowIt() throws {
        let project = try SiteProject(records: try syntheticRecords(orgs: 40))
        try project.build()
        let before = try project.outputFiles().keys.reduce(into: [String: Date]()) { $0[$1] = try project.modificationDate($1) }
        Thread.sleep(forTimeInterval: 0.05)
        let org = try project.read("data/orgs/org-3.json").replacingOccurrences(
            of: "\"name\": \"Umbrella Analytics 3\"", with: "\"name\": \"Umbrella Renamed 3\"")
        try project.write("data/orgs/org-3.json", org)
        let report = try project.build()
        #expect(!report.upToDate)
        // Of the pages rendered from one record, only org-3's page and API record were rendered.
        #expect(report.reused == 2 * 40 - 2)
        let after = try project.outputFiles()
        var rewritten: [String] = []
        // The manifest and the findings kept for the next build are not pages.
        for (path, text) in after where !path.hasPrefix(".roster-") {
            guard try project.modificationDate(path) != before[path] else { continue }
            rewritten.append(path)
            // Search pieces hold words, in lower case.
            #expect(
                text.contains(path.hasPrefix("search/terms-") ? "\"renamed\"" : "Umbrella Renamed 3"), "\(path) was rewritten but does not show org-3"
            )
        }
        #expect(rewritten.contains("orgs/org-3/index.html"))
        #expect(rewritten.contains("orgs/index.html"))
        #expect(!rewritten.contains("orgs/org-7/index.html"))
    }

    @Test func aDeletedOrgsPagesAreRemoved() throws {
        let project = try SiteProject()
        try project.build()
        #expect(FileManager.default.fileExists(atPath: project.output.appendingPathComponent("orgs/beta/index.html").path))
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("data/orgs/beta.json"))
        let report = try project.build()
        #expect(report.removed == 2)
        #expect(!FileManager.default.fileExists(atPath: project.output.appendingPathComponent("orgs/beta").path))
    }

    /// An asset renamed from one spelling of its name to another ("e\u{301}" to "é", the same
    /// text, two names on disk): the file of the old name is removed, as a fresh build has
    /// only the new one.
    @Test func aFileRenamedToAnotherSpellingOfItsNameIsRemoved() throws {
        let project = try SiteProject()
        let decomposed = "site-templates/assets/cafe\u{301}.css", composed = "site-templates/assets/caf\u{E9}.css"
        #expect(creat(project.root.path + "/" + decomposed, 0o644) >= 0)
        try project.build()
        #expect(rename(project.root.path + "/" + decomposed, project.root.path + "/" + composed) == 0)
        let report = try project.build()
        #expect(report.removed == 1)
        let names = try FileManager.default.contentsOfDirectory(atPath: project.output.appendingPathComponent("assets").path)
        #expect(names.filter { $0.hasPrefix("caf") }.map { Array($0.utf8) } == [Array("caf\u{E9}.css".utf8)])
    }

    /// A build stopped before its manifest (killed; here its last step left out), then its
    /// inputs put back: the pages it wrote have the keys of the earlier manifest again, and the
    /// page of the share it added is no longer made. The tree is still the fresh build's.
    @Test func aBuildStoppedHalfWayThenUndoneGivesTheFreshBuildsTree() throws {
        let project = try SiteProject()
        try project.build()
        let acme = try project.read("data/orgs/acme.json")
        try project.write("data/orgs/acme.json", acme.replacingOccurrences(of: "\"name\": \"Acme\",", with: "\"name\": \"Acme Stopped\","))
        let feed = try project.read("data/shares/feed.json")
        try project.write(
            "data/shares/other.json",
            feed.replacingOccurrences(of: "\"id\": \"feed\"", with: "\"id\": \"other\"").replacingOccurrences(of: "Data feed", with: "Other feed"))
        let builder = PortalBuilder(options: .init(root: project.root.path, output: project.output.path, today: fixedDay))
        var state = BuildState(output: SiteOutput(directory: project.output.path), clock: BuildClock(everyLap: false, progress: { _ in }))
        _ = try BuildPipeline(steps: Array(builder.steps.dropLast()), progress: { _ in }).run(&state)
        #expect(try project.outputFiles()["orgs/acme/index.html"]?.contains("Acme Stopped") == true)
        try project.write("data/orgs/acme.json", acme)
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("data/shares/other.json"))
        try project.build()
        try project.expectTheFreshBuildsTree()
    }

    /// The preview (`roster serve --out`) stopped during its first build, before it wrote its
    /// manifest: the pages it wrote carry its live-reload script, and the manifest in the folder
    /// is the last `roster build`'s, whose inputs did not change since.
    @Test func aPreviewStoppedBeforeItsManifestLeavesNoPageToTheNextBuild() throws {
        let project = try SiteProject()
        try project.build()
        let preview = PortalBuilder(
            options: .init(
                root: project.root.path, output: project.output.path, today: fixedDay, extraScript: "/__roster/live.js", session: BuildSession(),
                sitePath: "/"))
        _ = try preview.build()  // and no `saveManifest()`
        #expect(try project.outputFiles()["orgs/acme/index.html"]?.contains("/__roster/live.js") == true)
        let report = try project.build()
        #expect(!report.upToDate)
        #expect(try project.outputFiles().filter { $0.value.contains("/__roster/live.js") }.keys.sorted() == [])
    }

    @Test func invalidRecordsBuildNothing() throws {
        let project = try SiteProject()
        try project.write("data/orgs/acme.json", "{ \"id\": ")
        #expect(project.failure()?.contains("data/orgs/acme.json:1:9: error:") == true)
        #expect(!FileManager.default.fileExists(atPath: project.output.path))
    }

    @Test func templateErrorsNameTheFileAndLine() throws {
        let project = try SiteProject()
        try project.write("site-templates/shares.mustache", "{{> partials/head}}\n<h1>Shares</h1>\n{{> partials/nope}}\n")
        #expect(
            project.failure()
                == "site-templates/shares.mustache:3:1: error: the partial \"partials/nope\" does not exist (no site-templates/partials/nope.mustache)"
        )
        try project.write("site-templates/shares.mustache", "line one\n{{#rows}}\n{{/cols}}\n")
        #expect(project.failure()?.hasPrefix("site-templates/shares.mustache:3:") == true)
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("site-templates/shares.mustache"))
        #expect(project.failure()?.contains("site-templates/shares.mustache:1:1: error: the template is missing") == true)
    }

    @Test func brokenFrontMatterNamesTheFileAndLine() throws {
        let project = try SiteProject()
        try project.write("content/bad.md", "---\ntitle: Bad\nweight: heavy\n---\nText\n")
        #expect(project.failure() == "content/bad.md:3:1: error: weight must be a whole number, not \"heavy\"")
        try project.write("content/bad.md", "---\ntitle: Bad\n\nText\n")
        #expect(project.failure()?.contains("content/bad.md:1:1: error: the front matter is not closed") == true)
    }
}
