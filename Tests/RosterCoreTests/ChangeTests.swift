import Foundation
import Testing
@testable import RosterCore

/// Every verb's main path and each of its refusals, on the base fixture, in memory.
@Suite struct ChangeTests {
    static let context = ChangeContext(
        actor: "admin@provider.example", now: "2026-11-23T10:00:00Z",
        today: CalendarDate(year: 2026, month: 11, day: 23)!)

    func base() throws -> Snapshot {
        let repo = try TemporaryRepo()
        return RecordStore.load(root: repo.path)
    }

    func plan(_ changes: [Change], on snapshot: Snapshot? = nil, context: ChangeContext = Self.context) throws -> ChangePlan {
        try ChangeEngine.plan(changes, on: snapshot ?? base(), context: context)
    }

    /// The refusal's message, or nil when the change was accepted.
    func refusal(_ changes: [Change], on snapshot: Snapshot? = nil, context: ChangeContext = Self.context) throws -> String? {
        let start = try snapshot ?? base()
        do {
            _ = try ChangeEngine.plan(changes, on: start, context: context)
            return nil
        } catch {
            return error.description
        }
    }

    // MARK: orgs

    @Test func orgCreateDerivesAReadableID() throws {
        let p = try plan([.orgCreate(name: "Globex Health Ltd.", id: nil)])
        #expect(p.files.map(\.path) == ["data/orgs/globex-health-ltd.json"])
        let org = try #require(p.snapshot.org("globex-health-ltd")?.record)
        #expect(org.status == .enabled)
        #expect(org.createdAt == "2026-11-23T10:00:00Z")
        #expect(org.defaultTeam?.id == "everyone")
    }

    @Test func orgCreateRefusals() throws {
        #expect(try refusal([.orgCreate(name: "Acme", id: nil)])?.contains("exists already") == true)
        #expect(try refusal([.orgCreate(name: "ACME", id: "acme-two")])?.contains("already used by org acme") == true)
        #expect(try refusal([.orgCreate(name: "Ab", id: nil)])?.contains("needs 3 to 64") == true)
        #expect(try refusal([.orgCreate(name: String(repeating: "x", count: 65), id: nil)])?.contains("needs 3 to 64") == true)
        #expect(try refusal([.orgCreate(name: "Good Name", id: "Bad Id")])?.contains("must match") == true)
        #expect(try refusal([.orgCreate(name: "!!!", id: nil)])?.contains("pass --id") == true)
    }

    @Test func orgRenameKeepsTheID() throws {
        let p = try plan([.orgRename(org: "acme", name: "Acme Freight")])
        #expect(p.snapshot.org("acme")?.record.name == "Acme Freight")
        #expect(try refusal([.orgRename(org: "acme", name: "beta corp")])?.contains("already used by org beta") == true)
        #expect(try refusal([.orgRename(org: "acne", name: "X Corp")])?.contains("did you mean \"acme\"") == true)
    }

    @Test func disableAndEnableRecordWhoAndWhenAndKeepEverything() throws {
        let p = try plan([.orgDisable(org: "acme")])
        let org = try #require(p.snapshot.org("acme")?.record)
        #expect(org.status == .disabled)
        #expect(org.statusChangedBy == "admin@provider.example")
        #expect(org.statusChangedAt == "2026-11-23T10:00:00Z")
        #expect(org.members.count == 2)
        #expect(p.snapshot.share("feed")?.record.consumers.map(\.org) == ["acme"])
        let again = try plan([.orgEnable(org: "acme")], on: p.snapshot)
        #expect(again.snapshot.org("acme")?.record.status == .enabled)
        #expect(try refusal([.orgEnable(org: "acme")])?.contains("already enabled") == true)
        #expect(try refusal([.orgDisable(org: "beta")])?.contains("pending registration") == true)
        let anonymous = ChangeContext(actor: nil, now: Self.context.now, today: Self.context.today)
        #expect(try refusal([.orgDisable(org: "acme")], context: anonymous)?.contains("--actor") == true)
    }

