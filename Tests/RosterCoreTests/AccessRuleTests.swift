import Foundation
import Testing
@testable import RosterCore

/// SPEC section 9: who can connect on a day, and who has access to a share.
@Suite struct AccessRuleTests {
    static func day(_ text: String) -> CalendarDate { Formats.date(text)! }
    let d = day("2026-11-23")

    func org(_ status: OrgStatus) -> OrgRecord {
        OrgRecord(id: "acme", name: "Acme", status: status, createdAt: "2025-01-10T09:00:00Z")
    }

    func member(_ state: MembershipState) -> Membership {
        Membership(
            email: "ann@acme.example", firstName: "Ann", lastName: "Archer", role: .superAdmin,
            state: state, invitedAt: "2025-01-10T09:05:00Z", invitedBy: "admin@provider.example")
    }

    func share(_ since: String, _ until: String? = nil, org: String = "acme") -> ShareRecord {
        ShareRecord(id: "feed", name: "Data feed", consumers: [ShareLink(org: org, since: since, until: until)])
    }

    @Test func anActiveMemberOfAnEnabledOrgCanConnect() {
        #expect(AccessRule.canConnect(org: org(.enabled), member: member(.active), on: d))
    }

    @Test(arguments: [OrgStatus.disabled, .pending, .rejected])
    func membersOfAnOrgThatIsNotEnabledCannotConnect(_ status: OrgStatus) {
        #expect(!AccessRule.canConnect(org: org(status), member: member(.active), on: d))
        #expect(!AccessRule.hasAccess(org: org(status), member: member(.active), share: share("2025-01-01"), on: d))
    }

    @Test func anInvitedMemberCannotConnectNorReachAShare() {
        #expect(!AccessRule.canConnect(org: org(.enabled), member: member(.invited), on: d))
        #expect(!AccessRule.hasAccess(org: org(.enabled), member: member(.invited), share: share("2025-01-01"), on: d))
    }

    @Test func theOrgsContractEndsOnItsUntilDay() {
        let m = member(.active)
        func until(_ text: String) -> OrgRecord {
            var o = org(.enabled)
            o.until = text
            return o
        }
        #expect(AccessRule.canConnect(org: until("2026-11-24"), member: m, on: d))
        #expect(!AccessRule.canConnect(org: until("2026-11-23"), member: m, on: d))
        #expect(!AccessRule.canConnect(org: until("2026-01-01"), member: m, on: d))
        #expect(!AccessRule.canConnect(org: until("not a date"), member: m, on: d), "a date that does not parse grants nothing")
        #expect(!AccessRule.hasAccess(org: until("2026-11-23"), member: m, share: share("2025-01-01"), on: d))
        #expect(until("2026-11-23").isActive(on: d) == false)
        #expect(until("2026-11-24").isActive(on: d))
    }

    @Test func aLinkOpensOnItsSinceDay() {
        let o = org(.enabled), m = member(.active)
        #expect(!AccessRule.hasAccess(org: o, member: m, share: share("2026-11-24"), on: d))
        #expect(AccessRule.hasAccess(org: o, member: m, share: share("2026-11-23"), on: d))
    }

    @Test func aLinkClosesOnItsUntilDay() {
        let o = org(.enabled), m = member(.active)
        #expect(AccessRule.hasAccess(org: o, member: m, share: share("2025-01-01", "2026-11-24"), on: d))
        #expect(!AccessRule.hasAccess(org: o, member: m, share: share("2025-01-01", "2026-11-23"), on: d))
        #expect(!AccessRule.hasAccess(org: o, member: m, share: share("2025-01-01", "2026-01-01"), on: d))
    }

    @Test func anOpenEndedLinkStaysOpen() {
        #expect(AccessRule.hasAccess(org: org(.enabled), member: member(.active), share: share("2025-01-01"), on: Self.day("2099-12-31")))
    }

    @Test func aLinkOfAnotherOrgGrantsNothing() {
        #expect(!AccessRule.hasAccess(org: org(.enabled), member: member(.active), share: share("2025-01-01", org: "globex"), on: d))
    }

    @Test func aDateThatDoesNotParseGrantsNothing() {
        #expect(!AccessRule.linkIsOpen(ShareLink(org: "acme", since: "soon"), on: d))
        #expect(!AccessRule.linkIsOpen(ShareLink(org: "acme", since: "2025-01-01", until: "later"), on: d))
    }

    @Test func theModelOfTheBaseFixtureFollowsTheRule() throws {
        let repo = try TemporaryRepo()
        let model = AccessModel(RecordStore.load(root: repo.path), on: d)
        let byEmail = Dictionary(uniqueKeysWithValues: model.users.map { ($0.email, $0) })
        #expect(byEmail["ann@acme.example"]?.active == true)
        #expect(byEmail["ann@acme.example"]?.shares == ["feed"])
        #expect(byEmail["bob@acme.example"]?.active == false)
        #expect(byEmail["bob@acme.example"]?.shares == [])
        #expect(byEmail["bea@beta.example"]?.active == false)
        #expect(model.groups.map(\.externalId) == ["org:acme", "org:acme/team:everyone", "org:acme/team:ops", "org:beta", "org:beta/team:everyone"])
        #expect(model.groups.first?.members == ["ann@acme.example"])
        let later = AccessModel(RecordStore.load(root: repo.path), on: Self.day("2027-01-31"))
        #expect(later.users.first { $0.email == "ann@acme.example" }?.shares == [])
    }
}

/// Apps (Tyk step 5) name the members who may use them, as the portal and its API show: by the
/// same rule as the export, so an invitee who cannot connect is never listed as an app's user.
@Suite struct AppUsersTests {
    func member(_ email: String, _ state: MembershipState) -> Membership {
        Membership(
            email: email, firstName: "A", lastName: "B", role: .teamMember, state: state,
            invitedAt: "2025-01-10T09:05:00Z", invitedBy: "admin@provider.example")
    }

    @Test(arguments: [AppVisibility.team, .org])
    func anInviteeWhoCannotConnectIsNoUserOfAnApp(_ visibility: AppVisibility) {
        let org = OrgRecord(
            id: "acme", name: "Acme", status: .enabled, createdAt: "2025-01-10T09:00:00Z",
            members: [member("ann@acme.example", .active), member("bob@acme.example", .invited)],
            teams: [Team(id: "ops", name: "Ops", isDefault: true, members: ["ann@acme.example", "bob@acme.example"])])
        let app = App(
            id: "dash", name: "Dash", team: "ops", visibility: visibility, shares: [], createdBy: "ann@acme.example",
            createdAt: "2025-03-01T00:00:00Z")
        let day = Formats.date("2026-11-23")!
        #expect(!AccessRule.canConnect(org: org, member: org.members[1], on: day))
        #expect(org.users(of: app) == ["ann@acme.example"])
    }
}
