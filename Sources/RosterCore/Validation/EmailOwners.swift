/// The first member (by its ordinal among all members, org after org) with each e-mail, for
/// `user-single-org`: an open-addressing table of one 64-bit word per slot, the high half
/// from the address's fingerprint and the low half the ordinal plus one (0 is an empty slot).
/// A dictionary of fingerprints to (org, member) pairs took 50 MB for a million members, at
/// the peak of a validation of 100,000 orgs; this takes 11.
struct EmailOwners {
    private var slots: [UInt64]

    init(members: Int) {
        slots = [UInt64](repeating: 0, count: max(16, members + members / 3 + 1))
    }

    /// The ordinal of the first member with `fingerprint` for whom `sameEmail` holds, or nil
    /// after recording `ordinal` as the first with its e-mail.
    mutating func first(_ fingerprint: UInt64, ordinal: Int, sameEmail: (Int) -> Bool) -> Int? {
        let tag = fingerprint & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: fingerprint.multipliedFullWidth(by: UInt64(slots.count)).high)
        while slots[slot] != 0 {
            if slots[slot] & 0xFFFF_FFFF_0000_0000 == tag {
                let other = Int(truncatingIfNeeded: slots[slot] & 0xFFFF_FFFF) - 1
                if sameEmail(other) { return other }
            }
            slot = slot + 1 == slots.count ? 0 : slot + 1
        }
        slots[slot] = tag | UInt64(ordinal + 1)
        return nil
    }
}

extension EmailOwners {
    /// Each member whose e-mail a member before it (by ordinal) has, with the ordinal of the
    /// first that has it, in the order of the members; `fingerprints[k]` is member k's.
    /// `sameEmail(a, b)`: whether members a and b have the same e-mail (asked of equal
    /// fingerprints only).
    ///
    /// The members are first grouped by the high bits of their fingerprints into parts of about
    /// 16,000, each then looked up in a table of its own that stays in a core's cache: one
    /// table of a million members (11 MB at 100,000 orgs) missed the cache on nearly every
    /// member, and the rule cost 16 times what it cost at a tenth of the orgs.
    static func repeats(_ fingerprints: [UInt64], sameEmail: (Int, Int) -> Bool) -> [(member: Int, first: Int)] {
        let n = fingerprints.count
        var bits = 0
        while n >> bits > 16_384 && bits < 16 { bits += 1 }
        var found: [(member: Int, first: Int)] = []
        // A counting sort by part, stable: within a part, the members stay in their order.
        // (Up to 16,384 members, one part: a shift by 64 leaves nothing, `<< 0` everything.)
        let shift = UInt64(64 - bits)
        var starts = [Int](repeating: 0, count: (1 << bits) + 1)
        for f in fingerprints { starts[Int(f >> shift) + 1] += 1 }
        for p in 0..<(1 << bits) { starts[p + 1] += starts[p] }
        var next = starts
        var order = [UInt32](repeating: 0, count: n)
        for k in 0..<n {
            let p = Int(fingerprints[k] >> shift)
            order[next[p]] = UInt32(k)
            next[p] += 1
        }
        for p in 0..<(1 << bits) where starts[p + 1] - starts[p] > 1 {
            var owners = EmailOwners(members: starts[p + 1] - starts[p])
            for j in starts[p]..<starts[p + 1] {
                let k = Int(order[j])
                // The part's own bits turned to the bottom: the table picks slots (and tags)
                // by the high bits, which every fingerprint of the part shares.
                let print = fingerprints[k] << UInt64(bits) | fingerprints[k] >> shift
                if let first = owners.first(print, ordinal: k, sameEmail: { sameEmail($0, k) }) { found.append((k, first)) }
            }
        }
        found.sort { $0.member < $1.member }
        return found
    }
}
