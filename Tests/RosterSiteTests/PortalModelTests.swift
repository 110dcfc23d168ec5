import Foundation
import RosterSynth
import Testing

@testable import RosterCore
@testable import RosterSite

/// What the portal's model computes in one pass over the orgs gives what sorting them all gives.
@Suite struct PortalModelTests {
    /// The 50 latest decisions, kept as the orgs go by, are the first 50 of all of them sorted
    /// newest first (by time, then id), with times repeated and ids out of order.
    @Test func theLatestDecisionsAreTheFirstOfAllSorted() {
        var random = SplitMix64(seed: 7)
        for count in [0, 1, 49, 50, 51, 400, 5_000] {
            let all = (0..<count).map { k -> PortalModel.LatestDecisions.Decision in
                (
                    decidedAt: "2026-0\(Int.random(in: 1...9, using: &random))-1\(Int.random(in: 0...8, using: &random))T00:00:00Z",
                    id: "org-\(Int.random(in: 0..<100_000, using: &random))-\(k)", org: k
                )
            }
            var latest = PortalModel.LatestDecisions(keeping: 50)
            for d in all { latest.add(d) }
            let sorted = all.sorted(by: PortalModel.LatestDecisions.newer).prefix(50)
            #expect(latest.kept.map(\.org) == sorted.map(\.org), "\(count) decisions")
        }
    }

    /// An org's values are read by its position when no two orgs share an id, and, when two
    /// do, by a look-up of the id, which finds the last of them: both ways give what a look-up
    /// of each id gives.
    @Test func anOrgsValuesAtItsPositionAreThoseOfItsId() {
        for ids in [["a", "b", "c"], ["a", "b", "a", "c"], [], ["x", "x"]] {
            var index: [String: Int] = [:]
            for (k, id) in ids.enumerated() { index[id] = k }
            let table = ByOrgID(index: index, values: ids.indices.map { $0 * 10 })
            for (k, id) in ids.enumerated() {
                #expect(table.place(position: k, id: id).map { table[place: $0] } == table[id], "\(ids) \(k)")
            }
        }
    }

    /// Names are ordered as people expect by the same key whether they are ASCII (read as
    /// bytes) or not (read as Characters).
    @Test func theASCIIKeyIsTheKeyOfEveryCharacter() {
        let names = [
            "", "Org 2", "Org 10", "org 010", "  Acme  12 ", "007", "0", "00", "A1b2C3", "x\r\n9", "\r\n", "12345678901234567890123",
            "Zeta\t99 Alpha", "a-b_c.d", "Org  2", "ORG 2", "9 lives",
        ]
        for name in names {
            #expect(NaturalOrder.asciiKey(name) == NaturalOrder.unicodeKey(name), "\(name.debugDescription)")
        }
        #expect(NaturalOrder.asciiKey("Zoë 2") == nil)
        #expect(["Org 10", "Org 2", "org 1"].sorted(by: NaturalOrder.less) == ["org 1", "Org 2", "Org 10"])
    }

    /// The sort key orders names exactly as the key's pieces compared as Strings (case and
    /// accents folded, digits as numbers), for every pair of these names: a NUL, canonically
    /// equivalent spellings, and Unicode 16 compositions that Foundation's NFC does not know
    /// (byte keys in NFC put "\u{16D68}" after "\u{16D63}\u{16D67}", the Strings before).
    @Test func theSortKeyOrdersAsTheKeysPieces() {
        let names = [
            "", "a", "A", "ab", "a b", "a\u{0}", "a\u{0}b", "a\u{1}", "a1", "a\u{0}1", "Org 2", "Org 10", "org 010", "Org2", "Zoë", "Zoe\u{308}",
            "zoé", "Zoe", "Ørsted 3", "Œuvre", "中文 2", "中文 10", "Ａｃｍｅ", "acme", "ﬁnance", "finance", "😀 1", "Ω", "Ω", "İstanbul", "istanbul",
            "7", "07", "x9y", "\u{105C9}", "\u{105D2}\u{307}", "\u{16D68}", "\u{16D63}\u{16D67}", "\u{11383}", "\u{11382}\u{113C9}",
        ]
        for a in names {
            for b in names {
                let x = NaturalOrder.key(a), y = NaturalOrder.key(b)
                let pieces = x != y && x.lexicographicallyPrecedes(y)
                let ka = NaturalOrder.sortKey(a), kb = NaturalOrder.sortKey(b)
                #expect(pieces == (!NaturalOrder.same(ka, kb) && NaturalOrder.precedes(ka, kb)), "\(a.debugDescription) < \(b.debugDescription)")
                #expect((x == y) == NaturalOrder.same(ka, kb), "\(a.debugDescription) ~ \(b.debugDescription)")
            }
        }
    }

