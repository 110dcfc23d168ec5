import Foundation
import Testing
@testable import RosterSite

/// The portal's pages as a provider admin reads and prints them: a 64-character name without a
/// space and a long e-mail stay inside the page and their cards, every table cell is named on a
/// phone, and paper is printed in the light palette whatever the screen's colour scheme.
@Suite(.serialized) struct LayoutBrowserTests {
    static let longID = "supercalifragilisticexpialidociousinternationalholdingsgroupltd"
    static let longEmail = "averyveryverylongfirstname.averyveryverylonglastname@subsidiary.department.example"

    /// The demo marketplace with one more pending registration, whose name (64 characters) and
    /// requester's e-mail have no place to break.
    static func site() throws -> SiteProject {
        let project = try SiteProject(records: packageRoot, content: packageRoot.appendingPathComponent("content"))
        let at = "2026-11-20T10:00:00Z"
        try project.write(
            "data/orgs/\(longID).json",
            """
            {"$schema": "../../schemas/org.schema.json", "schemaVersion": 1, "id": "\(longID)", "name": "\(longID.capitalized)x", "status": "pending",
             "createdAt": "\(at)", "registration": {"requestedBy": "\(longEmail)", "requestedAt": "\(at)"},
             "members": [{"email": "\(longEmail)", "firstName": "Maximiliana", "lastName": "Wolfeschlegelsteinhausenbergerdorff", "role": "team-member",
               "state": "active", "invitedAt": "\(at)", "invitedBy": "\(longEmail)"}],
             "teams": [{"id": "everyone", "name": "Everyone", "default": true, "members": ["\(longEmail)"]}]}
            """)
        try project.build()
        return project
    }

    /// The registration queue was wider than a 1366-pixel window (its "Decide with" column past
    /// the edge), and the team card's e-mail ran out of its border.
    @Test func longNamesAndEMailsStayInsideThePageAndTheirCards() throws {
        let project = try Self.site()
        let cardsOverflow = """
            Array.prototype.some.call(document.querySelectorAll(".team"), function (card) { return card.scrollWidth > card.clientWidth; })
            """
        var steps: [Browser.Step] = []
        for width in [1366, 390] {
            for page in ["index.html", "registrations/index.html", "orgs/\(Self.longID)/index.html"] {
                steps += [.open(project.output.appendingPathComponent(page), width: width), .eval(Browser.overflows)]
            }
            steps.append(.eval(cardsOverflow))
        }
        let values = try Browser.run(steps)
        #expect(values.count == 8)
        for (n, value) in values.enumerated() { #expect(value as? Bool == false, "check \(n) of \(values.count)") }
    }

    /// On a phone each row is a card whose cells are shown under their column's name: the apps
    /// table's cells had no name, so "Dispatch" and "freight-rates, weather-daily" stood alone.
    @Test func everyCellOfAnOrgPageIsNamedOnAPhone() throws {
        let project = try SiteProject(records: packageRoot, content: packageRoot.appendingPathComponent("content"))
        try project.build()
        let values = try Browser.run([
            .open(project.output.appendingPathComponent("orgs/acme-logistics/index.html"), width: 390),
            .eval("document.querySelectorAll('section[aria-labelledby=apps] td').length"),
            .eval("document.querySelectorAll('main td:not([data-label])').length"),
        ])
        #expect((values.first as? Int ?? 0) > 0, "the demo's acme-logistics has an app")
        #expect(values.last as? Int == 0)
    }

    /// Printed from a browser in dark mode, the page kept the dark palette on white paper: a
    /// near-black header band, ids as black on near-black, muted text in light grey.
    @Test func aPrintedPageIsTheSameWhateverTheScreensColourScheme() throws {
        let project = try SiteProject(records: packageRoot, content: packageRoot.appendingPathComponent("content"))
        try project.build()
        let colours = """
            [".site-header", ".facts code", ".facts dt", "thead th", ".badge", ".team", "main"].map(function (s) {
              var style = getComputedStyle(document.querySelector(s));
              return s + ": " + style.color + " on " + style.backgroundColor + ", border " + style.borderTopColor;
            })
            """
        let page = project.output.appendingPathComponent("orgs/hooli-cloud/index.html")
        let values = try Browser.run([
            .open(page, width: 1366), .emulate(media: "print", scheme: "light"), .eval(colours),
            .emulate(media: "print", scheme: "dark"), .eval(colours),
            .emulate(media: "", scheme: "dark"), .eval(colours),
        ])
        let light = try #require(values.first as? [String]), dark = try #require(values.dropFirst().first as? [String])
        let screen = try #require(values.last as? [String])
        #expect(light.count == 7)
        #expect(dark == light)
        // The emulation took: on the screen the dark scheme does differ.
        #expect(screen != light)
    }
}
