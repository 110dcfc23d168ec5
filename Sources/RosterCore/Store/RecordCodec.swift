#if canImport(Glibc)
    import Glibc
#endif

/// The binary form of records and findings in the record cache (``SavedRecords``): what a
/// decoded org file is, written once and read back without parsing JSON.
///
/// Numbers are little-endian; lengths and counts are LEB128. A string longer than 15 bytes (one
/// that needs storage of its own) is written once per entry: a later string with the same bytes
/// refers back to it, and the reader hands out the same storage again, as ``StringPool`` shares
/// an org's repeated e-mails and times when the JSON is decoded.
///
/// Every field of every record type is written: `SavedRecordsTests` fails when a type gains a
/// stored property this file does not know (``fieldCounts``).
struct RecordWriter {
    var bytes: [UInt8] = []
    /// The long strings written so far in this entry, by the number a back-reference gives:
    /// where their bytes are in ``bytes``, compared there (a list of Strings took a reference
    /// count for each string looked at, most of the cost of saving 100,000 orgs).
    private var long: [(start: Int, count: Int)] = []

    /// How many stored properties each type has, as written here.
    static let fieldCounts: [String: Int] = [
        "OrgRecord": 11, "Registration": 6, "Membership": 8, "MembershipExtras": 3, "Team": 4, "App": 8,
        "ShareRecord": 4, "ShareLink": 3, "Finding": 7,
    ]

