import RosterCore

/// What the portal's pages are made of: the snapshot plus the indexes several pages share,
/// computed once. A class: each of the 21,000 page jobs captures it, and a struct of this size
/// would be copied into every capture, with a reference count per field.
public final class PortalModel: Sendable {
    public let snapshot: Snapshot
    public let settings: MarketplaceSettings
    public let docs: DocsSite
    public let history: GitHistory
    public let email: EmailDisplay
    /// The places in `snapshot.orgs` of the orgs sorted by name in natural order, as the
    /// Consumer Orgs page lists them. Places, not a sorted copy of the orgs: copying 100,000
    /// records, a reference count on each field (each a cache miss), held up the indexing on
    /// one core for 50 ms.
    let orgOrder: [Int]
    /// Shares sorted by name in natural order, as the shares list shows them.
    public let sharesByName: [ShareFile]
    /// The place in `snapshot.shares` of each of `sharesByName`.
    let shareOrder: [Int]
    /// For each org id, the shares it consumes (share, link), sorted by share name.
    public let sharesOfOrg: ByOrgID<[(share: ShareName, link: ShareLink)]>
    public let orgNames: ByOrgID<String>
    public let orgStatus: ByOrgID<OrgStatus>
    /// Why the users of an org cannot connect today (the access rule), for orgs whose users cannot.
    /// Empty for an org whose users can connect.
    public let orgBlockers: ByOrgID<String>
    /// Each org's active users (``OrgRecord/userCount``), counted once: counting walks the
    /// members and copies each, and four files of every org show the count.
    let activeUsers: ByOrgID<Int>
    /// The day the portal is built for: an org whose end date has come shows as expired.
    public let today: CalendarDate

    public init(snapshot: Snapshot, docs: DocsSite, history: GitHistory, today: CalendarDate = .today()) {
        self.snapshot = snapshot
        self.today = today
        settings = snapshot.settings
        self.docs = docs
        self.history = history
        email = EmailDisplay(showEmails: settings.portal.showEmails)
        // Side by side: the records sorted by name, and everything else. (`concurrently`, not
        // the two halves of a `concurrentPerform`: the keys of the sort are made on every core,
        // and libdispatch gives an apply nested in another one thread.)
        let orgs = snapshot.orgs, shares = snapshot.shares
        let (byName, indexes) = concurrently(
            {
                // Keys computed once: sorting 10,000 names would otherwise normalize each many
                // times. Indices are sorted, not files, and records are not copied out of their
                // files: the reference counting of copies cost more than the sorting itself.
                // Natural order ("Org 2" before "Org 10"), as `roster org list` sorts.
                (Self.naturalOrder(orgs) { ($0.record.name, $0.record.id) }, Self.naturalOrder(shares) { ($0.record.name, $0.record.id) })
            },
            { Indexes(snapshot, today: today) })
        (orgOrder, shareOrder) = byName
        sharesByName = shareOrder.map { shares[$0] }
        sharesOfOrg = indexes.sharesOfOrg
        orgNames = indexes.orgNames
        orgStatus = indexes.orgStatus
        orgBlockers = indexes.orgBlockers
        activeUsers = indexes.activeUsers
        userCount = indexes.userCount
        invitationCount = indexes.invitationCount
        teamCount = indexes.teamCount
        statusCounts = indexes.statusCounts
        pendingRegistrations = indexes.pendingRegistrations
        recentDecisions = indexes.recentDecisions
    }

