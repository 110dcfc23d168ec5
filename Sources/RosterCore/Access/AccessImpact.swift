/// What a change between two revisions does to who may connect and to which shares, on one day,
/// by the same ``AccessRule`` the export and the sync use: "3 users lose access to
/// weather-daily, 1 gains access". A pull request shows it, so a reviewer sees the effect of
/// disabling an org or ending a share link, not only the JSON that changed.
public struct AccessImpact: Sendable, Equatable {
    public struct Change: Sendable, Equatable {
        /// A share id, or nil for being able to connect at all.
        public var share: String?
        /// E-mails, sorted.
        public var lost: [String]
        public var gained: [String]
    }

    /// Connection first, then shares by id; only what changes.
    public var changes: [Change]

    public var isEmpty: Bool { changes.isEmpty }

    /// Compares the orgs the change touches (their files, or their links in changed shares) on
    /// both sides. Files the change did not touch are the same on both sides, so they are read
    /// once, from the base.
    public static func between(_ c: Comparison, on day: CalendarDate) throws(GitReader.Failure) -> AccessImpact {
        let changedShares = c.paths.filter { $0.hasPrefix(Snapshot.sharesDirectory + "/") }
        var affected = Set(c.paths.compactMap { path in path.hasPrefix(Snapshot.orgsDirectory + "/") ? RecordStore.fileStem(path) : nil })
        for path in changedShares {
            let old = c.base.shares[path]?.consumers ?? [], new = c.head.shares[path]?.consumers ?? []
            for link in old + new where old.filter({ $0.org == link.org }) != new.filter({ $0.org == link.org }) { affected.insert(link.org) }
        }
        guard !affected.isEmpty else { return AccessImpact(changes: []) }
        let changed = Set(c.paths)
        let shareFiles = try c.reader.listFiles(Snapshot.sharesDirectory, at: c.baseCommit)
        let unchanged = RevisionState(files: try c.reader.files(shareFiles.filter { !changed.contains($0) }, at: c.baseCommit))
        let orgPaths = affected.sorted().map { Snapshot.orgsDirectory + "/\($0).json" }
        let sameOrgs = RevisionState(files: try c.reader.files(orgPaths.filter { !changed.contains($0) }, at: c.baseCommit))
        func side(_ state: RevisionState) -> Set<Grant> {
            let orgs = orgPaths.compactMap { state.orgs[$0] ?? sameOrgs.orgs[$0] }
            // The shares that link each of these orgs, from one pass over the links: asking every
            // share for every member cost orgs x members x shares x links (0.2 s for 100 orgs of
            // 10,000). A share that links none of them grants nothing, so skipping it changes nothing.
            let ids = Set(orgs.map(\.id))
            var sharesOf: [String: [ShareRecord]] = [:]
            for share in Array(unchanged.shares.values) + Array(state.shares.values) {
                for id in Set(share.consumers.map(\.org)) where ids.contains(id) { sharesOf[id, default: []].append(share) }
            }
            var grants = Set<Grant>()
            for org in orgs {
                for member in org.members where AccessRule.canConnect(org: org, member: member, on: day) {
                    grants.insert(Grant(email: member.email, share: nil))
                    for share in sharesOf[org.id] ?? [] where AccessRule.hasAccess(org: org, member: member, share: share, on: day) {
                        grants.insert(Grant(email: member.email, share: share.id))
                    }
                }
            }
            return grants
        }
        let before = side(c.base), after = side(c.head)
        var byShare: [String?: Change] = [:]
        for g in before.subtracting(after) { byShare[g.share, default: Change(share: g.share, lost: [], gained: [])].lost.append(g.email) }
        for g in after.subtracting(before) { byShare[g.share, default: Change(share: g.share, lost: [], gained: [])].gained.append(g.email) }
        let changes = byShare.values.map { Change(share: $0.share, lost: $0.lost.sorted(), gained: $0.gained.sorted()) }
            .sorted { ($0.share ?? "") < ($1.share ?? "") }
        return AccessImpact(changes: changes)
    }

    struct Grant: Hashable {
        var email: String
        var share: String?
    }

    /// One line per change: "3 users lose access to weather-daily, 1 gains access".
    public var lines: [String] {
        changes.map { change in
            let what = change.share.map { "access to share \($0)" } ?? "the right to connect"
            var parts: [String] = []
            if !change.lost.isEmpty { parts.append("\(Self.users(change.lost.count)) lose\(change.lost.count == 1 ? "s" : "") \(what)") }
            if !change.gained.isEmpty { parts.append("\(Self.users(change.gained.count)) gain\(change.gained.count == 1 ? "s" : "") \(what)") }
            return parts.joined(separator: ", ")
        }
    }

    static func users(_ n: Int) -> String { n == 1 ? "1 user" : "\(n) users" }

    /// A section of a pull-request comment (counts only: a comment is read more widely than the
    /// records, so it names no e-mail); empty when access does not change.
    public func markdown(day: CalendarDate) -> String {
        guard !isEmpty else { return "" }
        return "\n### Access on \(day)\n\n" + lines.map { "- \(MarkdownText.inline($0))\n" }.joined()
    }
}
