import Foundation
import Testing
@testable import RosterCore

/// The domain events between two versions of an org, in process: what `roster diff`, `check`
/// and `notify` are built on.
@Suite struct SemanticDiffTests {
    /// The pull-request comment's count said "(3 orgs, 1 members, 1 shares)".
    @Test func theMarkdownCountsAgreeWithTheirNumbers() {
        let org = "data/orgs/acme.json"
        let events = [
            ChangeEvent(.orgCreated, path: org, org: "acme"), ChangeEvent(.orgDisabled, path: "data/orgs/b.json", org: "b"),
            ChangeEvent(.memberInvited, path: org, org: "acme", email: "a@acme.example"),
            ChangeEvent(.shareLinked, path: "data/shares/s.json", org: "acme", share: "s"),
        ]
        #expect(DiffReport.countSummary(events) == "2 orgs, 1 member, 1 share")
        #expect(DiffReport.countSummary(Array(events.prefix(1))) == "1 org")
    }

    static let path = "data/orgs/acme.json"

    /// The base fixture's acme: enabled; ann (super admin, active), bob (invited); teams
    /// everyone (default, both) and ops (bob).
    func acme() throws -> OrgRecord {
        let repo = try TemporaryRepo()
        return try #require(RecordStore.load(root: repo.path).orgs.first { $0.record.id == "acme" }).record
    }

    func summaries(_ old: OrgRecord?, _ new: OrgRecord?) -> [String] {
        SemanticDiff.org(Self.path, old, new).map(\.summary)
    }

    @Test func anUnchangedOrgHasNoEvent() throws {
        let org = try acme()
        #expect(SemanticDiff.org(Self.path, org, org) == [])
    }

    @Test func orgFieldsMembersAndTeamsComeInThatOrder() throws {
        let old = try acme()
        var new = old
        new.name = "Acme Freight"
        new.status = .disabled
        new.members.removeAll { $0.email == "bob@acme.example" }
        new.members[0].role = .teamMember
        new.teams.removeAll { $0.id == "ops" }
        new.teams[0].members = ["ann@acme.example"]
        #expect(
            SemanticDiff.org(Self.path, old, new).map(\.kind) == [
                .orgRenamed, .orgDisabled, .memberRoleChanged, .memberRemoved, .teamMembersChanged, .teamDeleted,
            ])
        let changed = try #require(SemanticDiff.org(Self.path, old, new).first { $0.kind == .teamMembersChanged })
        #expect(changed.detail == "- bob@acme.example")
    }

    @Test func anAcceptedInvitationIsAnActivationNotAnInvite() throws {
        let old = try acme()
        var new = old
        new.members[1].state = .active
        #expect(summaries(old, new) == ["member bob@acme.example of acme accepted the invitation"])
    }

    @Test func aResentInvitationCarriesBothExpiryDates() throws {
        var old = try acme()
        old.members[1] = Membership(
            email: "bob@acme.example", firstName: "Bob", lastName: "Baker", role: .teamMember, state: .invited,
            invitedAt: "2026-11-01T10:00:00Z", invitedBy: "ann@acme.example", expiresAt: "2026-11-15T10:00:00Z")
        var new = old
        new.members[1] = Membership(
            email: "bob@acme.example", firstName: "Bob", lastName: "Baker", role: .teamMember, state: .invited,
            invitedAt: "2026-11-20T10:00:00Z", invitedBy: "ann@acme.example", expiresAt: "2026-12-04T10:00:00Z")
        let events = SemanticDiff.org(Self.path, old, new)
        #expect(events.map(\.kind) == [.invitationResent])
        #expect(events.first?.from == "2026-11-15T10:00:00Z")
        #expect(events.first?.to == "2026-12-04T10:00:00Z")
    }

    @Test func aPendingOrgThatAppearsIsARegistrationAndItsApprovalNamesTheRequester() throws {
        var pending = try acme()
        pending.status = .pending
        pending.registration = Registration(requestedBy: "ann@acme.example", requestedAt: "2026-11-20T10:00:00Z")
        #expect(summaries(nil, pending) == ["registration of acme requested by ann@acme.example"])
        var approved = pending
        approved.status = .enabled
        let events = SemanticDiff.org(Self.path, pending, approved)
        #expect(events.map(\.kind) == [.orgApproved])
        #expect(events.first?.email == "ann@acme.example")
    }

    @Test func aDeletedOrgSaysWhatWentWithIt() throws {
        #expect(summaries(try acme(), nil) == ["org acme deleted (Acme, 2 members, 2 teams)"])
    }

    @Test func renamedMembersAndNewTeamsAreNamed() throws {
        let old = try acme()
        var new = old
        new.members[0].firstName = "Anne"
        new.teams.append(Team(id: "data", name: "Data"))
        #expect(
            summaries(old, new) == [
                "member ann@acme.example of acme renamed from \"Ann Archer\" to \"Anne Archer\"", "team acme/data created",
            ])
    }
}

