import Foundation

/// `roster check`: what CI runs on a pull request. Guards are measured against the base (the
/// head could loosen its own settings), and so are the actor's rights.
public struct PullRequestCheck: Sendable {
    public enum Role: Sendable, Equatable, CustomStringConvertible {
        case providerAdmin
        case superAdmin(org: String)
        case teamMember(org: String)
        case newcomer

        public var description: String {
            switch self {
            case .providerAdmin: "provider admin"
            case .superAdmin(let org): "super admin of \(org)"
            case .teamMember(let org): "team member of \(org)"
            case .newcomer: "newcomer"
            }
        }
    }

    public let comparison: Comparison
    public let allowMassRemoval: Bool

    public init(comparison: Comparison, allowMassRemoval: Bool) {
        self.comparison = comparison
        self.allowMassRemoval = allowMassRemoval
    }

    var settings: MarketplaceSettings { comparison.base.settings ?? MarketplaceSettings(providerName: "") }

    static func refusal(_ rule: String, _ path: String, _ message: String) -> Finding {
        Finding(path: path, pointer: nil, line: 1, column: 1, severity: .error, rule: rule, message: message)
    }

    /// Removing more than `maxRemovalFraction` of a set, and more than one item, is refused.
    func tooMany(removed: Int, of total: Int) -> Bool {
        removed > 1 && Double(removed) > settings.guards.maxRemovalFraction * Double(total)
    }

    /// Guards: mass removals and unconfirmed deletions.
    public func guards() throws(GitReader.Failure) -> [Finding] {
        var out: [Finding] = []
        let c = comparison
        let fraction = settings.guards.maxRemovalFraction
        let percent = Int((fraction * 100).rounded())
        if !allowMassRemoval {
            for (path, old) in c.base.orgs.sorted(by: { $0.key < $1.key }) {
                guard let new = c.head.orgs[path] else { continue }
                let removed = Set(old.members.map(\.email)).subtracting(new.members.map(\.email)).count
                if tooMany(removed: removed, of: old.members.count) {
                    out.append(Self.refusal("guard-member-removal", path, "removes \(removed) of the \(old.members.count) members of \(old.id), more than \(percent)% (guards.maxRemovalFraction); pass --allow-mass-removal if this is intended"))
                }
            }
            for (path, old) in c.base.shares.sorted(by: { $0.key < $1.key }) {
                let remaining = Set((c.head.shares[path]?.consumers ?? []).map(\.org))
                let removed = old.consumers.filter { !remaining.contains($0.org) }.count
                if tooMany(removed: removed, of: old.consumers.count) {
                    out.append(Self.refusal("guard-consumer-removal", path, "removes \(removed) of the \(old.consumers.count) consumers of \(old.id), more than \(percent)%; pass --allow-mass-removal if this is intended"))
                }
            }
            let deleted = c.base.orgs.keys.filter { path in c.head.orgs[path] == nil && !c.head.findings.contains { $0.path == path } }
            if !deleted.isEmpty {
                let total = try c.reader.listOrgFiles(at: c.baseCommit).count
                if tooMany(removed: deleted.count, of: total) {
                    out.append(Self.refusal("guard-org-removal", Snapshot.orgsDirectory, "deletes \(deleted.count) of \(total) orgs, more than \(percent)%; pass --allow-mass-removal if this is intended"))
                }
            }
        }
        for (path, old) in c.base.orgs.sorted(by: { $0.key < $1.key }) where c.head.orgs[path] == nil {
            let tombstone = Tombstone.path(for: old.id)
            let confirm = Tombstone.confirmation(c.headFile(tombstone))
            if confirm != old.name {
                out.append(Self.refusal("guard-delete-confirmation", path, "\(old.id) is deleted without the confirmation `roster org delete \(old.id) --confirm '\(old.name)'` records in \(tombstone)"))
            }
        }
        return out
    }

    /// The actor's role in the base revision.
    public func role(of actor: String) throws(GitReader.Failure) -> Role {
        if settings.admins.contains(actor) { return .providerAdmin }
        let c = comparison
        let needle = "\"email\": \"\(actor)\""
        // git grep exits 1 when nothing matches: that is a newcomer, not a failure.
        let found = (try? c.reader.git(["grep", "-l", "-F", "-e", needle, c.baseCommit, "--", Snapshot.orgsDirectory])) ?? Data()
        let hits = String(decoding: found, as: UTF8.self)
            .split(separator: "\n").map { String($0.dropFirst(c.baseCommit.count + 1)) }
        let files = try c.reader.files(hits, at: c.baseCommit)
        for (path, bytes) in files.sorted(by: { $0.key < $1.key }) {
            guard let bytes, let org = RecordStore.decode(path: path, bytes: bytes, kind: .org).org?.record,
                  let member = org.member(actor) else { continue }
            return member.role == .superAdmin ? Role.superAdmin(org: org.id) : Role.teamMember(org: org.id)
        }
        return .newcomer
    }

    /// Policy: who may make which change.
    public func policy(actor: String) throws(GitReader.Failure) -> [Finding] {
        let role = try role(of: actor)
        var out: [Finding] = []
        for e in comparison.events {
            let allowed: Bool
            let rule: String
            switch role {
            case .providerAdmin:
                allowed = true; rule = ""
            case .superAdmin(let org):
                allowed = ["members", "teams"].contains(e.kind.group) && e.org == org
                rule = "policy-own-org"
            case .teamMember:
                allowed = false; rule = "policy-team-member"
            case .newcomer:
                allowed = e.kind == .registrationRequested && e.email == actor
                    || (e.kind == .memberInvited && comparison.events.contains { $0.kind == .registrationRequested && $0.org == e.org && $0.email == actor })
                rule = "policy-newcomer"
            }
            if !allowed {
                let what: String
                switch role {
                case .superAdmin(let org): what = "a super admin may change only the members and teams of their own org (\(org))"
                case .teamMember: what = "a team member may change nothing; ask a super admin of your org"
                case .newcomer: what = "someone without an org may only request the registration of a new org, as its requester"
                case .providerAdmin: what = ""
                }
                out.append(Self.refusal(rule, e.path, "\(actor) (\(role)) may not make this change: \(e.summary); \(what)"))
            }
        }
        return out
    }
}
