import Foundation
import RosterCore
import RosterSynth
import Testing
@testable import RosterSite

/// The Consumer Orgs page of 251 orgs (three static pages), in headless Chromium at desktop
/// and phone width, opened from `file://` as a user opens a built portal: static pages in
/// natural name order with numbered links, then sorting, filtering, paging and searching done
/// by its script with the index it loads in pieces; no page wider than the window at 390 px.
@Suite(.serialized) struct OrgsPageBrowserTests {
    /// Script that would run if a name reached the page as HTML.
    static let hostileName = #"<img src=x onerror="pwned=1"></script><script>pwned=2</script>"#

    final class Site: @unchecked Sendable {
        let project: SiteProject
        let orgs: [OrgRecord]
        var url: URL { project.output }

        init() throws {
            let dir = scratch.appendingPathComponent("roster-synth-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: dir) }
            for (path, bytes) in SyntheticMarketplace(orgs: 251, membersPerOrg: 3, shares: 5, seed: 3).files() {
                var bytes = bytes
                if path == "data/orgs/org-7.json" {
                    let text = String(decoding: bytes, as: UTF8.self)
                    #expect(text.contains("\"name\": \"Wayne Analytics 7\""))
                    bytes = Array(
                        text.replacingOccurrences(
                            of: "\"name\": \"Wayne Analytics 7\"", with: "\"name\": \"\(hostileName.replacingOccurrences(of: "\"", with: "\\\""))\""
                        ).utf8)
                }
                let url = dir.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
            }
            project = try SiteProject(records: dir)
            try project.build()
            let keys = { (o: OrgRecord) in NaturalOrder.key(o.name) }
            orgs = RecordStore.load(root: project.root.path).orgs.map(\.record).sorted { a, b in
                keys(a) != keys(b) ? keys(a).lexicographicallyPrecedes(keys(b)) : a.id < b.id
            }
            #expect(orgs.count == 251)
        }

