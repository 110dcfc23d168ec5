import Foundation
import Testing
import RosterCore
@testable import RosterSite

/// The pages of the long lists are keyed by the keys of their records: after a change, only
/// the pages that show it are rendered again, and the tree is the tree of a fresh build.
@Suite struct ListPageKeyTests {
    /// 250 orgs: three pages of the Consumer Orgs list.
    @Test(arguments: ["status", "moves to another page", "share name", "member"])
    func anIncrementalBuildOfTheListsEqualsAFreshOne(_ change: String) throws {
        let project = try SiteProject(records: try syntheticRecords(orgs: 250))
        try project.build()
        func edit(_ path: String, _ change: (String) -> String) throws {
            let text = try project.read(path)
            #expect(change(text) != text, "\(path)")
            try project.write(path, change(text))
        }
        // An org on the last page of the list (names in natural order: "Umbrella ..." sorts last).
        let last = try #require(
            (0..<250).first { n in (try? project.read("data/orgs/org-\(n).json"))?.contains("\"name\": \"Umbrella") == true })
        switch change {
        case "status":
            // The filters of every page count the orgs of each status.
            let enabled = try #require(
                (0..<250).reversed().first { n in
                    let text = (try? project.read("data/orgs/org-\(n).json")) ?? ""
                    return text.contains("\"name\": \"Umbrella") && text.contains("\"status\": \"enabled\"")
                })
            try edit("data/orgs/org-\(enabled).json") {
                $0.replacingOccurrences(
                    of: "\"status\": \"enabled\",",
                    with:
                        "\"status\": \"disabled\",\n  \"statusChangedAt\": \"2026-11-01T00:00:00Z\",\n  \"statusChangedBy\": \"ops@provider.example\","
                )
            }
        case "moves to another page":
            try edit("data/orgs/org-\(last).json") { $0.replacingOccurrences(of: "\"name\": \"Umbrella", with: "\"name\": \"Aardvark") }
        case "share name":
            let share = try #require(try FileManager.default.contentsOfDirectory(atPath: project.root.path + "/data/shares").sorted().first)
            try edit("data/shares/" + share) { text in
                let name = text.range(of: "\"name\": \"")!
                return text.replacingCharacters(in: name, with: "\"name\": \"Renamed ")
            }
        default:
            try edit("data/orgs/org-\(last).json") { text in
                let members = text.range(of: "\"members\": [")!
                return text.replacingCharacters(
                    in: members,
                    with: """
                        "members": [{"email": "new.one@example.com", "firstName": "New", "lastName": "One", "role": "team-member", \
                        "state": "invited", "invitedAt": "2026-11-22T00:00:00Z", "invitedBy": "admin@provider.example"},
                        """)
            }
        }
        let report = try project.build()
        // A share most orgs consume shows on most pages; any other change on a few.
        #expect(
            change == "share name" || report.rendered < report.files / 2,
            "only the pages that show the change are rendered (\(report.rendered) of \(report.files))")
        try project.expectTheFreshBuildsTree()
    }

    /// A share's page says why a consumer's users cannot connect ("its contract ended on ..."),
    /// which the org's end date and the day change while the share's file stays the same.
    @Test(arguments: ["end date edited", "the end date comes"])
    func aSharesPageShowsWhyAConsumerCannotConnectAsAFreshBuildDoes(_ change: String) throws {
        let project = try SiteProject()
        let acme = try project.read("data/orgs/acme.json")
        let ending = acme.replacingOccurrences(of: "\"status\": \"enabled\",", with: "\"status\": \"enabled\",\n  \"until\": \"2026-06-01\",")
        #expect(ending != acme)
        func build(_ day: CalendarDate, _ out: URL? = nil) throws {
            _ = try PortalBuilder(options: .init(root: project.root.path, output: (out ?? project.output).path, today: day)).build()
        }
        let before = CalendarDate(year: 2026, month: 5, day: 1)!
        switch change {
        case "end date edited":
            try project.write("data/orgs/acme.json", ending)
            try build(fixedDay)
            try project.write("data/orgs/acme.json", ending.replacingOccurrences(of: "2026-06-01", with: "2026-07-01"))
            try build(fixedDay)
        default:
            try project.write("data/orgs/acme.json", ending)
            try build(before)
            try build(fixedDay)
        }
        let fresh = project.root.appendingPathComponent("fresh")
        try build(fixedDay, fresh)
        let page = "shares/feed/index.html"
        let a = try project.outputFiles(), b = try project.outputFiles(fresh)
        #expect(b[page]?.contains("its contract ended on") == true)
        #expect(a[page] == b[page])
    }

    /// A link that opens on a later day: the share's page says so, and no longer once that day
    /// has come, though no file changed (the page's key holds the link's state on the day).
    @Test func aSharesPageSaysWhenALinkOpensAsAFreshBuildDoes() throws {
        let project = try SiteProject()
        let feed = try project.read("data/shares/feed.json")
        try project.write("data/shares/feed.json", feed.replacingOccurrences(of: "\"since\": \"2025-02-01\"", with: "\"since\": \"2026-12-01\""))
        func build(_ day: CalendarDate, _ out: URL? = nil) throws {
            _ = try PortalBuilder(options: .init(root: project.root.path, output: (out ?? project.output).path, today: day)).build()
        }
        let page = "shares/feed/index.html"
        try build(fixedDay)
        #expect(try project.outputFiles()[page]?.contains("the link opens on 2026-12-01") == true)
        let later = CalendarDate(year: 2026, month: 12, day: 2)!
        try build(later)
        let fresh = project.root.appendingPathComponent("fresh")
        try build(later, fresh)
        let a = try project.outputFiles(), b = try project.outputFiles(fresh)
        #expect(b[page]?.contains("the link opens on") == false)
        #expect(a[page] == b[page])
    }
}