    /// The places of `records` in natural order of their names (then of their ids).
    static func naturalOrder<Record: Sendable>(_ records: [Record], _ nameAndId: @Sendable (Record) -> (String, String)) -> [Int] {
        // Names all ASCII (the usual case): their keys' bytes, made from the name's bytes at
        // once (made from the key's pieces, each a String, they cost 15,000 instructions a
        // name), back to back in one buffer, compared in place with `memcmp`. (A key of two
        // arrays, copied for each comparison, cost 20 ms at 10,000 orgs; then an array each,
        // read through a copy, cost two reference counts and a miss of the cache for each of
        // 1,700,000 comparisons at 100,000 orgs, 100 ms on one core.)
        let ascii = parallelMap(records, chunkSize: 512) { record in
            let (name, id) = nameAndId(record)
            return (NaturalOrder.asciiKeyBytes(name), id)
        }
        let bytes = ascii.compactMap(\.0)
        if bytes.count == ascii.count {
            let ids = ascii.map(\.1)
            var all: [UInt8] = [], starts: [Int] = []
            all.reserveCapacity(bytes.reduce(1) { $0 + $1.count })
            starts.reserveCapacity(bytes.count + 1)
            for key in bytes {
                starts.append(all.count)
                all.append(contentsOf: key)
            }
            starts.append(all.count)
            // Past the last key, so that the buffer is never empty.
            all.append(0)
            return all.withUnsafeBufferPointer { all in
                let base = all.baseAddress!
                return records.indices.sorted { a, b in
                    let order = NaturalOrder.order(
                        bytes: UnsafeRawBufferPointer(start: base + starts[a], count: starts[a + 1] - starts[a]),
                        UnsafeRawBufferPointer(start: base + starts[b], count: starts[b + 1] - starts[b]))
                    return order != 0 ? order < 0 : ids[a] < ids[b]
                }
            }
        }
        let keys = parallelMap(records, chunkSize: 512) { record in
            let (name, id) = nameAndId(record)
            return (NaturalOrder.sortKey(name), id)
        }
        return records.indices.sorted { a, b in
            !NaturalOrder.same(keys[a].0, keys[b].0) ? NaturalOrder.precedes(keys[a].0, keys[b].0) : keys[a].1 < keys[b].1
        }
    }

    /// The indexes besides the sorted orgs, made in one pass over the orgs.
    struct Indexes {
        var sharesOfOrg: ByOrgID<[(share: ShareName, link: ShareLink)]>
        var orgNames: ByOrgID<String>
        var orgStatus: ByOrgID<OrgStatus>
        var orgBlockers: ByOrgID<String>
        var activeUsers: ByOrgID<Int>
        var userCount = 0
        var invitationCount = 0
        var teamCount = 0
        var statusCounts: [OrgStatus: Int] = [:]
        var pendingRegistrations: [OrgRecord] = []
        var recentDecisions: [OrgRecord] = []