    @Test func deleteNeedsTheExactNameAndUnlinksShares() throws {
        #expect(try refusal([.orgDelete(org: "acme", confirm: "acme")])?.contains("--confirm \"Acme\"") == true)
        let p = try plan([.orgDelete(org: "acme", confirm: "Acme")])
        #expect(p.snapshot.org("acme") == nil)
        #expect(p.files.map(\.path) == ["data/deletions/acme.json", "data/orgs/acme.json", "data/shares/feed.json"])
        #expect(p.files[1].isDeletion)
        // The deletion record carries the confirmation, for `roster check`.
        #expect(Tombstone.confirmation(p.files[0].new) == "Acme")
        #expect(p.snapshot.share("feed")?.record.consumers.isEmpty == true)
        #expect(p.notes.contains { $0.contains("2 members and 2 teams") })
        #expect(p.notes.contains { $0.contains("unlinked from 1 share: feed") && $0.contains("active consumers") })
    }

    @Test func registrationCreatesAPendingOrgWithOnlyTheRequester() throws {
        let p = try plan([.orgRegister(name: "Gamma Labs", id: nil, email: "Gus@Gamma.example", first: "Gus", last: "Green")])
        let org = try #require(p.snapshot.org("gamma-labs")?.record)
        #expect(org.status == .pending)
        #expect(org.members.map(\.email) == ["gus@gamma.example"])
        #expect(org.members.first?.role == .teamMember)
        #expect(org.registration?.requestedBy == "gus@gamma.example")
        #expect(org.registration?.decision == nil)
    }

    @Test func registrationWithAutoApproveEnablesTheOrg() throws {
        var snapshot = try base()
        snapshot.marketplace?.registration.autoApprove = true
        let p = try plan([.orgRegister(name: "Gamma Labs", id: "gamma", email: "gus@gamma.example", first: "Gus", last: "Green")], on: snapshot)
        let org = try #require(p.snapshot.org("gamma")?.record)
        #expect(org.status == .enabled)
        #expect(org.members.first?.role == .superAdmin)
        #expect(org.registration?.decision == .approved)
        #expect(org.registration?.decidedBy == Registration.autoApprover)
    }