    /// Empties the writer for the next entry, keeping its storage.
    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        long.removeAll(keepingCapacity: true)
    }

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func number(_ n: UInt64) {
        withUnsafeBytes(of: n.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func count(_ n: Int) {
        var v = UInt64(n)
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// A string: its length times two, then its bytes; or, for a long string written before in
    /// this entry, its number times two plus one.
    mutating func string(_ s: String) {
        // The bytes where they are (record strings are native): `withUTF8` needs a `var`, a
        // copy and a reference count for each string.
        guard let done = s.utf8.withContiguousStorageIfAvailable({ string(utf8: $0) }) else { return string(utf8: Array(s.utf8)) }
        return done
    }

    private mutating func string(utf8: [UInt8]) {
        utf8.withUnsafeBufferPointer { string(utf8: $0) }
    }

    private mutating func string(utf8: UnsafeBufferPointer<UInt8>) {
        let n = utf8.count
        if n > 15 {
            let earlier = bytes.withUnsafeBytes { written in
                long.prefix(32).firstIndex { $0.count == n && memcmp(written.baseAddress! + $0.start, utf8.baseAddress!, n) == 0 }
            }
            if let k = earlier { return count(2 * k + 1) }
            count(2 * n)
            long.append((bytes.count, n))
        } else {
            count(2 * n)
        }
        bytes.append(contentsOf: utf8)
    }

    mutating func optional(_ s: String?) {
        guard let s else { return byte(0) }
        byte(1)
        string(s)
    }

    /// A case of an enumeration, by its place among all cases.
    mutating func choice<E: Equatable>(_ value: E, of cases: [E]) {
        byte(UInt8(cases.firstIndex(of: value)!))
    }

    mutating func org(_ o: OrgRecord) {
        string(o.id)
        string(o.name)
        choice(o.status, of: CodecCases.status)
        string(o.createdAt)
        optional(o.until)
        optional(o.statusChangedAt)
        optional(o.statusChangedBy)
        if let r = o.registration {
            byte(1)
            registration(r)
        } else {
            byte(0)
        }
        // Elements lent in place (`for x in` copied each, a reference count a field).
        count(o.members.count)
        o.members.withUnsafeBufferPointer { for k in $0.indices { member($0[k]) } }
        count(o.teams.count)
        o.teams.withUnsafeBufferPointer { for k in $0.indices { team($0[k]) } }
        count(o.apps.count)
        o.apps.withUnsafeBufferPointer { for k in $0.indices { app($0[k]) } }
    }

    mutating func registration(_ r: Registration) {
        string(r.requestedBy)
        string(r.requestedAt)
        if let d = r.decision {
            byte(1)
            choice(d, of: CodecCases.decision)
        } else {
            byte(0)
        }
        optional(r.decidedBy)
        optional(r.decidedAt)
        optional(r.reason)
    }

    mutating func member(_ m: Membership) {
        string(m.email)
        string(m.firstName)
        string(m.lastName)
        choice(m.role, of: CodecCases.role)
        choice(m.state, of: CodecCases.state)
        string(m.invitedAt)
        string(m.invitedBy)
        if let x = m.extras {
            byte(1)
            optional(x.expiresAt)
            optional(x.acceptedAt)
            optional(x.handle)
        } else {
            byte(0)
        }
    }

    mutating func team(_ t: Team) {
        string(t.id)
        string(t.name)
        byte(t.isDefault ? 1 : 0)
        count(t.members.count)
        t.members.withUnsafeBufferPointer { for k in $0.indices { string($0[k]) } }
    }

    mutating func app(_ a: App) {
        string(a.id)
        string(a.name)
        optional(a.description)
        string(a.team)
        choice(a.visibility, of: CodecCases.visibility)
        count(a.shares.count)
        a.shares.withUnsafeBufferPointer { for k in $0.indices { string($0[k]) } }
        string(a.createdBy)
        string(a.createdAt)
    }

    mutating func share(_ s: ShareRecord) {
        string(s.id)
        string(s.name)
        string(s.description)
        count(s.consumers.count)
        for c in s.consumers {
            string(c.org)
            string(c.since)
            optional(c.until)
        }
    }

    mutating func finding(_ f: Finding) {
        string(f.path)
        count(f.line)
        count(f.column)
        byte(f.severity == .error ? 0 : 1)
        string(f.rule)
        string(f.message)
        optional(f.pointer)
    }
}

/// Reads what ``RecordWriter`` wrote. Nothing it is given is trusted: a length or count that
/// runs past the end, a case that does not exist or a back-reference to nothing sets
/// ``failed``, and whatever was read is then thrown away (the file is read as JSON instead).
struct RecordReader {
    private let base: UnsafeRawPointer
    private var at: Int
    private let end: Int
    private(set) var failed = false
    private var long: [String] = []

    init(_ bytes: UnsafeRawBufferPointer) {
        base = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        (at, end) = (0, bytes.count)
        long.reserveCapacity(32)
    }

    var atEnd: Bool { at == end }
    var offset: Int { at }

    mutating func skip(_ n: Int) {
        guard n <= end - at else {
            failed = true
            return
        }
        at += n
    }

    mutating func byte() -> UInt8 {
        guard at < end else {
            failed = true
            return 0
        }
        defer { at += 1 }
        return base.load(fromByteOffset: at, as: UInt8.self)
    }

    mutating func number() -> UInt64 {
        guard end - at >= 8 else {
            failed = true
            return 0
        }
        defer { at += 8 }
        return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }

    /// A number of up to 63 bits (a count, a length, a line).
    mutating func count() -> Int {
        var v: UInt64 = 0, shift: UInt64 = 0
        while true {
            let b = byte()
            if failed || shift > 56 || (shift == 56 && b >= 0x80) {
                failed = true
                return 0
            }
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
        }
        return Int(v)
    }

    mutating func string() -> String {
        let n = count()
        if n & 1 == 1 {
            guard n / 2 < long.count else {
                failed = true
                return ""
            }
            return long[n / 2]
        }
        let length = n / 2
        guard length <= end - at else {
            failed = true
            return ""
        }
        let s = String(decoding: UnsafeRawBufferPointer(start: base + at, count: length), as: UTF8.self)
        at += length
        if length > 15 { long.append(s) }
        return s
    }

    mutating func optional() -> String? {
        byte() == 1 ? string() : nil
    }

    mutating func choice<E>(_ cases: [E]) -> E {
        let k = Int(byte())
        guard k < cases.count else {
            failed = true
            return cases[0]
        }
        return cases[k]
    }

    /// A count of items, at most the bytes left (each takes at least one): a forged count never
    /// makes a large allocation.
    mutating func items() -> Int {
        let n = count()
        guard n <= end - at else {
            failed = true
            return 0
        }
        return n
    }

    /// Each record is made once from its parts, read into locals first: a record made and then
    /// changed field by field was copied twice on the way out, a reference count for each field
    /// (two copies of every member and every org read).
    mutating func org() -> OrgRecord {
        let (id, name, status, createdAt) = (string(), string(), choice(CodecCases.status), string())
        let (until, changedAt, changedBy) = (optional(), optional(), optional())
        let registration = byte() == 1 ? registration() : nil
        let members = list { $0.member() }
        let teams = list { $0.team() }
        let apps = list { $0.app() }
        return OrgRecord(
            id: id, name: name, status: status, createdAt: createdAt, until: until, statusChangedAt: changedAt, statusChangedBy: changedBy,
            registration: registration, members: members, teams: teams, apps: apps)
    }

    /// A count, then that many items, each read by `item`.
    private mutating func list<T>(_ item: (inout RecordReader) -> T) -> [T] {
        let n = items()
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n where !failed { out.append(item(&self)) }
        return out
    }

    mutating func registration() -> Registration {
        var r = Registration(requestedBy: string(), requestedAt: string())
        if byte() == 1 { r.decision = choice(CodecCases.decision) }
        r.decidedBy = optional()
        r.decidedAt = optional()
        r.reason = optional()
        return r
    }

    mutating func member() -> Membership {
        let (email, first, last) = (string(), string(), string())
        let (role, state, invitedAt, invitedBy) = (choice(CodecCases.role), choice(CodecCases.state), string(), string())
        let (expiresAt, acceptedAt, handle) = byte() == 1 ? (optional(), optional(), optional()) : (nil, nil, nil)
        return Membership(
            email: email, firstName: first, lastName: last, role: role, state: state, invitedAt: invitedAt, invitedBy: invitedBy,
            handle: handle, expiresAt: expiresAt, acceptedAt: acceptedAt)
    }

    mutating func team() -> Team {
        let (id, name, isDefault) = (string(), string(), byte() == 1)
        return Team(id: id, name: name, isDefault: isDefault, members: list { $0.string() })
    }

    mutating func app() -> App {
        var a = App(
            id: string(), name: string(), description: optional(), team: string(), visibility: choice(CodecCases.visibility), createdBy: "",
            createdAt: "")
        let n = items()
        for _ in 0..<n where !failed { a.shares.append(string()) }
        a.createdBy = string()
        a.createdAt = string()
        return a
    }

    mutating func share() -> ShareRecord {
        var s = ShareRecord(id: string(), name: string(), description: string())
        let n = items()
        s.consumers.reserveCapacity(n)
        for _ in 0..<n where !failed { s.consumers.append(ShareLink(org: string(), since: string(), until: optional())) }
        return s
    }

    mutating func finding() -> Finding {
        let path = string(), line = count(), column = count()
        let severity: Severity = byte() == 0 ? .error : .warning
        let rule = string(), message = string()
        return Finding(path: path, pointer: optional(), line: line, column: column, severity: severity, rule: rule, message: message)
    }
}

/// The cases of each enumeration a record holds, in a fixed order: their places are what is
/// written (made once; a type's `allCases` is a new array at each use).
enum CodecCases {
    static let status = OrgStatus.allCases
    static let decision = Registration.Decision.allCases
    static let role = Role.allCases
    static let state = MembershipState.allCases
    static let visibility = AppVisibility.allCases
}
