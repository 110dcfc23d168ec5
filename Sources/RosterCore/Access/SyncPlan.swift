/// What `roster sync` must do so that a SCIM service provider mirrors the export, as
/// `terraform plan` shows it: computed from the access model and what the server holds, touching
/// only resources roster owns (``SyncState``), before anything is sent.
public struct SyncPlan: Sendable {
    public enum Action: Sendable, Equatable {
        case createUser(AccessModel.User)
        /// `attributes` are the SCIM attributes that change (``SyncState/UserFields/changedAttributes(to:)``).
        case updateUser(id: String, AccessModel.User, from: SyncState.UserFields, attributes: [String])
        /// A user roster owns whom the records no longer list: `active: false`, no entitlements.
        case deactivateOrphan(id: String, email: String, from: SyncState.UserFields)
        case deleteUser(id: String, email: String)
        case createGroup(AccessModel.Group)
        /// `members` are the e-mails the group must list.
        case updateGroup(id: String, externalId: String, displayName: String, members: [String], added: Int, removed: Int, renamed: Bool)
        case deleteGroup(id: String, externalId: String)
    }

    public var actions: [Action]
    /// Users roster owns on the server, and how many of them the plan deactivates or deletes.
    public var ownedUsers: Int
    public var removedUsers: Int
    /// Of those, the users who can connect now (`active`), and how many of them the plan
    /// deactivates or deletes: the people it locks out.
    public var activeOwnedUsers: Int
    public var lockedOutUsers: Int
    /// The entitlements the active users roster owns hold on the server (one per user and
    /// share), and how many of them the plan takes away: by an update, or with the user's
    /// deactivation or deletion. An entitlement of an inactive user grants nothing, so it counts
    /// on neither side.
    public var heldEntitlements: Int
    public var revokedEntitlements: Int
    /// The groups roster owns that have members, and how many of them the plan deletes
    /// (`--prune`) or empties because the records no longer name them. An empty group grants
    /// nothing, so it counts on neither side.
    public var populatedGroups: Int
    public var removedGroups: Int
    /// Resources on the server that roster does not own and leaves alone.
    public var othersLeftAlone: Int
    /// Ids of the users roster owns, by e-mail (the groups' members are sent by id).
    public var userIDs: [String: String]

    public var isEmpty: Bool { actions.isEmpty }

    /// The plan that makes the server mirror `model`. With `prune`, owned resources the records no
    /// longer name are deleted; without it, users are deactivated and groups emptied.
    public init(model: AccessModel, users: [SyncState.User], groups: [SyncState.Group], prune: Bool) {
        var actions: [Action] = []
        var removed = 0, lockedOut = 0, revoked = 0
        let owned = Self.byExternalID(users.filter(\.isOwned).sorted { $0.id < $1.id }) { $0.externalId! }
        othersLeftAlone = users.count - users.filter(\.isOwned).count + groups.count - groups.filter(\.isOwned).count
        ownedUsers = owned.unique.count + owned.extra.count
        let activeOwned = (Array(owned.unique.values) + owned.extra).filter(\.fields.active)
        activeOwnedUsers = activeOwned.count
        heldEntitlements = activeOwned.reduce(0) { $0 + Set($1.fields.entitlements).count }
        var ids: [String: String] = [:]
        let desired = Set(model.users.map(\.email))
        for user in model.users {
            let want = SyncState.UserFields(user)
            guard let have = owned.unique[user.email] else { actions.append(.createUser(user)); continue }
            ids[user.email] = have.id
            let changed = have.fields.changedAttributes(to: want)
            if changed.isEmpty { continue }
            if have.fields.active && !want.active {
                removed += 1
                lockedOut += 1
            }
            if have.fields.active {
                revoked += Set(have.fields.entitlements).subtracting(want.active ? want.entitlements : []).count
            }
            actions.append(.updateUser(id: have.id, user, from: have.fields, attributes: changed))
        }
        let orphans = owned.unique.values.filter { !desired.contains($0.externalId!) } + owned.extra
        for user in orphans.sorted(by: { ($0.externalId!, $0.id) < ($1.externalId!, $1.id) }) {
            if user.fields.active {
                lockedOut += 1
                revoked += Set(user.fields.entitlements).count
            }
            if prune {
                removed += 1
                actions.append(.deleteUser(id: user.id, email: user.externalId!))
            } else if user.fields.active || !user.fields.entitlements.isEmpty {
                if user.fields.active { removed += 1 }
                actions.append(.deactivateOrphan(id: user.id, email: user.externalId!, from: user.fields))
            }
        }
        removedUsers = removed
        lockedOutUsers = lockedOut
        revokedEntitlements = revoked
        userIDs = ids
        let groupPlan = Self.groupActions(model: model, groups: groups, users: owned.unique, prune: prune)
        populatedGroups = groupPlan.populated
        removedGroups = groupPlan.removed
        self.actions = actions + groupPlan.actions
    }