/// `--dry-run`'s unified diff.
@Suite struct LineDiffTests {
    @Test func identicalTextsGiveNothing() {
        #expect(LineDiff.unified(old: "a\nb\n", new: "a\nb\n", path: "x.json") == "")
    }

    @Test func aChangedLineIsOneHunkWithItsContext() {
        let old = (1...9).map { "line \($0)\n" }.joined()
        let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n")
        #expect(
            LineDiff.unified(old: old, new: new, path: "data/orgs/acme.json")
                == "--- a/data/orgs/acme.json\n+++ b/data/orgs/acme.json\n@@ -3,5 +3,5 @@\n line 3\n line 4\n-line 5\n+line five\n line 6\n line 7\n")
    }

    @Test func farApartChangesAreTwoHunks() {
        let old = (1...20).map { "\($0)\n" }.joined()
        let new = old.replacingOccurrences(of: "\n2\n", with: "\ntwo\n").replacingOccurrences(of: "\n19\n", with: "\nnineteen\n")
        let diff = LineDiff.unified(old: old, new: new, path: "f")
        #expect(diff.components(separatedBy: "\n").filter { $0.hasPrefix("@@") } == ["@@ -1,4 +1,4 @@", "@@ -17,4 +17,4 @@"])
    }

    @Test func aNewFileComesFromDevNull() {
        #expect(
            LineDiff.unified(old: "", new: "{}\n", path: "data/orgs/new.json") == "--- /dev/null\n+++ b/data/orgs/new.json\n@@ -0,0 +1,1 @@\n+{}\n")
    }

    @Test func aDeletedFileGoesToDevNull() {
        #expect(
            LineDiff.unified(old: "{}\n", new: "", path: "data/orgs/old.json") == "--- a/data/orgs/old.json\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-{}\n")
    }
}

/// `roster apply`'s batch files: every refusal at its line and column, operations numbered from 1.
@Suite struct BatchReaderTests {
    func failure(_ text: String) -> BatchReader.Failure? {
        do {
            _ = try BatchReader.operations(from: Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test func operationsBecomeChanges() throws {
        let text = """
            [{"op": "org.create", "name": "Initech"},
             {"op": "member.invite", "org": "initech", "email": "pat@initech.example", "first": "Pat", "last": "Lee", "role": "super-admin"}]
            """
        #expect(
            try BatchReader.operations(from: Array(text.utf8)) == [
                .orgCreate(name: "Initech", id: nil),
                .memberInvite(org: "initech", email: "pat@initech.example", first: "Pat", last: "Lee", role: .superAdmin, team: nil),
            ])
    }

    @Test func anUnknownOpIsPlacedAndGetsASuggestion() {
        let f = failure("[\n  {\"op\": \"org.creat\", \"name\": \"X\"}\n]")
        #expect(f?.description == "2:10: operation 1: unknown op \"org.creat\"; did you mean \"org.create\"?")
    }

    @Test func anUnknownFieldNamesWhatTheOpTakes() {
        let f = failure("[{\"op\": \"org.rename\", \"org\": \"a\", \"name\": \"B\"}, {\"op\": \"org.enable\", \"orgg\": \"a\"}]")
        #expect(f?.description == "1:70: operation 2 (org.enable): unknown field \"orgg\"; org.enable takes org")
    }

    @Test func aMissingFieldAndABadRoleAreRefused() {
        #expect(failure("[{\"op\": \"org.rename\", \"org\": \"a\"}]")?.description == "1:2: operation 1 (org.rename): missing \"name\"")
        let role = failure(
            "[{\"op\": \"member.set-role\", \"org\": \"a\", \"email\": \"b@c.example\", \"role\": \"owner\"}]")
        #expect(role?.description == "1:2: operation 1 (member.set-role): role must be \"super-admin\" or \"team-member\", not \"owner\"")
    }

    @Test func notAnArrayAndBrokenJSONArePlaced() {
        #expect(failure("{\"op\": \"org.enable\"}")?.message.hasPrefix("a batch is a JSON array of operations") == true)
        #expect(failure("[{\"op\": \"org.enable\", \"org\": \"a\",}]")?.description == "1:33: trailing comma before '}'")
    }
}
