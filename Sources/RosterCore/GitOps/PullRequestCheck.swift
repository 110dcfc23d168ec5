import Foundation

/// `roster check`: what CI runs on a pull request. Guards are measured against the base (the
/// head could loosen its own settings), and so are the actor's rights.
public struct PullRequestCheck: Sendable {
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
                    out.append(
                        Self.refusal(
                            "guard-member-removal", path,
                            "removes \(removed) of the \(old.members.count) members of \(old.id), more than \(percent)% (guards.maxRemovalFraction); pass --allow-mass-removal if this is intended"
                        ))
                }
            }
            out += movedOrgs(percent: percent)
            for (path, old) in c.base.shares.sorted(by: { $0.key < $1.key }) {
                let remaining = Set((c.head.shares[path]?.consumers ?? []).map(\.org))
                let removed = old.consumers.filter { !remaining.contains($0.org) }.count
                if tooMany(removed: removed, of: old.consumers.count) {
                    out.append(
                        Self.refusal(
                            "guard-consumer-removal", path,
                            "removes \(removed) of the \(old.consumers.count) consumers of \(old.id), more than \(percent)%; pass --allow-mass-removal if this is intended"
                        ))
                }
            }
            let deleted = c.base.orgs.keys.filter { path in c.head.orgs[path] == nil && !c.head.findings.contains { $0.path == path } }
            if !deleted.isEmpty {
                let total = try c.reader.listOrgFiles(at: c.baseCommit).count
                if tooMany(removed: deleted.count, of: total) {
                    out.append(
                        Self.refusal(
                            "guard-org-removal", Snapshot.orgsDirectory,
                            "deletes \(deleted.count) of \(total) orgs, more than \(percent)%; pass --allow-mass-removal if this is intended"))
                }
            }
        }
        out += submodules()
        for (path, old) in c.base.orgs.sorted(by: { $0.key < $1.key }) where c.head.orgs[path] == nil {
            let tombstone = Tombstone.path(for: old.id)
            let confirm = Tombstone.confirmation(c.headFile(tombstone))
            if confirm != old.name {
                out.append(
                    Self.refusal(
                        "guard-delete-confirmation", path,
                        "\(old.id) is deleted without the confirmation `roster org delete \(old.id) --confirm '\(old.name)'` records in \(tombstone)")
                )
            }
        }
        return out
    }

    /// A submodule under data/, content/ or site-templates/ is refused whoever proposes it, as a
    /// symbolic link there is: checked out it is an empty folder (or another repository's
    /// files), which validation, reading the working tree, cannot tell from a folder.
    func submodules() -> [Finding] {
        comparison.tree.filter { change in
            change.headMode == TreeChange.submodule && SymlinkScan.folders.contains { change.path.hasPrefix($0 + "/") }
        }.map { change in
            Finding(
                path: change.path, pointer: nil, line: 1, column: 1, severity: .error, rule: SymlinkScan.rule,
                message:
                    "a submodule; roster reads only regular files under data/, content/ and site-templates/: replace it with the files themselves")
        }
    }

    /// An org deleted while some of its members reappear in a new org is a move (a rename of its
    /// id): the members that reappear count as kept, the rest as removed, so re-creating an org
    /// under another id with one of its seven members is the mass removal it is.
    func movedOrgs(percent: Int) -> [Finding] {
        let c = comparison
        let created = c.head.orgs.filter { c.base.orgs[$0.key] == nil }
        let arrived = Set(created.values.flatMap { $0.members.map(\.email) })
        var out: [Finding] = []
        for (path, old) in c.base.orgs.sorted(by: { $0.key < $1.key }) where c.head.orgs[path] == nil {
            let kept = old.members.filter { arrived.contains($0.email) }.count
            let removed = old.members.count - kept
            guard kept > 0, tooMany(removed: removed, of: old.members.count) else { continue }
            let to = created.filter { $0.value.members.contains { old.member($0.email) != nil } }.map(\.value.id).sorted()
            out.append(
                Self.refusal(
                    "guard-member-removal", path,
                    "moves \(old.id) to \(to.joined(separator: ", ")) keeping \(kept) of its \(old.members.count) members: removes \(removed), more than \(percent)% (guards.maxRemovalFraction); pass --allow-mass-removal if this is intended"
                ))
        }
        return out
    }

    /// Policy: what the actor may change, judged on every changed path and field.
    /// `head` is the head's snapshot (the working tree), already loaded to validate it.
    public func policy(actor: Actor, head: Snapshot, today: CalendarDate) -> (standing: ActorStanding, findings: [Finding]) {
        let check = PolicyCheck(comparison: comparison, head: head, actor: actor, today: today)
        return (check.standing, check.findings())
    }
}
