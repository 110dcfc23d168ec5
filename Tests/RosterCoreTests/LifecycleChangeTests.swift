import Foundation
import Testing
@testable import RosterCore

/// The verbs of issue 11, in memory on the base fixture: expiring invitations, settings, a
/// share's "Create new", org end dates and apps. Each: success and every refusal.
@Suite struct LifecycleChangeTests {
    let t = ChangeTests()
    static let context = ChangeTests.context

    func org(_ p: ChangePlan, _ id: String = "acme") throws -> OrgRecord { try #require(p.snapshot.org(id)?.record) }

    // MARK: invitations

    @Test func inviteAndResendSetTheExpiryFromTheSettings() throws {
        let p = try t.plan([.memberInvite(org: "acme", email: "cy@acme.example", first: "Cy", last: "Cole", role: .teamMember, team: nil)])
        #expect(try org(p).member("cy@acme.example")?.expiresAt == "2026-12-07T10:00:00Z")
        var snapshot = try t.base()
        snapshot.marketplace?.invitations.expireAfterDays = 3
        let later = ChangeContext(actor: "ann@acme.example", now: "2026-11-24T08:30:00Z", today: CalendarDate(year: 2026, month: 11, day: 24)!)
        let r = try t.plan([.memberResend(org: "acme", email: "BOB@acme.example")], on: snapshot, context: later)
        let bob = try #require(try org(r).member("bob@acme.example"))
        #expect((bob.invitedAt, bob.invitedBy, bob.expiresAt) == ("2026-11-24T08:30:00Z", "ann@acme.example", "2026-11-27T08:30:00Z"))
        #expect(bob.state == .invited)
    }

    @Test func resendRefusals() throws {
        #expect(try t.refusal([.memberResend(org: "acme", email: "ann@acme.example")])?.contains("already accepted") == true)
        #expect(try t.refusal([.memberResend(org: "acme", email: "zed@acme.example")])?.contains("is not a member of acme") == true)
        #expect(try t.refusal([.memberResend(org: "acmee", email: "bob@acme.example")])?.contains("did you mean \"acme\"") == true)
        let anonymous = ChangeContext(actor: nil, now: Self.context.now, today: Self.context.today)
        #expect(try t.refusal([.memberResend(org: "acme", email: "bob@acme.example")], context: anonymous)?.contains("--actor") == true)
    }

    @Test func acceptanceIsRecordedAndRefusedOnceExpired() throws {
        let p = try t.plan([.memberActivate(org: "acme", email: "bob@acme.example")])
        #expect(try org(p).member("bob@acme.example")?.acceptedAt == "2026-11-23T10:00:00Z")
        var snapshot = try t.base()
        snapshot.orgs[0].record.members[1].expiresAt = "2026-11-23T09:59:59Z"
        let message = try t.refusal([.memberActivate(org: "acme", email: "bob@acme.example")], on: snapshot)
        #expect(message?.contains("expired at 2026-11-23T09:59:59Z") == true)
        #expect(message?.contains("roster member resend acme bob@acme.example") == true)
        // Resending is the way out: the same batch then accepts.
        #expect(
            try t.refusal(
                [.memberResend(org: "acme", email: "bob@acme.example"), .memberActivate(org: "acme", email: "bob@acme.example")], on: snapshot) == nil
        )
    }

    // MARK: settings

    @Test func everyDocumentedKeyTakesAValidValue() throws {
        let values: [SettingKey: String] = [
            .registrationEnabled: "false", .registrationAutoApprove: "true", .maxRemovalFraction: "0.5", .minSuperAdmins: "2",
            .portalTitle: "Our consumers", .portalBaseURL: "https://portal.example/", .portalShowEmails: "true",
            .portalEditURL: "https://git.example/edit/main/", .notificationsSender: "mail@provider.example",
            .notificationsAdminRecipients: "b@provider.example, a@provider.example", .invitationsExpireAfterDays: "7",
        ]
        #expect(Set(values.keys) == Set(SettingKey.allCases))
        var snapshot = try t.base()
        // minSuperAdmins 2 needs acme to have two super admins; the pending beta needs registration on.
        snapshot.orgs[0].record.members[1].role = .superAdmin
        snapshot.orgs.removeAll { $0.record.id == "beta" }
        for key in SettingKey.allCases {
            let p = try t.plan([.settingsSet(key: key.rawValue, value: values[key]!)], on: snapshot)
            #expect(p.files.map(\.path) == [Snapshot.marketplacePath])
            let settings = try #require(p.snapshot.marketplace)
            #expect(key.value(in: settings) == (key == .notificationsAdminRecipients ? "a@provider.example,b@provider.example" : values[key]!))
        }
    }

