/// E-mails looked up among the members of one org by comparison, without building a set: an
/// org has about ten members, and the rules ask for every member and every team entry of every
/// org. Orgs with more than ``limit`` members use sets (a bit per member fits in a `UInt64`).
enum MemberLookup {
    static let limit = 64

    /// The index of the first member (before `end`, when given) whose e-mail is `email`.
    static func firstIndex(of email: String, in members: UnsafeBufferPointer<Membership>, before end: Int? = nil) -> Int? {
        for j in 0..<(end ?? members.count) where members[j].email == email { return j }
        return nil
    }

    /// For an org of at most ``limit`` members: one bit per member whom some team lists, set at
    /// the first member with the listed e-mail.
    static func listedBits(_ org: OrgRecord, _ members: UnsafeBufferPointer<Membership>) -> UInt64 {
        var bits: UInt64 = 0
        org.teams.forEachLent { _, team in
            team.pointee.members.forEachLent { _, entry in
                if let j = firstIndex(of: entry.pointee, in: members) { bits |= 1 << j }
            }
        }
        return bits
    }

    /// Whether member `i` is listed by a team, given ``listedBits(_:_:)``: its own bit, or the
    /// bit of an earlier member with the same e-mail.
    static func isListed(_ i: Int, _ bits: UInt64, _ members: UnsafeBufferPointer<Membership>) -> Bool {
        if bits & (1 << i) != 0 { return true }
        guard let first = firstIndex(of: members[i].email, in: members, before: i) else { return false }
        return bits & (1 << first) != 0
    }
}
