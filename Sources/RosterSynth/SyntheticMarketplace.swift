import RosterCore

/// A deterministic generator of synthetic marketplaces, for benchmarks and tests.
/// The same parameters and seed give the same bytes on every machine.
public struct SyntheticMarketplace: Sendable {
    public var orgs: Int
    public var membersPerOrg: Int
    public var shares: Int
    public var seed: UInt64

    public init(orgs: Int, membersPerOrg: Int, shares: Int, seed: UInt64 = 1) {
        self.orgs = orgs
        self.membersPerOrg = membersPerOrg
        self.shares = shares
        self.seed = seed
    }

    static let firstNames = [
        "Ada", "Grace", "Alan", "Edsger", "Barbara", "Ken", "Dennis", "Frances", "Donald", "Radia",
        "Margaret", "John", "Leslie", "Tony", "Shafi", "Niklaus", "Hedy", "Linus", "Katherine", "Guido",
    ]
    static let lastNames = [
        "Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Thompson", "Ritchie", "Allen", "Knuth",
        "Perlman", "Hamilton", "Backus", "Lamport", "Hoare", "Goldwasser", "Wirth", "Lamarr", "Torvalds", "Johnson", "Rossum",
    ]
    static let words = [
        "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne", "Wonka", "Tyrell",
        "Cyberdyne", "Soylent", "Massive", "Aperture", "Oscorp", "Gringotts", "Nakatomi", "Dunder", "Prestige", "Monarch",
    ]
    static let suffixes = ["Analytics", "Labs", "Systems", "Logistics", "Health", "Capital", "Energy", "Media", "Retail", "Foods"]

    /// Every file of the repository, as (relative path, contents), in path order.
    public func files() -> [(path: String, bytes: [UInt8])] {
        var rng = SplitMix64(seed: seed)
        var settings = MarketplaceSettings(providerName: "Synthetic Data Co", admins: ["admin@provider.example", "ops@provider.example"])
        settings.registration = RegistrationSettings(enabled: true, autoApprove: false)
        settings.portal.title = "Synthetic Data Co consumer orgs"
        settings.notifications.sender = "noreply@provider.example"
        var out: [(String, [UInt8])] = [(Snapshot.marketplacePath, RecordEncoder.canonicalBytes(settings))]
        for kind in RecordKind.allCases {
            out.append(("schemas/" + kind.schemaFileName, Array(JSONSchemas.canonicalText(for: kind).utf8)))
        }
        var eligible: [String] = []
        for n in 0..<orgs {
            let org = makeOrg(n, rng: &rng)
            if org.status == .enabled { eligible.append(org.id) }
            out.append((Snapshot.orgPath(org.id), RecordEncoder.canonicalBytes(org)))
        }
        for n in 0..<shares {
            let share = makeShare(n, eligible: eligible, rng: &rng)
            out.append((Snapshot.sharePath(share.id), RecordEncoder.canonicalBytes(share)))
        }
        return out.sorted { $0.0 < $1.0 }
    }

    func timestamp(_ rng: inout SplitMix64, year: Int = 2024) -> String {
        let month = 1 + rng.next(12), day = 1 + rng.next(28), hour = rng.next(24), minute = rng.next(60)
        return "\(year)-\(pad(month))-\(pad(day))T\(pad(hour)):\(pad(minute)):00Z"
    }

    func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    func makeOrg(_ n: Int, rng: inout SplitMix64) -> OrgRecord {
        let name = "\(Self.words[n % Self.words.count]) \(Self.suffixes[(n / Self.words.count) % Self.suffixes.count]) \(n)"
        let id = "org-\(n)"
        let roll = rng.next(100)
        let status: OrgStatus = roll < 3 ? .pending : roll < 10 ? .disabled : .enabled
        let created = timestamp(&rng, year: 2023)
        let domain = "\(id).example"
        let requester = "owner@\(domain)"
        if status == .pending {
            let member = Membership(
                email: requester, firstName: "Owner", lastName: "Of \(n)", role: .teamMember,
                state: .active, invitedAt: created, invitedBy: requester)
            return OrgRecord(
                id: id, name: name, status: .pending, createdAt: created,
                registration: Registration(requestedBy: requester, requestedAt: created),
                members: [member], teams: [Team(id: "everyone", name: "Everyone", isDefault: true, members: [requester])])
        }
        var members: [Membership] = []
        for k in 0..<max(1, membersPerOrg) {
            let first = Self.firstNames[rng.next(Self.firstNames.count)]
            let last = Self.lastNames[rng.next(Self.lastNames.count)]
            let email = k == 0 ? requester : "\(first.lowercased()).\(last.lowercased()).\(k)@\(domain)"
            let role: Role = k == 0 || k % 7 == 3 ? .superAdmin : .teamMember
            let state: MembershipState = k > 0 && rng.next(50) == 0 ? .invited : .active
            members.append(
                Membership(
                    email: email, firstName: first, lastName: last, role: role, state: state,
                    invitedAt: timestamp(&rng), invitedBy: requester))
        }
        let engineering = members.enumerated().filter { $0.offset % 2 == 1 }.map(\.element.email)
        var teams = [Team(id: "everyone", name: "Everyone", isDefault: true, members: members.map(\.email))]
        if !engineering.isEmpty { teams.append(Team(id: "engineering", name: "Engineering", members: engineering)) }
        let registration = Registration(
            requestedBy: requester, requestedAt: created, decision: .approved,
            decidedBy: "admin@provider.example", decidedAt: created)
        return OrgRecord(
            id: id, name: name, status: status, createdAt: created,
            statusChangedAt: status == .disabled ? timestamp(&rng, year: 2025) : nil,
            statusChangedBy: status == .disabled ? "ops@provider.example" : nil,
            registration: registration, members: members, teams: teams)
    }

    func makeShare(_ n: Int, eligible: [String], rng: inout SplitMix64) -> ShareRecord {
        let id = "share-\(n)"
        var consumers: [ShareLink] = []
        if !eligible.isEmpty {
            let count = min(eligible.count, max(1, 3 * eligible.count / max(1, shares)))
            var chosen = Set<String>()
            for _ in 0..<count {
                let org = eligible[rng.next(eligible.count)]
                if chosen.insert(org).inserted {
                    consumers.append(
                        ShareLink(
                            org: org, since: "2024-\(pad(1 + rng.next(12)))-01",
                            until: rng.next(10) == 0 ? "2030-12-31" : nil))
                }
            }
        }
        return ShareRecord(
            id: id, name: "\(Self.suffixes[n % Self.suffixes.count]) feed \(n)",
            description: "Synthetic share number \(n).", consumers: consumers)
    }
}