    /// The group actions, with the owned groups that have members and how many of them the
    /// plan deletes or empties.
    static func groupActions(
        model: AccessModel, groups: [SyncState.Group], users: [String: SyncState.User], prune: Bool
    ) -> (actions: [Action], populated: Int, removed: Int) {
        var actions: [Action] = []
        let owned = byExternalID(groups.filter(\.isOwned).sorted { $0.id < $1.id }) { $0.externalId! }
        let populated = (Array(owned.unique.values) + owned.extra).filter { !$0.memberIDs.isEmpty }.count
        var removed = 0
        let emailOf = Dictionary(users.values.map { ($0.id, $0.externalId!) }, uniquingKeysWith: { a, _ in a })
        let wanted = model.groups
        for group in wanted {
            guard let have = owned.unique[group.externalId] else { actions.append(.createGroup(group)); continue }
            // A member the server lists but roster does not know (by id) is kept under its id, so it
            // counts as one to remove.
            let current = Set(have.memberIDs.map { emailOf[$0] ?? "id:\($0)" })
            let target = Set(group.members)
            let renamed = have.displayName != group.displayName
            if current == target && !renamed { continue }
            actions.append(
                .updateGroup(
                    id: have.id, externalId: group.externalId, displayName: group.displayName, members: group.members,
                    added: target.subtracting(current).count, removed: current.subtracting(target).count, renamed: renamed))
        }
        let names = Set(wanted.map(\.externalId))
        let orphans = owned.unique.values.filter { !names.contains($0.externalId!) } + owned.extra
        for group in orphans.sorted(by: { ($0.externalId!, $0.id) < ($1.externalId!, $1.id) }) {
            if !group.memberIDs.isEmpty { removed += 1 }
            if prune {
                actions.append(.deleteGroup(id: group.id, externalId: group.externalId!))
            } else if !group.memberIDs.isEmpty {
                actions.append(
                    .updateGroup(
                        id: group.id, externalId: group.externalId!, displayName: group.displayName, members: [],
                        added: 0, removed: group.memberIDs.count, renamed: false))
            }
        }
        return (actions, populated, removed)
    }

    /// Resources by external id; when the server holds two with one external id, the first by id
    /// is the one roster keeps and the others are extras, removed like orphans.
    static func byExternalID<R>(_ list: [R], key: (R) -> String) -> (unique: [String: R], extra: [R]) {
        var unique: [String: R] = [:], extra: [R] = []
        for item in list {
            if unique[key(item)] == nil { unique[key(item)] = item } else { extra.append(item) }
        }
        return (unique, extra)
    }

    /// Whether the plan removes more than `fraction` of what roster owns on the server (see
    /// ``removalsOverGuard(_:)``).
    public func exceedsRemovalGuard(_ fraction: Double) -> Bool {
        !removalsOverGuard(fraction).isEmpty
    }

    /// What the plan removes beyond `fraction`, each in words for the refusal: more than
    /// `fraction` of the users roster owns deactivated or deleted, or of those of them who can
    /// connect now (users deactivated long ago must not dilute the count, or a plan that locks
    /// out every active user would pass on a server that keeps three times as many inactive
    /// ones); more than `fraction` of the entitlements active users hold taken away (a plan that
    /// strips every share leaves every user active, and locks them all out of every API); more
    /// than `fraction` of the groups with members deleted or emptied (a gateway may grant by
    /// group). Each is counted against what grants access now, for the same reason as the users.
    public func removalsOverGuard(_ fraction: Double) -> [String] {
        func over(_ part: Int, _ whole: Int) -> Bool { whole > 0 && Double(part) > fraction * Double(whole) }
        var out: [String] = []
        if exceedsLockoutGuard(fraction) {
            out.append("deactivates or deletes \(lockedOutUsers) of the \(activeOwnedUsers) active users")
        } else if over(removedUsers, ownedUsers) {
            out.append("deactivates or deletes \(removedUsers) of the \(ownedUsers) users")
        }
        if over(revokedEntitlements, heldEntitlements) {
            out.append("takes away \(revokedEntitlements) of the \(heldEntitlements) entitlements its active users hold")
        }
        if over(removedGroups, populatedGroups) {
            out.append("deletes or empties \(removedGroups) of the \(populatedGroups) groups with members")
        }
        return out
    }

    /// Whether the plan deactivates or deletes more than `fraction` of the active users roster owns.
    public func exceedsLockoutGuard(_ fraction: Double) -> Bool {
        activeOwnedUsers > 0 && Double(lockedOutUsers) > fraction * Double(activeOwnedUsers)
    }
}
