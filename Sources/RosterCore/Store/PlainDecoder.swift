/// Decodes an org or share file straight from its bytes into its record, without a tree of
/// ``JSONNode``s, when the file is plain (see ``PlainScanner``) and has nothing to report:
/// current `schemaVersion`, only known keys, each once, of the right type, every required field
/// present, the id equal to the file name. On anything else it returns nil, and
/// ``RecordStore/decode(path:bytes:kind:)`` reads the file the full way, which finds and places
/// every problem. So the record it returns is the one the full way would build, and a file it
/// accepts has no load findings either way (`PlainDecoderTests` holds it to that).
enum PlainDecoder {
    static func org(_ bytes: [UInt8], path: String) -> OrgRecord? {
        bytes.withUnsafeBufferPointer { buffer in
            var s = PlainScanner(buffer)
            guard let org = org(&s), s.atEnd(), org.id == RecordStore.fileStem(path) else { return nil }
            return org
        }
    }

    static func share(_ bytes: [UInt8], path: String) -> ShareRecord? {
        bytes.withUnsafeBufferPointer { buffer in
            var s = PlainScanner(buffer)
            guard let share = share(&s), s.atEnd(), share.id == RecordStore.fileStem(path) else { return nil }
            return share
        }
    }

    /// The values of each enumeration a record holds.
    static let statuses = Choices<OrgStatus>(), decisions = Choices<Registration.Decision>(), roles = Choices<Role>()
    static let states = Choices<MembershipState>(), visibilities = Choices<AppVisibility>()

    /// Keys in the order of ``RecordKeys``: a key's index is its bit in the `seen` mask.
    static let orgKeys = KeyNames([
        "$schema", "schemaVersion", "id", "name", "status", "createdAt", "until", "statusChangedAt", "statusChangedBy", "registration", "members",
        "teams", "apps",
    ])

    static func org(_ s: inout PlainScanner) -> OrgRecord? {
        guard s.take(0x7B) else { return nil }
        var (count, seen): (Int, UInt32) = (0, 0)
        var id: String?, name: String?, status: OrgStatus?, createdAt: String?, until: String?
        var changedAt: String?, changedBy: String?, registration: Registration?
        var members: [Membership] = [], teams: [Team] = [], apps: [App] = []
        while let k = s.key(in: orgKeys, &count, &seen) {
            switch k {
            case 0: _ = s.string()
            case 1: _ = s.number(currentSchemaVersion)
            case 2: id = s.string()
            case 3: name = s.string()
            case 4: status = s.choice(statuses)
            case 5: createdAt = s.string()
            case 6: until = s.string()
            case 7: changedAt = s.string()
            case 8: changedBy = s.string()
            case 9: registration = self.registration(&s)
            case 10: members = list(&s, member)
            case 11: teams = list(&s, team)
            default: apps = list(&s, app)
            }
        }
        // schemaVersion, id, name, status, createdAt, members and teams are required.
        guard !s.failed, seen & 0b1100_0011_1110 == 0b1100_0011_1110, let id, let name, let status, var createdAt else { return nil }
        // The scanner shared repeated values as it read them, unless the file had too many.
        if s.poolOverflowed {
            StringPool.shareRepeats(createdAt: &createdAt, members: &members, teams: &teams, registration: &registration)
        }
        return OrgRecord(
            id: id, name: name, status: status, createdAt: createdAt, until: until, statusChangedAt: changedAt,
            statusChangedBy: changedBy, registration: registration, members: members, teams: teams, apps: apps)
    }

    /// The elements of an array, each read by `element`, in an array of exactly their number:
    /// appending to an array leaves up to half of it unused, in every list of every record.
    static func list<T>(_ s: inout PlainScanner, _ element: (inout PlainScanner) -> T?) -> [T] {
        guard s.take(0x5B) else { return [] }
        var capacity = 16
        var items = UnsafeMutablePointer<T>.allocate(capacity: capacity)
        var count = 0
        defer {
            items.deinitialize(count: count)
            items.deallocate()
        }
        var entries = 0
        while s.more(0x5D, &entries) {
            guard let item = element(&s) else {
                s.fail()
                return []
            }
            if count == capacity {
                let larger = UnsafeMutablePointer<T>.allocate(capacity: 2 * capacity)
                larger.moveInitialize(from: items, count: count)
                items.deallocate()
                (items, capacity) = (larger, 2 * capacity)
            }
            (items + count).initialize(to: consume item)
            count += 1
        }
        guard !s.failed, count > 0 else { return [] }
        // Moved, not copied: no string is retained once more and released.
        return [T](unsafeUninitializedCapacity: count) { buffer, n in
            buffer.baseAddress!.moveInitialize(from: items, count: count)
            (n, count) = (count, 0)
        }
    }

    static let registrationKeys = KeyNames(["requestedBy", "requestedAt", "decision", "decidedBy", "decidedAt", "reason"])

    static func registration(_ s: inout PlainScanner) -> Registration? {
        guard s.take(0x7B) else { return nil }
        var (count, seen): (Int, UInt32) = (0, 0)
        var by: String?, at: String?, decision: Registration.Decision?, decidedBy: String?, decidedAt: String?, reason: String?
        while let k = s.key(in: registrationKeys, &count, &seen) {
            switch k {
            case 0: by = s.string()
            case 1: at = s.string()
            case 2: decision = s.choice(decisions)
            case 3: decidedBy = s.string()
            case 4: decidedAt = s.string()
            default: reason = s.string()
            }
        }
        guard !s.failed, let by, let at else { s.fail(); return nil }
        return Registration(requestedBy: by, requestedAt: at, decision: decision, decidedBy: decidedBy, decidedAt: decidedAt, reason: reason)
    }
}
