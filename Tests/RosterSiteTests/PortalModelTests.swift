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
}
