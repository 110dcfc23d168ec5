import Foundation
import Testing
@testable import RosterCore

/// The sync's plan, computed without a server: only owned resources change, the guard counts
/// removals of owned users, and PatchOp bodies name only what changes.
@Suite struct SyncPlanTests {
    let day = CalendarDate(year: 2026, month: 11, day: 23)!

    func model() throws -> AccessModel {
        let repo = try TemporaryRepo()
        return AccessModel(RecordStore.load(root: repo.path), on: day)
    }

    func server(_ u: AccessModel.User, id: String, owned: Bool = true, active: Bool? = nil) -> SyncState.User {
        var fields = SyncState.UserFields(u)
        if let active { fields.active = active }
        return SyncState.User(id: id, externalId: u.email, userType: owned ? SyncState.ownerMark : nil, fields: fields)
    }

    @Test func anEmptyServerGetsEveryUserAndGroupCreated() throws {
        let plan = SyncPlan(model: try model(), users: [], groups: [], prune: false)
        #expect(plan.counts == SyncPlan.Counts(create: 8, update: 0, deactivate: 0, delete: 0))
        #expect(plan.lines.first == "+ create user ann@acme.example (org acme, active: true, share:feed)")
    }

    @Test func aUserSomeoneElseCreatedIsNeitherAdoptedNorChanged() throws {
        let m = try model()
        let ann = m.users[0]
        let plan = SyncPlan(model: m, users: [server(ann, id: "1", owned: false, active: false)], groups: [], prune: true)
        #expect(plan.actions.contains(.createUser(ann)))
        #expect(!plan.actions.contains { if case .deleteUser(let id, _) = $0 { id == "1" } else { false } })
        #expect(plan.othersLeftAlone == 1)
    }

    @Test func anOwnedUserTurnedInactiveIsADeactivationTheGuardCounts() throws {
        let m = try model()
        var users = m.users.enumerated().map { server($1, id: "\($0)") }
        users[0].fields.active = true
        users[2].fields.active = true
        let plan = SyncPlan(model: m, users: users, groups: [], prune: false)
        #expect(plan.counts.deactivate == 1)
        #expect(plan.removedUsers == 1 && plan.ownedUsers == 3)
        #expect(plan.exceedsRemovalGuard(0.25))
        // 1 of the 2 who can connect.
        #expect(plan.lockedOutUsers == 1 && plan.activeOwnedUsers == 2)
        #expect(plan.exceedsRemovalGuard(0.34))
        #expect(!plan.exceedsRemovalGuard(0.5))
        #expect(plan.lines.contains("- deactivate user bob@acme.example: active: true -> false"))
    }

    /// Users roster deactivated long ago stay on the server as roster's (unless --prune): they
    /// diluted the guard, so a plan locking out every user who can connect passed on a server
    /// keeping at least three times as many inactive ones. Those who can connect now count apart.
    @Test func thoseWhoCanConnectCountApartFromUsersDeactivatedLongAgo() throws {
        var m = try model()
        let active = m.users.enumerated().map { server($1, id: "\($0)", active: true) }
        for k in m.users.indices {
            m.users[k].active = false
            m.users[k].shares = []
        }
        let idle = (0..<(4 * active.count)).map { k in
            SyncState.User(
                id: "idle-\(k)", externalId: "idle-\(k)@acme.example", userType: SyncState.ownerMark,
                fields: SyncState.UserFields(
                    userName: "idle-\(k)@acme.example", givenName: "I", familyName: "Dle", active: false, email: "idle-\(k)@acme.example",
                    roles: ["team-member"], entitlements: [], organization: "Acme"))
        }
        let plan = SyncPlan(model: m, users: active + idle, groups: [], prune: false)
        #expect(plan.counts.deactivate == active.count)
        #expect(plan.lockedOutUsers == active.count && plan.activeOwnedUsers == active.count)
        #expect(Double(plan.removedUsers) <= 0.25 * Double(plan.ownedUsers), "diluted by the inactive ones")
        #expect(plan.exceedsRemovalGuard(0.25))
    }