        func page(_ path: String) -> URL { url.appendingPathComponent(path) }
    }

    /// Built once for every test of the suite (the records and the build do not change).
    static let site = Result(catching: { try Site() })

    func rows(_ value: Any) -> [[Any]] { value as? [[Any]] ?? [] }
    func names(_ value: Any) -> [String] { rows(value).map { $0[0] as? String ?? "" } }
    func ids(_ value: Any) -> [String] { rows(value).map { $0[1] as? String ?? "" } }

    static let screenshots = FileManager.default.temporaryDirectory.appendingPathComponent("roster-screenshots")

    @Test(arguments: [1400, 390]) func staticPagesListTheOrgsInNaturalOrderWithNumberedLinks(width: Int) throws {
        let site = try Self.site.get()
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        let v = try Browser.run([
            .open(site.page("orgs/index.html"), width: width), .eval(Browser.rows),
            .eval("Array.prototype.map.call(document.querySelectorAll('#orgs-pages a'), function (a) { return a.textContent; })"),
            .eval(Browser.overflows), .eval("document.querySelector('output').textContent"),
            .screenshot(Self.screenshots.appendingPathComponent("orgs-\(width).png")),
            .open(site.page("orgs/page-3.html"), width: width), .eval(Browser.rows),
        ])
        #expect(names(v[0]) == site.orgs.prefix(100).map(\.name))
        #expect(v[1] as? [String] == ["1", "2", "3", "Next"])
        #expect(v[2] as? Bool == false)
        #expect(v[3] as? String == "Orgs 1–100 of 251")
        #expect(ids(v[4]) == site.orgs.suffix(51).map(\.id))
    }

    @Test(arguments: [1400, 390]) func theScriptSortsFiltersAndPagesEveryOrg(width: Int) throws {
        let site = try Self.site.get()
        // Column headers at desktop width, the sort menu on a phone (the headers are hidden there).
        let sortByUsers =
            width > 720
            ? "document.querySelector('th[data-sort=users] button').click();"
            : "var s = document.getElementById('org-sort'); s.value = '-users'; s.dispatchEvent(new Event('change'));"
        let byUsers = site.orgs.enumerated().sorted { a, b in
            a.element.userCount != b.element.userCount ? a.element.userCount > b.element.userCount : a.offset < b.offset
        }.map(\.element)
        let enabled = site.orgs.filter { $0.status == .enabled }
        let v = try Browser.run([
            .open(site.page("orgs/index.html"), width: width),
            .eval(Browser.settle(sortByUsers)), .eval(Browser.rows),
            .eval("document.querySelector('th[data-sort=users]').getAttribute('aria-sort')"),
            .eval(Browser.settle("var s = document.getElementById('org-status'); s.value = 'enabled'; s.dispatchEvent(new Event('change'));")),
            .eval(Browser.settle("document.querySelector('#orgs-pages a[data-page=\"2\"]').click();")), .eval(Browser.rows),
            .eval("[document.querySelector('output').textContent, location.search]"), .eval(Browser.overflows),
            .screenshot(Self.screenshots.appendingPathComponent("orgs-sorted-\(width).png")),
            // The view is in the address: opened again, the page shows the same.
            .open(URL(string: site.page("orgs/index.html").absoluteString + "?status=enabled&sort=-users&page=2")!, width: width),
            .wait("document.getElementById('orgs-table').getAttribute('aria-busy') === 'false'"), .eval(Browser.rows),
        ])
        #expect(ids(v[1]) == byUsers.prefix(100).map(\.id))
        #expect(v[2] as? String == "descending")
        let enabledByUsers = byUsers.filter { $0.status == .enabled }
        #expect(ids(v[5]) == Array(enabledByUsers.dropFirst(100).prefix(100).map(\.id)))
        #expect((v[6] as? [String])?.first == "Orgs 101–200 of \(enabled.count)")
        #expect((v[6] as? [String])?.last == "?status=enabled&sort=-users&page=2")
        #expect(v[7] as? Bool == false)
        #expect(ids(v[8]) == ids(v[5]))
    }

    @Test(arguments: [1400, 390]) func theSearchFindsIdsMembersAndHostileNamesAsText(width: Int) throws {
        let site = try Self.site.get()
        let member = try #require(site.orgs.first { $0.id == "org-42" }?.members.last)
        // Each word of the query starts a word of the org (of any member, team, name or id).
        let query = SearchTokens.words(member.firstName + " " + member.lastName)
        let withMember = site.orgs.filter { org in
            let words = OrgsIndex.words(org)
            return query.allSatisfy { q in words.contains { $0.hasPrefix(q) } }
        }
        func type(_ query: String) -> String {
            "var q = document.getElementById('org-search'); q.value = \(String(reflecting: query)); q.dispatchEvent(new Event('input'));"
        }
        let v = try Browser.run([
            .open(site.page("orgs/index.html"), width: width),
            .eval(Browser.settle(type("org-123"))), .eval(Browser.rows),
            .eval(Browser.settle(type("\(member.firstName.lowercased()) \(member.lastName.uppercased())"))), .eval(Browser.rows),
            .eval(Browser.settle(type("onerror script"))), .eval(Browser.rows),
            .eval("[document.querySelectorAll('#orgs-table tbody img, #orgs-table tbody script').length, typeof window.pwned]"),
            .screenshot(Self.screenshots.appendingPathComponent("orgs-search-\(width).png")),
            .eval(Browser.settle(type("zzzz"))), .eval("document.querySelector('output').textContent"),
            .eval(Browser.settle(type(""))), .eval(Browser.rows),
        ])
        #expect(ids(v[1]) == ["org-123"])
        #expect(ids(v[3]) == withMember.prefix(100).map(\.id))
        #expect(names(v[5]) == [Self.hostileName])
        #expect((v[6] as? [Any])?.first as? Int == 0)
        #expect((v[6] as? [Any])?.last as? String == "undefined")
        #expect(v[8] as? String == "No org matches.")
        #expect(names(v[10]) == site.orgs.prefix(100).map(\.name))
    }

    @Test func noPageIsWiderThanAPhone() throws {
        let site = try Self.site.get()
        let pages = [
            "index.html", "orgs/index.html", "orgs/page-2.html", "orgs/org-1/index.html", "orgs/org-7/index.html",
            "shares/index.html", "shares/share-0/index.html", "registrations/index.html", "docs/guide/index.html", "404.html",
        ]
        var steps: [Browser.Step] = []
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        for page in pages {
            steps += [
                .open(site.page(page), width: 390), .eval("[location.pathname, document.documentElement.scrollWidth, window.innerWidth]"),
                .screenshot(Self.screenshots.appendingPathComponent("phone-" + page.replacingOccurrences(of: "/", with: "-") + ".png")),
            ]
        }
        for value in try Browser.run(steps) {
            let v = value as? [Any] ?? []
            #expect((v[1] as? Int ?? .max) <= (v[2] as? Int ?? 0), "\(v)")
        }
    }
}
