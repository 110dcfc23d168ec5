import Foundation
import Testing
@testable import RosterSite

/// Where the portal shows a status it says what it means (issue 13), on the demo marketplace:
/// umbrella-research is disabled and still linked to claims-api.
@Suite struct StatusMeaningTests {
    @Test func aDisabledOrgsPageSaysItsUsersCannotConnectAndNamesItsLinks() throws {
        let project = try SiteProject(records: packageRoot, content: packageRoot.appendingPathComponent("content"))
        try project.build()
        let org = try String(contentsOf: project.output.appendingPathComponent("orgs/umbrella-research/index.html"), encoding: .utf8)
        #expect(
            org.contains(
                "<p class=\"banner banner-disabled\" role=\"status\"><strong>Disabled: its users cannot connect.</strong> It is still linked to 1 share, which its users cannot use while it is disabled.</p>"
            ))
        let enabled = try String(contentsOf: project.output.appendingPathComponent("orgs/acme-logistics/index.html"), encoding: .utf8)
        #expect(!enabled.contains("class=\"banner"))
        let share = try String(contentsOf: project.output.appendingPathComponent("shares/claims-api/index.html"), encoding: .utf8)
        #expect(share.contains("<span class=\"badge badge-disabled\">Disabled</span>\n <span class=\"warn\">its users cannot connect</span>"))
    }

    @Test func usersAreActiveMembersEverywhereAndInvitationsAreCountedApart() throws {
        let project = try SiteProject()
        try project.build()
        // The base fixture: acme has one active member and one invitee; beta's requester is active.
        let overview = try String(contentsOf: project.output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(overview.contains("<span class=\"number\">2</span> active users <span class=\"aside\">+ 1 invited</span>"))
        let acme = try String(contentsOf: project.output.appendingPathComponent("orgs/acme/index.html"), encoding: .utf8)
        #expect(acme.contains("<dt>Users</dt><dd>1 active, 1 invited</dd>"))
        let api = try String(contentsOf: project.output.appendingPathComponent("api/orgs.json"), encoding: .utf8)
        #expect(api.contains("\"users\": 1,\n    \"invitations\": 1,"))
    }
}
