import Foundation
import Testing
import RosterCore
@testable import RosterSite

/// The 404 page is served at missing addresses such as `/orgs/nope/`, so its links cannot be
/// relative to its own place (issue 13).
@Suite struct NotFoundPageTests {
    @Test func sha256MatchesTheStandardVectors() {
        func hex(_ text: String) -> String { SHA256.digest(Array(text.utf8)).map { String(format: "%02x", $0) }.joined() }
        #expect(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex(String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test func withABaseURLTheScriptIsToldItsPathAndTheLinksStayRelative() throws {
        let project = try SiteProject()
        let settings = try project.read("data/marketplace.json")
        try project.write(
            "data/marketplace.json",
            settings.replacingOccurrences(
                of: "\"title\": \"Fixture portal\",",
                with: "\"title\": \"Fixture portal\",\n    \"baseURL\": \"https://portal.example/consumers\","))
        try project.build()
        let page = try String(contentsOf: project.output.appendingPathComponent("404.html"), encoding: .utf8)
        #expect(page.contains("<script data-root=\"/consumers/\">(function () {"))
        #expect(page.contains("<link rel=\"stylesheet\" href=\"assets/style.css\">"), "relative, so file:// works")
    }

    @Test func withoutOneAnInlineScriptFindsTheRootAndThePolicyAllowsExactlyIt() throws {
        let project = try SiteProject()
        try project.build()
        let page = try String(contentsOf: project.output.appendingPathComponent("404.html"), encoding: .utf8)
        let start = try #require(page.range(of: "<script>")).upperBound
        let end = try #require(page.range(of: "</script>", range: start..<page.endIndex)).lowerBound
        let hash = "sha256-" + Data(SHA256.digest(Array(page[start..<end].utf8))).base64EncodedString()
        #expect(page.contains("script-src 'self' '\(hash)';"))
        // Only the 404 page gets the exception.
        let orgs = try String(contentsOf: project.output.appendingPathComponent("orgs/index.html"), encoding: .utf8)
        #expect(orgs.contains("script-src 'self';"))
    }

    @Test func thePreviewTellsTheScriptTheSiteIsAtTheRoot() throws {
        let project = try SiteProject()
        _ = try PortalBuilder(options: .init(root: project.root.path, output: project.output.path, today: fixedDay, sitePath: "/")).build()
        let page = try String(contentsOf: project.output.appendingPathComponent("404.html"), encoding: .utf8)
        #expect(page.contains("<script data-root=\"/\">(function () {"))
    }
}
