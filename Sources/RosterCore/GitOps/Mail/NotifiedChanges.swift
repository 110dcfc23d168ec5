/// The events of a comparison as notifications see them: an org file that was renamed (its id
/// changed, so its path did) is one org that changed, not an org deleted and another created
/// whose members are all invited again. A deleted and a created org are the same org when they
/// share their `createdAt` and no other deleted or created org has it.
struct NotifiedChanges {
    var events: [ChangeEvent]
    /// The org on each side by the path of the event (a renamed org's old record under its new path).
    var base: [String: OrgRecord]
    var head: [String: OrgRecord]

    init(_ c: Comparison) {
        base = c.base.orgs
        head = c.head.orgs
        let deleted = c.base.orgs.filter { c.head.orgs[$0.key] == nil }
        let created = c.head.orgs.filter { c.base.orgs[$0.key] == nil }
        let pairs = Self.pairs(deleted: deleted, created: created)
        guard !pairs.isEmpty else { events = c.events; return }
        let paired = Set(pairs.flatMap { [$0.old, $0.new] })
        // A renamed org's share links move with it: no access is granted or revoked.
        let moved = Set(
            pairs.compactMap { pair in
                c.base.orgs[pair.old].flatMap { old in c.head.orgs[pair.new].map { "\(old.id)\u{1F}\($0.id)" } }
            })
        func isMovedLink(_ e: ChangeEvent) -> Bool {
            guard e.kind == .shareLinked || e.kind == .shareUnlinked, let org = e.org else { return false }
            return c.events.contains { other in
                other.share == e.share && other.kind != e.kind && (other.kind == .shareLinked || other.kind == .shareUnlinked)
                    && moved.contains(e.kind == .shareUnlinked ? "\(org)\u{1F}\(other.org ?? "")" : "\(other.org ?? "")\u{1F}\(org)")
            }
        }
        var events = c.events.filter { !paired.contains($0.path) && !isMovedLink($0) }
        for pair in pairs {
            // The old record is compared with the new one under the new path.
            var before = RevisionState(files: [:]), after = RevisionState(files: [:])
            before.orgs[pair.new] = c.base.orgs[pair.old]
            after.orgs[pair.new] = c.head.orgs[pair.new]
            events += SemanticDiff.events(base: before, head: after, paths: [pair.new])
            base[pair.new] = c.base.orgs[pair.old]
        }
        // Path order, as the comparison gives them, so messages go out in the same order.
        self.events = events.enumerated().sorted { ($0.element.path, $0.offset) < ($1.element.path, $1.offset) }.map(\.element)
    }

    /// (old path, new path) of the orgs whose file was renamed, matched by `createdAt`.
    static func pairs(deleted: [String: OrgRecord], created: [String: OrgRecord]) -> [(old: String, new: String)] {
        func byCreation(_ orgs: [String: OrgRecord]) -> [String: [String]] {
            Dictionary(grouping: orgs.keys) { orgs[$0]?.createdAt ?? "" }
        }
        let gone = byCreation(deleted), new = byCreation(created)
        return gone.compactMap { createdAt, old -> (old: String, new: String)? in
            guard old.count == 1, let candidates = new[createdAt], candidates.count == 1 else { return nil }
            return (old[0], candidates[0])
        }.sorted { $0.new < $1.new }
    }
}