    @Test func registrationRefusals() throws {
        var closed = try base()
        closed.marketplace?.registration.enabled = false
        #expect(
            try refusal([.orgRegister(name: "Gamma Labs", id: nil, email: "gus@gamma.example", first: "Gus", last: "Green")], on: closed)?.contains(
                "registration is disabled") == true)
        #expect(
            try refusal([.orgRegister(name: "Gamma Labs", id: nil, email: "ann@acme.example", first: "Ann", last: "Archer")])?.contains(
                "already a member of acme") == true)
        #expect(
            try refusal([.orgRegister(name: "Gamma Labs", id: nil, email: "not-an-email", first: "G", last: "G")])?.contains("not a valid e-mail")
                == true)
    }

    @Test func approveMakesTheRequesterSuperAdminAndMayRename() throws {
        let p = try plan([.orgApprove(org: "beta", name: "Beta Corporation")])
        let org = try #require(p.snapshot.org("beta")?.record)
        #expect(org.status == .enabled)
        #expect(org.name == "Beta Corporation")
        #expect(org.member("bea@beta.example")?.role == .superAdmin)
        #expect(org.registration?.decision == .approved)
        #expect(org.registration?.decidedBy == "admin@provider.example")
        #expect(try refusal([.orgApprove(org: "acme", name: nil)])?.contains("not a pending registration") == true)
    }

    @Test func rejectNeedsAReasonAndRecordsTheDecision() throws {
        #expect(try refusal([.orgReject(org: "beta", reason: "  ")])?.contains("needs a reason") == true)
        let p = try plan([.orgReject(org: "beta", reason: "Out of scope.")])
        let org = try #require(p.snapshot.org("beta")?.record)
        #expect(org.status == .rejected)
        #expect(org.registration?.reason == "Out of scope.")
        #expect(org.registration?.decidedAt == "2026-11-23T10:00:00Z")
        #expect(try refusal([.orgReject(org: "beta", reason: "again")], on: p.snapshot)?.contains("rejected, not a pending") == true)
    }

    // MARK: members

    @Test func inviteAddsAnInvitedMemberToTheDefaultTeamAndTheGivenTeam() throws {
        let p = try plan([.memberInvite(org: "acme", email: "Cy@Acme.example", first: "Cy", last: "Cole", role: .teamMember, team: "ops")])
        let org = try #require(p.snapshot.org("acme")?.record)
        let cy = try #require(org.member("cy@acme.example"))
        #expect(cy.state == .invited)
        #expect(cy.invitedBy == "admin@provider.example")
        #expect(org.teams.first { $0.id == "everyone" }?.members.contains("cy@acme.example") == true)
        #expect(org.teams.first { $0.id == "ops" }?.members.contains("cy@acme.example") == true)
    }

    @Test func inviteRefusals() throws {
        let invite = { (org: String, email: String) in
            Change.memberInvite(org: org, email: email, first: "A", last: "B", role: .teamMember, team: nil)
        }
        #expect(try refusal([invite("acme", "bob@acme.example")])?.contains("already invited to acme") == true)
        #expect(try refusal([invite("acme", "ANN@acme.example")])?.contains("already an active member of acme") == true)
        #expect(try refusal([invite("acme", "bea@beta.example")])?.contains("already a member of beta") == true)
        #expect(try refusal([invite("beta", "new@beta.example")])?.contains("cannot get members") == true)
        #expect(
            try refusal([.memberInvite(org: "acme", email: "cy@acme.example", first: "Cy", last: "C", role: .teamMember, team: "opz")])?.contains(
                "did you mean \"ops\"") == true)
    }

    @Test func removeTakesTheMemberOutOfEveryTeam() throws {
        let p = try plan([.memberRemove(org: "acme", email: "bob@acme.example")])
        let org = try #require(p.snapshot.org("acme")?.record)
        #expect(org.member("bob@acme.example") == nil)
        #expect(org.teams.allSatisfy { !$0.members.contains("bob@acme.example") })
        #expect(try refusal([.memberRemove(org: "acme", email: "ann@acme.example")])?.contains("last super admin") == true)
        #expect(try refusal([.memberRemove(org: "acme", email: "zed@acme.example")])?.contains("not a member") == true)
    }

    @Test func setRoleRefusesDemotingTheLastSuperAdmin() throws {
        #expect(try refusal([.memberSetRole(org: "acme", email: "ann@acme.example", role: .teamMember)])?.contains("cannot be demoted") == true)
        let p = try plan([
            .memberSetRole(org: "acme", email: "bob@acme.example", role: .superAdmin),
            .memberSetRole(org: "acme", email: "ann@acme.example", role: .teamMember),
        ])
        #expect(p.snapshot.org("acme")?.record.superAdmins.map(\.email) == ["bob@acme.example"])
        #expect(try refusal([.memberSetRole(org: "acme", email: "bob@acme.example", role: .teamMember)])?.contains("already team-member") == true)
    }

    @Test func editAndActivate() throws {
        let p = try plan([
            .memberEdit(org: "acme", email: "bob@acme.example", first: "Robert", last: nil),
            .memberActivate(org: "acme", email: "bob@acme.example"),
        ])
        let bob = try #require(p.snapshot.org("acme")?.record.member("bob@acme.example"))
        #expect(bob.firstName == "Robert")
        #expect(bob.lastName == "Baker")
        #expect(bob.state == .active)
        #expect(try refusal([.memberActivate(org: "acme", email: "ann@acme.example")])?.contains("already active") == true)
        #expect(try refusal([.memberEdit(org: "acme", email: "bob@acme.example", first: nil, last: nil)])?.contains("nothing to edit") == true)
    }

    // MARK: teams

    @Test func teams() throws {
        let p = try plan([
            .teamCreate(org: "acme", name: "Data Science", id: nil),
            .teamAdd(org: "acme", team: "data-science", email: "ann@acme.example"),
        ])
        #expect(p.snapshot.org("acme")?.record.teams.first { $0.id == "data-science" }?.members == ["ann@acme.example"])
        #expect(try refusal([.teamCreate(org: "acme", name: "ops", id: "ops2")])?.contains("already has a team named") == true)
        #expect(try refusal([.teamDelete(org: "acme", team: "everyone")])?.contains("cannot be deleted") == true)
        #expect(try refusal([.teamAdd(org: "acme", team: "ops", email: "bob@acme.example")])?.contains("already in team") == true)
        #expect(try refusal([.teamAdd(org: "acme", team: "ops", email: "bea@beta.example")])?.contains("not a member of acme") == true)
        #expect(try refusal([.teamRemove(org: "acme", team: "ops", email: "ann@acme.example")])?.contains("not in team") == true)
        let removed = try plan([.teamRemove(org: "acme", team: "ops", email: "bob@acme.example"), .teamDelete(org: "acme", team: "ops")])
        #expect(removed.snapshot.org("acme")?.record.teams.map(\.id) == ["everyone"])
    }

    // MARK: shares

    @Test func shares() throws {
        let p = try plan([
            .shareCreate(name: "Weather Daily", id: nil, description: "Forecasts"),
            .shareAddOrg(share: "weather-daily", org: "acme", until: "2027-12-31"),
        ])
        let share = try #require(p.snapshot.share("weather-daily")?.record)
        #expect(share.consumers == [ShareLink(org: "acme", since: "2026-11-23", until: "2027-12-31")])
        #expect(try refusal([.shareCreate(name: "data FEED", id: "other", description: nil)])?.contains("already used by share feed") == true)
        #expect(try refusal([.shareAddOrg(share: "feed", org: "acme", until: nil)])?.contains("already consumes") == true)
        #expect(try refusal([.shareAddOrg(share: "feed", org: "beta", until: nil)])?.contains("only approved orgs") == true)
        #expect(
            try refusal([.shareCreate(name: "Old", id: "old", description: nil), .shareAddOrg(share: "old", org: "acme", until: "2020-01-01")])?
                .contains("in the past") == true)
        #expect(try refusal([.shareRemoveOrg(share: "feed", org: "beta")])?.contains("does not consume") == true)
        let gone = try plan([.shareDelete(share: "feed")])
        #expect(gone.files.map(\.isDeletion) == [true])
        #expect(gone.notes == ["1 org lose access to feed: acme"])
    }

    // MARK: batches

    @Test func aBatchIsAllOrNothingAndNamesTheFailingOperation() throws {
        let message = try refusal([
            .orgCreate(name: "Initech", id: nil),
            .memberInvite(org: "initech", email: "peter@initech.example", first: "Peter", last: "Gibbons", role: .superAdmin, team: nil),
            .memberRemove(org: "initech", email: "nobody@initech.example"),
        ])
        #expect(message?.hasPrefix("operation 3 (member.remove): ") == true)
    }

    @Test func theResultIsValidatedBeforeAnythingIsWritten() throws {
        // Each step is allowed on its own, but the org ends with members and no super admin.
        var snapshot = try base()
        snapshot.orgs[0].record.members[1].role = .superAdmin
        let message = try refusal(
            [
                .memberRemove(org: "acme", email: "ann@acme.example"),
                .memberSetRole(org: "acme", email: "bob@acme.example", role: .teamMember),
            ], on: snapshot)
        #expect(message != nil)
    }

    @Test func aHandEditAndTheCLIGiveTheSameBytes() throws {
        let repo = try TemporaryRepo()
        let p = try plan([.memberActivate(org: "acme", email: "bob@acme.example")], on: RecordStore.load(root: repo.path))
        // The same change by hand: one word in the file and the time of acceptance, canonical form.
        let hand = try repo.read("data/orgs/acme.json").replacingOccurrences(
            of: "\"state\": \"invited\",\n      \"invitedAt\": \"2026-11-20T10:00:00Z\",\n      \"invitedBy\": \"ann@acme.example\"",
            with:
                "\"state\": \"active\",\n      \"invitedAt\": \"2026-11-20T10:00:00Z\",\n      \"invitedBy\": \"ann@acme.example\",\n      \"acceptedAt\": \"\(Self.context.now)\""
        )
        #expect(p.files.first?.new == Array(hand.utf8))
    }
}
