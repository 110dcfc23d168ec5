import Foundation

/// What the actor is in the base revision: the provider admin, or member of some orgs (each
/// membership as the base records it), or nobody yet.
public struct ActorStanding: Sendable {
    public let actor: Actor
    /// The actor's e-mail: as given, or the one the base records for the handle.
    public let email: String?
    public let isProviderAdmin: Bool
    /// Org id -> the actor's membership there, in the base.
    public let memberships: [String: Membership]

    /// The row of the policy table (content/gitops-workflow.md) that applies.
    public var role: String {
        if isProviderAdmin { return "provider admin" }
        guard let (org, m) = memberships.sorted(by: { $0.key < $1.key }).first else { return "newcomer" }
        if m.role == .superAdmin, m.state == .active { return "super admin of \(org)" }
        return m.state == .invited ? "invitee of \(org)" : "team member of \(org)"
    }

    /// The rule id a refusal of this actor carries.
    public var rule: String {
        if memberships.isEmpty { return "policy-newcomer" }
        return memberships.values.contains { $0.role == .superAdmin && $0.state == .active } ? "policy-own-org" : "policy-team-member"
    }
}

extension ActorStanding {
    /// Finds the actor in the base: the settings' admins, then the orgs. An org file the pull
    /// request did not change is the same on both sides, so it is read from `head` (the head's
    /// snapshot, already loaded to validate it); a changed one from `comparison.base`. No org
    /// file is read twice, and no git grep walks 10,000 blobs.
    public init(_ actor: Actor, comparison c: Comparison, head: Snapshot) {
        let settings = c.base.settings ?? MarketplaceSettings(providerName: "")
        var email: String?
        switch actor {
        case .email(let e): email = e
        case .handle(let h): email = settings.admin(handle: h)
        }
        if let email, settings.admins.contains(email) {
            self.init(actor: actor, email: email, isProviderAdmin: true, memberships: [:])
            return
        }
        let changed = Set(c.paths)
        let unchanged = head.orgs.lazy.filter { !changed.contains($0.path) }.map(\.record)
        var memberships: [String: Membership] = [:]
        for org in Array(unchanged) + c.base.orgs.values {
            let member: Membership?
            switch actor {
            case .email(let e): member = org.member(e)
            case .handle(let h): member = org.members.first { $0.handle.map(Formats.handleKey) == Formats.handleKey(h) }
            }
            if let member { memberships[org.id] = member }
        }
        // A handle that names different people in the base (an invalid base) grants nothing.
        let emails = Set(memberships.values.map(\.email))
        if emails.count > 1 { memberships = [:] }
        self.init(actor: actor, email: email ?? emails.first, isProviderAdmin: false, memberships: memberships)
    }
}