    /// An ASCII name's key bytes (``NaturalOrder/SortKey/bytes``), made from its bytes at once,
    /// are those its key's pieces give,
    /// for names of digits with leading zeros and runs longer than 20, white space of each
    /// kind at both ends and in runs, NULs and capitals; a name that is not ASCII has none.
    @Test func anASCIIKeyMadeAtOnceIsTheKeyOfItsPieces() {
        var generator = SplitMix64(seed: 61)
        let pieces = [
            "a", "B", "0", "00", "7", "12", "123456789012345678901234", "1234567890123456789", "0012345678901234567890", " ", "  ", "\t", "\n",
            "\r\n", "\u{0}", "-", "Z", "zz", "\u{B}", "~",
        ]
        for _ in 0..<5000 {
            let name = (0..<Int(generator.next() % 9)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            // Each piece's bytes, a byte 0 written 0 1, then 0 0.
            var fromPieces: [UInt8] = []
            for piece in NaturalOrder.key(name) {
                for byte in piece.utf8 { fromPieces += byte == 0 ? [0, 1] : [byte] }
                fromPieces += [0, 0]
            }
            #expect(NaturalOrder.asciiKeyBytes(name) == fromPieces, "\(name.debugDescription)")
        }
        for name in ["Zoë", "Org 2 é", "中文 2", "\u{80}"] { #expect(NaturalOrder.asciiKeyBytes(name) == nil) }
    }

    /// The places of records in natural order of their names, then of their ids, are those a
    /// sort by the keys' pieces gives, whether every name is ASCII (their keys' bytes compared
    /// in one buffer) or not: names that are prefixes of others, hold a NUL, are empty, or are
    /// the same with ids repeated (the first record first).
    @Test func theNaturalOrderIsThatOfTheKeysThenTheIds() {
        let ascii = [
            "", "a", "A", "ab", "a b", "a\u{0}", "a\u{0}b", "a\u{1}", "Org 2", "Org 10", "org 010", "Org2", "7", "07", "x9y", "Acme Analytics 12",
        ]
        var random = SplitMix64(seed: 11)
        for names in [ascii, ascii + ["Zoë", "Œuvre 3"]] {
            for count in [0, 1, 2, 40, 300] {
                let records = (0..<count).map { _ in
                    (name: names[Int(random.next() % UInt64(names.count))], id: "id-\(random.next() % 4)")
                }
                let expected = records.indices.sorted { a, b in
                    let x = NaturalOrder.key(records[a].name), y = NaturalOrder.key(records[b].name)
                    return x != y ? x.lexicographicallyPrecedes(y) : records[a].id < records[b].id
                }
                #expect(PortalModel.naturalOrder(records) { ($0.name, $0.id) } == expected, "\(count) of \(names.count) names")
            }
        }
    }

    /// What the model counts and lists in its one pass over the orgs (each record read in place)
    /// is what the records say, taken one by one: the orgs of each status, users, invitations
    /// and teams, the registration queue (by request time, then id), and each org's shares,
    /// in the order of the shares' names, with the link of each.
    @Test func theIndexesAreWhatTheRecordsSay() throws {
        let dir = scratch.appendingPathComponent("model-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        for (path, bytes) in SyntheticMarketplace(orgs: 400, membersPerOrg: 3, shares: 30, seed: 9).files() {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        let snapshot = RecordStore.load(root: dir.path)
        let m = PortalModel(
            snapshot: snapshot, docs: try DocsSite.load(directory: dir.appendingPathComponent("content").path), history: .empty, today: fixedDay)
        let orgs = snapshot.orgs.map(\.record)
        for status in OrgStatus.allCases {
            let count = orgs.filter { $0.status == status }.count
            #expect(m.statusCounts[status] == (count == 0 ? nil : count), "\(status)")
        }
        #expect(m.statusCounts.values.reduce(0, +) == orgs.count)
        #expect(m.userCount == orgs.map(\.userCount).reduce(0, +))
        #expect(m.invitationCount == orgs.map(\.invitationCount).reduce(0, +))
        #expect(m.teamCount == orgs.map(\.teams.count).reduce(0, +))
        let queue = orgs.filter { $0.status == .pending }.sorted { a, b in
            let (x, y) = (a.registration?.requestedAt ?? "", b.registration?.requestedAt ?? "")
            return x != y ? x < y : a.id < b.id
        }
        #expect(queue.count > 1)
        #expect(m.pendingRegistrations.map(\.id) == queue.map(\.id))
        let shares = snapshot.shares.map(\.record).sorted { $0.name < $1.name }
        var linked = 0
        for org in orgs {
            let expected = shares.flatMap { share in share.consumers.filter { $0.org == org.id }.map { (share.id, $0.since, $0.until) } }
            let listed = (m.sharesOfOrg[org.id] ?? []).map { ($0.share.id, $0.link.since, $0.link.until) }
            #expect(listed.elementsEqual(expected) { $0 == $1 }, "\(org.id)")
            #expect(m.orgNames[org.id] == org.name && m.orgStatus[org.id] == org.status, "\(org.id)")
            linked += listed.count
        }
        #expect(linked > orgs.count / 2)
    }
}
