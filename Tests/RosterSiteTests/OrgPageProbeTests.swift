import Foundation
import RosterCore
import RosterTemplates
import Testing
@testable import RosterSite

/// The org page's values, every name at every level of the page, as a template that asks for
/// all of them sees them: a site's own `org.mustache` may use any name, anywhere, and gets
/// what the portal's own pages always gave. A name the level does not have falls through to
/// the levels around it (Mustache's context stack), so a level that claims a name it should
/// not, or lacks one it should have, shows in the page.
///
/// The golden file holds each page's length and FNV-1a hash, recorded from the view model of
/// plain values (``TemplateFields``) the org page had before it answered names as they are
/// asked. Re-record after an intended change with `ROSTER_RECORD_GOLDEN=1`.
@Suite(.serialized) struct OrgPageProbeTests {
    static let golden = GoldenTests.goldenURL.appendingPathComponent("org-probe.txt")

    /// Every name of ``TemplateKey`` and one it does not have, each written and as a section.
    static func every(_ level: String) -> String {
        let names = TemplateKey.allCases.map(\.rawValue) + ["notAName"]
        return "<\(level)>" + names.map { "\($0)={{\($0)}}{{#\($0)}}+{{/\($0)}}{{^\($0)}}-{{/\($0)}}" }.joined(separator: ";") + "</\(level)>\n"
    }

    static let probe: String = {
        var t = every("page")
        t += "{{#org}}" + every("org") + "{{/org}}"
        t += "{{#registration}}" + every("registration") + "{{/registration}}"
        t += "{{#members}}" + every("member") + "{{/members}}"
        t += "{{#teamList}}" + every("team") + "{{#members}}" + every("teamMember") + "{{/members}}{{/teamList}}"
        t += "{{#shares}}" + every("share") + "{{/shares}}"
        t += "{{#commands}}" + every("command") + "{{/commands}}"
        t += "{{#apps}}" + every("app") + "{{/apps}}"
        t += "{{#history}}" + every("history") + "{{/history}}"
        // Dotted names, `.` in sections of a text, a number and a flag, raw values.
        t += "{{org.name}}|{{org.status}}|{{org.teams}}|{{registration.reason}}|{{registration.decidedBy}}|{{org.notAName}}|{{members.name}}\n"
        t +=
            "{{#blocker}}[{{.}}]{{/blocker}}{{#until}}[{{.}}]{{/until}}{{#org}}{{#teams}}[{{.}}]{{/teams}}{{/org}}{{#hasMembers}}[{{.}}]{{/hasMembers}}\n"
        t += "{{{title}}}{{&title}}{{#members}}({{{name}}}/{{&email}}/{{{teams}}}/{{{invitedBy}}}){{/members}}"
        t += "{{#teamList}}{{#members}}({{{name}}}/{{{email}}}){{/members}}{{/teamList}}{{#org}}{{{name}}}{{/org}}\n"
        return t
    }()

    /// An org of 40 members (found through dictionaries, not scanned), names that need escaping,
    /// members in several teams, an end date passed, and a status changed by hand.
    static func largeOrg() -> String {
        let members = (0..<40).map { k in
            """
                {"email": "m\(String(format: "%02d", 39 - k))@big.example", "firstName": "F\(k) <&>", "lastName": "O'L\\"\(k)",
                 "role": "\(k % 7 == 0 ? "super-admin" : "team-member")", "state": "\(k % 5 == 0 ? "invited" : "active")",
                 "invitedAt": "2025-0\(k % 9 + 1)-1\(k % 10)T08:00:00Z", "invitedBy": "\(k % 3 == 0 ? "m00@big.example" : "ana.ruiz@meridian.example")"}
            """
        }
        func team(_ id: String, _ name: String, _ picked: (Int) -> Bool, isDefault: Bool = false) -> String {
            let emails = (0..<40).filter(picked).map { "\"m\(String(format: "%02d", $0))@big.example\"" }
            return
                "{\"id\": \"\(id)\", \"name\": \"\(name)\",\(isDefault ? " \"default\": true," : "") \"members\": [\(emails.joined(separator: ", "))]}"
        }
        return """
            {
              "$schema": "../../schemas/org.schema.json",
              "schemaVersion": 1,
              "id": "big-probe",
              "name": "Big & <Probe> \\"Org\\"",
              "status": "enabled",
              "createdAt": "2024-03-01T10:00:00Z",
              "statusChangedAt": "2025-02-02T10:00:00Z",
              "statusChangedBy": "ana.ruiz@meridian.example",
              "until": "2026-01-31",
              "members": [
            \(members.joined(separator: ",\n"))
              ],
              "teams": [
                \(team("everyone", "Everyone", { _ in true }, isDefault: true)),
                \(team("zeta", "Zeta & co", { $0 % 2 == 0 })),
                \(team("alpha", "Alpha", { $0 % 3 == 0 }))
              ]
            }
            """
    }

    /// The org pages of the demo data and the large org, rendered with the probe, as
    /// "path length hash" lines; with `showEmails`, the addresses are shown whole.
    static func probeLines(showEmails: Bool) throws -> [String] {
        let project = try SiteProject(records: packageRoot)
        try project.write("site-templates/org.mustache", probe)
        try project.write("data/orgs/big-probe.json", largeOrg())
        if showEmails {
            let settings = try project.read("data/marketplace.json")
            try project.write("data/marketplace.json", settings.replacingOccurrences(of: "\"showEmails\": false", with: "\"showEmails\": true"))
        }
        try project.build()
        let files = try project.outputFiles()
        return files.keys.filter { $0.hasPrefix("orgs/") && $0.hasSuffix("/index.html") && $0 != "orgs/index.html" && !$0.hasPrefix("orgs/page-") }
            .sorted().map { path in
                var hash = FNV1a()
                let bytes = Array(files[path]!.utf8)
                hash.add(bytes)
                return "\(showEmails ? "shown " : "")\(path) \(bytes.count) \(String(hash.value, radix: 16))"
            }
    }

    @Test func everyNameAtEveryLevelOfTheOrgPageShowsWhatItAlwaysShowed() throws {
        let lines = try Self.probeLines(showEmails: false) + Self.probeLines(showEmails: true)
        // The large org is there, and its page shows the escaped names the probe asks for.
        #expect(lines.contains { $0.hasPrefix("orgs/big-probe/index.html ") })
        let text = lines.joined(separator: "\n") + "\n"
        if GoldenTests.recording {
            try Data(text.utf8).write(to: Self.golden)
            return
        }
        let expected = try String(contentsOf: Self.golden, encoding: .utf8)
        #expect(text == expected, "the org pages rendered with the probe template differ from \(Self.golden.lastPathComponent)")
    }

    @Test func theLargeOrgsProbeShowsItsEscapedValuesAndEveryMemberOnce() throws {
        let project = try SiteProject(records: packageRoot)
        try project.write("site-templates/org.mustache", Self.probe)
        try project.write("data/orgs/big-probe.json", Self.largeOrg())
        try project.build()
        let page = try String(contentsOf: project.output.appendingPathComponent("orgs/big-probe/index.html"), encoding: .utf8)
        #expect(page.contains(";name=F39 &lt;&amp;&gt; O&#39;L&quot;39+;"))
        #expect(page.components(separatedBy: "<member>").count == 41)
        #expect(page.components(separatedBy: "<teamMember>").count == 1 + 40 + 20 + 14)
        // Raw values are written as they are.
        #expect(page.contains("(F39 <&> O'L\"39/m•••@big.example/Alpha, Everyone, Zeta & co/m•••@big.example)"))
    }
}
