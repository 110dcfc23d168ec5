import Foundation
@testable import RosterCore
import Testing
@testable import RosterSite

/// Which e-mails a change calls for, in process: the base fixture committed in a real git
/// repository, a change made in the working tree by the change engine, and the plan.
@Suite struct NotificationPlannerTests {
    final class Repo {
        let url = scratch.appendingPathComponent("roster-notify-\(UUID().uuidString)")

        init() throws {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: baseFixture.appendingPathComponent("data"), to: url.appendingPathComponent("data"))
            try git("init", "-q")
            try git("add", "-A")
            try git("commit", "-q", "-m", "base")
        }

        deinit { try? FileManager.default.removeItem(at: url) }

        func git(_ args: String...) throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git", "-C", url.path, "-c", "user.email=ci@provider.example", "-c", "user.name=CI"] + args
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            try #require(p.terminationStatus == 0, "git \(args.joined(separator: " ")) failed")
        }

        /// The e-mails that `changes`, made in the working tree, call for.
        func notifications(after changes: [Change]) throws -> [PlannedEmail] {
            let context = ChangeContext(actor: "admin@provider.example", now: "2026-11-23T10:00:00Z", today: fixedDay)
            let run = ChangeSession(root: url.path, lockWait: 0).run(changes, context: context)
            try #require(run.outcome == .written, "\(run.errors)")
            let comparison = try Comparison.load(root: url.path, base: "HEAD", head: nil)
            return NotificationPlanner.notifications(for: comparison, today: fixedDay, head: RecordStore.load(root: url.path))
        }
    }

    @Test func anInvitationGoesToTheInviteeWithWhoInvitedThemAndTheirRole() throws {
        let mails = try Repo().notifications(after: [
            .memberInvite(org: "acme", email: "carl@acme.example", first: "Carl", last: "Cole", role: .teamMember, team: nil, handle: nil)
        ])
        #expect(mails.map(\.template) == ["invitation"])
        let mail = try #require(mails.first)
        #expect(mail.recipient == "carl@acme.example")
        #expect(mail.recipientName == "Carl Cole")
        #expect(mail.values["provider"] == "Fixture Provider")
        #expect(mail.values["org"] == "Acme")
        #expect(mail.values["orgID"] == "acme")
        // The inviter is no member of acme: they are named by their e-mail.
        #expect(mail.values["inviter"] == "admin@provider.example")
        #expect(mail.values["role"] == "team member")
        #expect(mail.values["expires"]?.hasSuffix(" UTC") == true)
    }

    @Test func disablingAnOrgTellsItsSuperAdmins() throws {
        let mails = try Repo().notifications(after: [.orgDisable(org: "acme")])
        #expect(mails.map { [$0.template, $0.recipient, $0.recipientName] } == [["org-disabled", "ann@acme.example", "Ann Archer"]])
    }

    @Test func aRemovedMemberIsNamedFromTheBase() throws {
        let mails = try Repo().notifications(after: [.memberRemove(org: "acme", email: "bob@acme.example")])
        #expect(mails.map { [$0.template, $0.recipient, $0.recipientName] } == [["member-removed", "bob@acme.example", "Bob Baker"]])
    }

    @Test func anApprovalSaysTheNewRoleItselfSoNoRoleChangeMailFollows() throws {
        let mails = try Repo().notifications(after: [.orgApprove(org: "beta", name: nil)])
        #expect(mails.map { [$0.template, $0.recipient] } == [["registration-approved", "bea@beta.example"]])
    }

    @Test func aDeletedOrgHearsOnceAndNotOfEachShareItLost() throws {
        let mails = try Repo().notifications(after: [.orgDelete(org: "acme", confirm: "Acme")])
        #expect(mails.map(\.template) == ["org-deleted", "org-deleted"])
        #expect(mails.map(\.recipient) == ["admin@provider.example", "ann@acme.example"])
        #expect(mails.first?.values["impact"] == "2 members (1 active), 2 teams")
        #expect(mails.first?.values["shares"] == "Data feed")
    }
}