    @Test func settingsRefusals() throws {
        let bad: [(String, String, String)] = [
            ("registration.enabled", "yes", "true or false"), ("guards.maxRemovalFraction", "1.5", "from 0 to 1"),
            ("guards.maxRemovalFraction", "nan", "from 0 to 1"), ("guards.minSuperAdmins", "0", "from 1 to 100"),
            ("portal.baseURL", "ftp://x.example", "http://"), ("portal.editURL", "https://a b", "http://"),
            ("notifications.sender", "not-mail", "e-mail"), ("notifications.adminRecipients", "a@x.example,a@x.example", "commas"),
            ("invitations.expireAfterDays", "0", "1 to 365"), ("invitations.expireAfterDays", "400", "1 to 365"),
            ("portal.title", "two\nlines", "1 to 200"),
        ]
        for (key, value, reason) in bad {
            let message = try t.refusal([.settingsSet(key: key, value: value)])
            #expect(message?.contains(reason) == true, "\(key) \(value): \(message ?? "accepted")")
        }
        #expect(
            try t.refusal([.settingsSet(key: "registration.autoAprove", value: "true")])?.contains("did you mean \"registration.autoApprove\"")
                == true)
        #expect(try t.refusal([.settingsSet(key: "registration.autoApprove", value: "false")])?.contains("already false") == true)
        // The result is validated: turning registration off leaves beta's pending request invalid.
        #expect(try t.refusal([.settingsSet(key: "registration.enabled", value: "false")])?.contains("registration-disabled") == true)
    }

    // MARK: share add-org --new-org, org until

    @Test func aShareCreatesAndLinksANewOrgInOneChange() throws {
        let p = try t.plan([.shareAddNewOrg(share: "feed", name: "Soylent Analytics", id: nil, until: "2027-01-01")])
        #expect(p.files.map(\.path) == ["data/orgs/soylent-analytics.json", "data/shares/feed.json"])
        #expect(try org(p, "soylent-analytics").status == .enabled)
        #expect(p.snapshot.share("feed")?.record.consumers.contains { $0.org == "soylent-analytics" && $0.until == "2027-01-01" } == true)
        #expect(try t.refusal([.shareAddNewOrg(share: "fed", name: "Soylent", id: nil, until: nil)])?.contains("did you mean \"feed\"") == true)
        #expect(try t.refusal([.shareAddNewOrg(share: "feed", name: "ACME", id: "acme-2", until: nil)])?.contains("already used by org acme") == true)
        #expect(try t.refusal([.shareAddNewOrg(share: "feed", name: "Soylent", id: nil, until: "2020-01-01")])?.contains("in the past") == true)
    }

    @Test func orgEndDate() throws {
        let p = try t.plan([.orgSetUntil(org: "acme", until: "2027-06-30")])
        #expect(try org(p).until == "2027-06-30")
        #expect(try org(p).isExpired(on: CalendarDate(year: 2027, month: 6, day: 30)!))
        #expect(try !org(p).isExpired(on: CalendarDate(year: 2027, month: 6, day: 29)!))
        let cleared = try t.plan([.orgSetUntil(org: "acme", until: nil)], on: p.snapshot)
        #expect(try org(cleared).until == nil)
        #expect(try t.refusal([.orgSetUntil(org: "acme", until: "2026-11-22")])?.contains("in the past") == true)
        #expect(try t.refusal([.orgSetUntil(org: "acme", until: "30/06/2027")])?.contains("must be a date") == true)
        #expect(try t.refusal([.orgSetUntil(org: "acme", until: nil)])?.contains("has no end date") == true)
        #expect(try t.refusal([.orgSetUntil(org: "beta", until: "2027-01-01")])?.contains("pending") == true)
    }

    // MARK: apps

    @Test func appsLiveInTheirTeamAndUseConsumedShares() throws {
        let p = try t.plan([
            .appCreate(org: "acme", name: "Ops Dashboard", id: nil, team: "ops", shares: ["feed"], visibility: .team, description: "charts")
        ])
        let app = try #require(try org(p).apps.first)
        #expect(
            (app.id, app.team, app.shares, app.createdBy, app.createdAt) == (
                "ops-dashboard", "ops", ["feed"], "admin@provider.example", "2026-11-23T10:00:00Z"
            ))
        // ops lists only bob, who has not accepted his invitation: no one may use the app yet.
        #expect(try org(p).users(of: app).isEmpty)
        #expect(p.notes.contains { $0.contains("credentials live in the gateway under acme/ops-dashboard") })
        let text = String(decoding: p.files[0].new ?? [], as: UTF8.self)
        #expect(text.contains("\"apps\": [") && !text.lowercased().contains("secret"))
        let more = try t.plan(
            [.appRemoveShare(org: "acme", app: "ops-dashboard", share: "feed"), .appAddShare(org: "acme", app: "ops-dashboard", share: "feed")],
            on: p.snapshot)
        #expect(try org(more).apps.first?.shares == ["feed"])
        // Unlinking the org from the share takes the share out of its apps.
        let unlinked = try t.plan([.shareRemoveOrg(share: "feed", org: "acme")], on: p.snapshot)
        #expect(try org(unlinked).apps.first?.shares == [])
        let deleted = try t.plan([.appDelete(org: "acme", app: "ops-dashboard")], on: p.snapshot)
        #expect(try org(deleted).apps.isEmpty)
        #expect(
            try t.refusal([.teamDelete(org: "acme", team: "ops")], on: p.snapshot)?.contains(
                "owns app ops-dashboard; delete it first (`roster app delete acme ops-dashboard`)") == true)
    }

    @Test func appRefusals() throws {
        func create(_ team: String = "ops", shares: [String] = [], id: String? = nil, org: String = "acme") -> Change {
            .appCreate(org: org, name: "Dash", id: id, team: team, shares: shares, visibility: .org, description: nil)
        }
        #expect(try t.refusal([create("opps")])?.contains("did you mean \"ops\"") == true)
        #expect(try t.refusal([create(shares: ["nope"])])?.contains("there is no share") == true)
        #expect(try t.refusal([create(org: "beta")])?.contains("pending") == true)
        #expect(try t.refusal([create(), create(id: "dash")])?.contains("already has an app with id \"dash\"") == true)
        #expect(try t.refusal([.appDelete(org: "acme", app: "dash")])?.contains("has no app") == true)
        var snapshot = try t.base()
        snapshot.shares[0].record.consumers[0].since = "2026-12-01"
        #expect(try t.refusal([create(shares: ["feed"])], on: snapshot)?.contains("not today") == true)
        snapshot.shares[0].record.consumers = []
        #expect(try t.refusal([create(shares: ["feed"])], on: snapshot)?.contains("does not consume feed") == true)
        snapshot = try t.base()
        snapshot.orgs[0].record.until = "2026-11-23"
        #expect(try t.refusal([create()], on: snapshot)?.contains("expired") == true)
        let made = try t.plan([create(shares: ["feed"])])
        #expect(try t.refusal([.appAddShare(org: "acme", app: "dash", share: "feed")], on: made.snapshot)?.contains("already uses") == true)
        #expect(try t.refusal([.appRemoveShare(org: "acme", app: "dash", share: "other")], on: made.snapshot)?.contains("does not use") == true)
    }

    @Test func theNewBatchOperations() throws {
        let batch = """
            [{"op": "share.add-org", "share": "feed", "new-org": "Soylent", "until": "2027-01-01"},
             {"op": "org.set-until", "org": "soylent", "until": "2027-06-30"},
             {"op": "app.create", "org": "acme", "name": "Dash", "team": "ops", "shares": ["feed"], "visibility": "org"},
             {"op": "app.remove-share", "org": "acme", "app": "dash", "share": "feed"},
             {"op": "app.add-share", "org": "acme", "app": "dash", "share": "feed"},
             {"op": "member.resend", "org": "acme", "email": "bob@acme.example"},
             {"op": "settings.set", "key": "invitations.expireAfterDays", "value": "10"},
             {"op": "app.delete", "org": "acme", "app": "dash"}]
            """
        let ops = try BatchReader.operations(from: Array(batch.utf8))
        #expect(
            ops.map(\.name) == [
                "share.add-org", "org.set-until", "app.create", "app.remove-share", "app.add-share", "member.resend", "settings.set", "app.delete",
            ])
        #expect(ops[2] == .appCreate(org: "acme", name: "Dash", id: nil, team: "ops", shares: ["feed"], visibility: .org, description: nil))
        let p = try t.plan(ops)
        #expect(p.files.map(\.path) == ["data/marketplace.json", "data/orgs/acme.json", "data/orgs/soylent.json", "data/shares/feed.json"])
        for bad in [
            #"[{"op": "share.add-org", "share": "feed"}]"#, #"[{"op": "share.add-org", "share": "feed", "org": "acme", "new-org": "X"}]"#,
            #"[{"op": "app.create", "org": "acme", "name": "D", "team": "ops", "visibility": "public"}]"#,
            #"[{"op": "app.create", "org": "acme", "name": "D", "team": "ops", "shares": [1]}]"#,
        ] {
            #expect(throws: BatchReader.Failure.self) { try BatchReader.operations(from: Array(bad.utf8)) }
        }
    }
}