    /// The guard counted only users deactivated or deleted: a plan that took every share from
    /// every user (a broken checkout of the shares) left them all active and passed, locking
    /// everyone out of every API. Entitlements taken away count against those active users hold.
    @Test func aPlanThatStripsTheEntitlementsOfActiveUsersIsGuarded() throws {
        var m = try model()
        for k in m.users.indices {
            m.users[k].active = true
            m.users[k].shares = ["a", "b", "c"]
        }
        let users = m.users.enumerated().map { k, u in
            var user = server(u, id: "\(k)")
            user.fields.entitlements = ["share:a", "share:b", "share:c", "share:d"]
            return user
        }
        let one = SyncPlan(model: m, users: users, groups: [], prune: false)
        #expect(one.removedUsers == 0 && one.counts.update == m.users.count)
        #expect(one.revokedEntitlements == m.users.count && one.heldEntitlements == 4 * m.users.count)
        #expect(!one.exceedsRemovalGuard(0.25), "one share of four is a quarter, not more")
        for k in m.users.indices { m.users[k].shares = [] }
        let all = SyncPlan(model: m, users: users, groups: [], prune: false)
        #expect(all.removedUsers == 0 && all.counts.deactivate == 0)
        #expect(all.exceedsRemovalGuard(0.25) && all.exceedsRemovalGuard(0.99))
        #expect(all.removalsOverGuard(0.25) == ["takes away \(4 * m.users.count) of the \(4 * m.users.count) entitlements its active users hold"])
        // Entitlements of users who cannot connect grant nothing, and count on neither side.
        let idle = users.map {
            var u = $0; u.fields.active = false; return u
        }
        let asleep = SyncPlan(model: m, users: idle, groups: [], prune: false)
        #expect(asleep.heldEntitlements == 0 && asleep.revokedEntitlements == 0)
        #expect(!asleep.exceedsRemovalGuard(0.25))
    }

    /// With --prune, every group the records no longer name is deleted: a plan deleting all of
    /// them passed the guard, which counted users only. Groups deleted, or emptied without
    /// --prune, count against the groups roster owns that have members; deleting empty ones
    /// takes no one's access.
    @Test func aPlanThatDeletesOrEmptiesTheGroupsIsGuarded() throws {
        var m = try model()
        let users = m.users.enumerated().map { server($1, id: "\($0)") }
        let idOf = Dictionary(uniqueKeysWithValues: users.map { ($0.externalId!, $0.id) })
        let groups = m.groups.enumerated().map { k, g in
            SyncState.Group(id: "g\(k)", externalId: g.externalId, displayName: g.displayName, memberIDs: g.members.compactMap { idOf[$0] })
        }
        let populated = groups.filter { !$0.memberIDs.isEmpty }.count
        #expect(populated > 0)
        let empty = (0..<(4 * groups.count)).map { SyncState.Group(id: "e\($0)", externalId: "org:gone-\($0)", displayName: "Gone", memberIDs: []) }
        let tidy = SyncPlan(model: m, users: users, groups: groups + empty, prune: true)
        #expect(tidy.counts.delete == empty.count && tidy.removedGroups == 0)
        #expect(!tidy.exceedsRemovalGuard(0.25), "deleting empty groups takes no one's access")
        m.orgs = []
        for prune in [true, false] {
            let plan = SyncPlan(model: m, users: users, groups: groups + empty, prune: prune)
            #expect(plan.exceedsRemovalGuard(0.25) && plan.exceedsRemovalGuard(0.99), "prune: \(prune)")
            #expect(plan.removedUsers == 0 && plan.revokedEntitlements == 0)
            #expect(plan.removedGroups == populated && plan.populatedGroups == populated)
            #expect(plan.removalsOverGuard(0.25) == ["deletes or empties \(populated) of the \(populated) groups with members"])
        }
    }

    @Test func anOwnedUserTheRecordsDropIsDeactivatedOrWithPruneDeleted() throws {
        let m = try model()
        let gone = AccessModel.User(
            email: "gone@acme.example", firstName: "G", lastName: "One", org: "acme", orgName: "Acme",
            role: .teamMember, active: true, teams: [], shares: ["feed"])
        let users = m.users.enumerated().map { server($1, id: "\($0)") } + [server(gone, id: "9")]
        let keep = SyncPlan(model: m, users: users, groups: [], prune: false)
        #expect(keep.actions.contains(.deactivateOrphan(id: "9", email: "gone@acme.example", from: SyncState.UserFields(gone))))
        let prune = SyncPlan(model: m, users: users, groups: [], prune: true)
        #expect(prune.actions.contains(.deleteUser(id: "9", email: "gone@acme.example")))
    }

    @Test func aPatchNamesOnlyTheAttributesThatChange() throws {
        let bob = try model().users[2]
        let body = String(decoding: SyncRequests.patchUser(SyncState.UserFields(bob), attributes: ["active", "entitlements"]), as: UTF8.self)
        #expect(body.contains(#""op": "replace""#) && body.contains(#""path": "active""#) && body.contains("false"))
        #expect(body.contains(#""op": "remove""#) && body.contains(#""path": "entitlements""#))
        #expect(!body.contains("userName") && !body.contains("roles"))
    }
}
