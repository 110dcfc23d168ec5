import Foundation
import RosterCore
import RosterSynth
import Testing
@testable import RosterSite

/// The shares list and the registration queue in static pages (``ListPages``), as a user opens
/// a built portal from `file://`: 230 shares (three pages) and 150 pending registrations and
/// more (two pages), at desktop and phone width, with the pages' scripts off: numbered links
/// lead to every row, and no page is wider than a phone.
@Suite(.serialized) struct ListPagesBrowserTests {
    final class Site: @unchecked Sendable {
        let project: SiteProject
        /// Shares in natural name order; pending orgs oldest request first.
        let shares: [ShareRecord]
        let pending: [OrgRecord]

        init() throws {
            let dir = scratch.appendingPathComponent("roster-synth-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: dir) }
            var files = SyntheticMarketplace(orgs: 60, membersPerOrg: 2, shares: 230, seed: 5).files()
            for n in 0..<150 { files.append(("data/orgs/queue-\(n).json", Array(Self.pendingOrg(n).utf8))) }
            for (path, bytes) in files {
                let url = dir.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
            }
            project = try SiteProject(records: dir)
            try project.build()
            let snapshot = RecordStore.load(root: project.root.path)
            let key = { (s: ShareRecord) in NaturalOrder.key(s.name) }
            shares = snapshot.shares.map(\.record).sorted { a, b in key(a) != key(b) ? key(a).lexicographicallyPrecedes(key(b)) : a.id < b.id }
            let requested = { (o: OrgRecord) in o.registration?.requestedAt ?? "" }
            pending = snapshot.orgs.map(\.record).filter { $0.status == .pending }.sorted { a, b in
                requested(a) != requested(b) ? requested(a) < requested(b) : a.id < b.id
            }
            #expect(shares.count == 230)
            #expect(pending.count > 150)
        }

        /// A pending registration; requests in an order that is not the ids' order.
        static func pendingOrg(_ n: Int) -> String {
            let at = "2024-0\(1 + n % 9)-1\(n % 10)T0\(n % 7):\(10 + n % 50):00Z"
            return """
                {"$schema": "../../schemas/org.schema.json", "schemaVersion": 1, "id": "queue-\(n)", "name": "Queue \(n)", "status": "pending",
                 "createdAt": "\(at)", "registration": {"requestedBy": "owner@queue-\(n).example", "requestedAt": "\(at)"},
                 "members": [{"email": "owner@queue-\(n).example", "firstName": "Owner", "lastName": "Of \(n)", "role": "team-member",
                   "state": "active", "invitedAt": "\(at)", "invitedBy": "owner@queue-\(n).example"}],
                 "teams": [{"id": "everyone", "name": "Everyone", "default": true, "members": ["owner@queue-\(n).example"]}]}
                """
        }

        func page(_ path: String) -> URL { project.output.appendingPathComponent(path) }
    }

    static let site = Result(catching: { try Site() })

    /// The link texts of a list's page navigation, and the row links of its first table.
    static let links = "Array.prototype.map.call(document.querySelectorAll('nav.pagination a'), function (a) { return a.textContent; })"
    static let rowLinks =
        "Array.prototype.map.call(document.querySelector('main table').querySelectorAll('tbody th a'), function (a) { return a.getAttribute('href'); })"
    /// Follows the navigation's link with this text, as a click without script would.
    static func follow(_ text: String) -> String {
        "Array.prototype.filter.call(document.querySelectorAll('nav.pagination a'), function (a) { return a.textContent === '\(text)'; })[0].href"
    }
    static let width = "[document.documentElement.scrollWidth, window.innerWidth]"

    func fits(_ value: Any) -> Bool {
        let v = value as? [Int] ?? []
        return v.count == 2 && v[0] <= v[1]
    }

    @Test(arguments: [1400, 390]) func sharesArePagedInNameOrderAndLinkedWithoutScript(width: Int) throws {
        let site = try Self.site.get()
        try FileManager.default.createDirectory(at: OrgsPageBrowserTests.screenshots, withIntermediateDirectories: true)
        let first = try Browser.run([
            .openWithoutScripts(site.page("shares/index.html"), width: width), .eval(Self.rowLinks), .eval(Self.links), .eval(Self.width),
            .screenshot(OrgsPageBrowserTests.screenshots.appendingPathComponent("shares-\(width).png")), .eval(Self.follow("3")),
        ])
        #expect(first[0] as? [String] == site.shares.prefix(100).map { "\($0.id)/index.html" })
        #expect(first[1] as? [String] == ["1", "2", "3", "Next"])
        #expect(fits(first[2]), "\(first[2])")
        let last = try #require(URL(string: first[3] as? String ?? ""))
        #expect(last.lastPathComponent == "page-3.html")
        let third = try Browser.run([
            .openWithoutScripts(last, width: width), .eval(Self.rowLinks), .eval(Self.width), .eval(Self.follow("Previous")),
            .eval("document.querySelector('nav.pagination a[aria-current=page]').textContent"), .eval("document.title"),
        ])
        #expect(third[0] as? [String] == site.shares.suffix(30).map { "\($0.id)/index.html" })
        #expect(fits(third[1]), "\(third[1])")
        #expect(URL(string: third[2] as? String ?? "")?.lastPathComponent == "page-2.html")
        #expect(third[3] as? String == "3")
        #expect((third[4] as? String)?.hasPrefix("Shares, page 3") == true)
    }

    @Test(arguments: [1400, 390]) func theRegistrationQueueIsPagedOldestFirst(width: Int) throws {
        let site = try Self.site.get()
        let decided = "document.getElementById('decided') !== null"
        let first = try Browser.run([
            .openWithoutScripts(site.page("registrations/index.html"), width: width), .eval(Self.rowLinks), .eval(Self.links),
            .eval(Self.width), .eval(decided), .screenshot(OrgsPageBrowserTests.screenshots.appendingPathComponent("registrations-\(width).png")),
            .eval(Self.follow("Next")),
        ])
        #expect(first[0] as? [String] == site.pending.prefix(100).map { "../orgs/\($0.id)/index.html" })
        #expect(first[1] as? [String] == ["1", "2", "Next"])
        #expect(fits(first[2]), "\(first[2])")
        #expect(first[3] as? Bool == true)
        let next = try #require(URL(string: first[4] as? String ?? ""))
        let second = try Browser.run([.openWithoutScripts(next, width: width), .eval(Self.rowLinks), .eval(Self.width), .eval(decided)])
        #expect(second[0] as? [String] == site.pending.dropFirst(100).map { "../orgs/\($0.id)/index.html" })
        #expect(fits(second[1]), "\(second[1])")
        #expect(second[2] as? Bool == false)
    }

    @Test func theOverviewListsTheOldestPendingAndLinksToTheQueue() throws {
        let site = try Self.site.get()
        let overview = try site.project.read("_site/index.html")
        let start = try #require(overview.range(of: "<h2 id=\"pending\">"))
        let pendingSection = overview[start.upperBound...].components(separatedBy: "</section>")[0]
        #expect(pendingSection.components(separatedBy: "<tr><td data-label=\"Org\">").count - 1 == Pages.overviewPending)
        #expect(pendingSection.contains(site.pending[0].name))
        #expect(pendingSection.contains("<a href=\"registrations/index.html\">\(site.pending.count - 10) more in the registration queue</a>"))
    }
}
