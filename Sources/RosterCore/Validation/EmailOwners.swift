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
