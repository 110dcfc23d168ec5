#if canImport(Glibc)
    import Glibc
#endif

/// One string storage for the values an org file repeats: a team lists its members by e-mail,
/// and `invitedBy` and the registration name the owner again. Each parsed value is a string of
/// its own, a heap allocation once longer than 15 bytes; sharing equal ones cuts the records
/// of 100,000 orgs by a fifth. Values are shared only when their bytes are equal (not merely
/// canonically equivalent), so no byte of a record changes.
struct StringPool {
    private var strings: [String] = []

    /// `value`, or an earlier string with the same bytes.
    mutating func share(_ value: String) -> String {
        let count = value.utf8.count
        if count <= 15 { return value }  // small strings live inline: nothing to share
        for s in strings where s.utf8.count == count && Self.sameBytes(s, value) { return s }
        if strings.count < 32 { strings.append(value) }
        return value
    }

    /// Whether two strings of the same length hold the same bytes (parsed strings are native,
    /// so their bytes are contiguous and one `memcmp` compares them).
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        let same = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
        }
        return (same ?? nil) ?? a.utf8.elementsEqual(b.utf8)
    }

    /// The org's repeated e-mails and times sharing storage (members first, then what names them).
    static func shareRepeats(createdAt: inout String, members: inout [Membership], teams: inout [Team], registration: inout Registration?) {
        var pool = StringPool()
        createdAt = pool.share(createdAt)
        for i in members.indices { members[i].email = pool.share(members[i].email) }
        for i in members.indices {
            members[i].invitedBy = pool.share(members[i].invitedBy)
            members[i].invitedAt = pool.share(members[i].invitedAt)
        }
        for t in teams.indices {
            for k in teams[t].members.indices { teams[t].members[k] = pool.share(teams[t].members[k]) }
        }
        if var r = registration {
            registration = nil  // `r` alone holds the strings while they change
            r.requestedBy = pool.share(r.requestedBy)
            r.requestedAt = pool.share(r.requestedAt)
            r.decidedBy = r.decidedBy.map { pool.share($0) }
            r.decidedAt = r.decidedAt.map { pool.share($0) }
            registration = r
        }
    }
}