        init(_ snapshot: Snapshot, today: CalendarDate) {
            let orgs = snapshot.orgs
            // One table of ids for every per-org value (an id given twice: the last org).
            var index: [String: Int] = [:], names: [String] = [], statuses: [OrgStatus] = []
            var blockers: [String] = [], users: [Int] = []
            index.reserveCapacity(orgs.count)
            names.reserveCapacity(orgs.count)
            statuses.reserveCapacity(orgs.count)
            blockers.reserveCapacity(orgs.count)
            users.reserveCapacity(orgs.count)
            var pending: [Int] = [], latest = LatestDecisions(keeping: 50)
            // What takes a walk of each org's members, on every core: this loop, on one thread
            // while the names were sorted on the other, took 220 ms at 100,000 orgs.
            // Each record is lent from its file held here (`file`): lent from the array, it was
            // copied for each call (the array could change while the call ran), a reference
            // count for each field.
            let computed = parallelMap(Array(orgs.indices), chunkSize: 1024) { i in
                orgs[i].withRecord { org in (blocker: org.connectionBlocker(on: today) ?? "", users: org.userCount) }
            }
            // Each record is read in place (`orgs[i].record.field`): a copy of it, as the loop
            // variable, cost a reference count per field of each of 100,000 orgs.
            for i in orgs.indices {
                index[orgs[i].record.id] = i
                names.append(orgs[i].record.name)
                statuses.append(orgs[i].record.status)
                blockers.append(computed[i].blocker)
                statusCounts[orgs[i].record.status, default: 0] += 1
                let active = computed[i].users
                users.append(active)
                userCount += active
                invitationCount += orgs[i].record.members.count - active
                teamCount += orgs[i].record.teams.count
                if orgs[i].record.status == .pending { pending.append(i) }
                if let reg = orgs[i].record.registration, reg.decision != nil { latest.add((reg.decidedAt ?? "", orgs[i].record.id, i)) }
            }
            // Links to an org that does not exist are on the share's page only.
            var shares = [[(share: ShareName, link: ShareLink)]](repeating: [], count: orgs.count)
            let all = snapshot.shares, ids = index
            let byName = all.indices.sorted { all[$0].record.name < all[$1].record.name }
            // The org of each link, on every core (270,000 hashed ids at 100,000 orgs).
            let places = parallelMap(byName, chunkSize: 64) { s in all[s].record.consumers.map { ids[$0.org] } }
            for (s, orgsOfLinks) in zip(byName, places) {
                let named = ShareName(id: all[s].record.id, name: all[s].record.name)
                for (k, place) in orgsOfLinks.enumerated() { if let i = place { shares[i].append((named, all[s].record.consumers[k])) } }
            }
            sharesOfOrg = ByOrgID(index: index, values: shares)
            (orgNames, orgStatus) = (ByOrgID(index: index, values: names), ByOrgID(index: index, values: statuses))
            (orgBlockers, activeUsers) = (ByOrgID(index: index, values: blockers), ByOrgID(index: index, values: users))
            func requested(_ i: Int) -> String { orgs[i].record.registration?.requestedAt ?? "" }
            pendingRegistrations = pending.sorted { a, b in
                requested(a) != requested(b) ? requested(a) < requested(b) : orgs[a].record.id < orgs[b].record.id
            }.map { orgs[$0].record }
            // The 50 most recent decisions (older ones are on each org's page).
            recentDecisions = latest.kept.map { orgs[$0.org].record }
        }
    }

    /// The latest registration decisions, newest first (by decision time, then id, both
    /// descending), kept while the orgs go by: sorting every org's decision to show 50 of them
    /// took a tenth of a second at 100,000 orgs.
    struct LatestDecisions {
        typealias Decision = (decidedAt: String, id: String, org: Int)
        let keeping: Int
        private(set) var kept: [Decision] = []

        init(keeping: Int) {
            self.keeping = keeping
        }

        static func newer(_ a: Decision, _ b: Decision) -> Bool {
            a.decidedAt != b.decidedAt ? a.decidedAt > b.decidedAt : a.id > b.id
        }

        mutating func add(_ d: Decision) {
            // Most decisions are older than the last one kept: one comparison each.
            if kept.count == keeping, let last = kept.last, !Self.newer(d, last) { return }
            let place = kept.firstIndex { Self.newer(d, $0) } ?? kept.count
            kept.insert(d, at: place)
            if kept.count > keeping { kept.removeLast() }
        }
    }

    /// An org's active users and open invitations (``OrgRecord/userCount``, ``OrgRecord/invitationCount``).
    func counts(_ org: OrgRecord) -> (users: Int, invitations: Int) {
        let users = activeUsers[org.id] ?? org.userCount
        return (users, org.members.count - users)
    }

    public var siteTitle: String {
        settings.portal.title ?? (settings.providerName.isEmpty ? "Consumer organizations" : "\(settings.providerName) consumer organizations")
    }

    /// Oldest request first.
    public let pendingRegistrations: [OrgRecord]
    /// The 50 latest registration decisions, newest first.
    public let recentDecisions: [OrgRecord]
    /// Active users of every org (``OrgRecord/userCount``), and open invitations apart.
    public let userCount: Int
    public let invitationCount: Int
    public let teamCount: Int
    public let statusCounts: [OrgStatus: Int]
}
