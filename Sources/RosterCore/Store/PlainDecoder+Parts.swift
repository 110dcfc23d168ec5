/// The parts of records ``PlainDecoder`` reads: members, teams, apps, shares and their consumers.
/// Each returns nil (and the scanner fails) when a required field is missing.
extension PlainDecoder {
    static let memberKeys = KeyNames([
        "email", "handle", "firstName", "lastName", "role", "state", "invitedAt", "invitedBy", "expiresAt", "acceptedAt",
    ])

    static func member(_ s: inout PlainScanner) -> Membership? {
        guard s.take(0x7B) else { return nil }
        var (count, seen): (Int, UInt32) = (0, 0)
        var email: String?, handle: String?, first: String?, last: String?, role: Role?, state: MembershipState?
        var invitedAt: String?, invitedBy: String?, expiresAt: String?, acceptedAt: String?
        while let k = s.key(in: memberKeys, &count, &seen) {
            switch k {
            case 0: email = s.string()
            case 1: handle = s.string()
            case 2: first = s.string()
            case 3: last = s.string()
            case 4: role = s.choice(roles)
            case 5: state = s.choice(states)
            case 6: invitedAt = s.string()
            case 7: invitedBy = s.string()
            case 8: expiresAt = s.string()
            default: acceptedAt = s.string()
            }
        }
        guard !s.failed, let email, let first, let last, let role, let state, let invitedAt, let invitedBy else { return nil }
        return Membership(
            email: email, firstName: first, lastName: last, role: role, state: state, invitedAt: invitedAt, invitedBy: invitedBy,
            handle: handle, expiresAt: expiresAt, acceptedAt: acceptedAt)
    }

    static let teamKeys = KeyNames(["id", "name", "default", "members"])

    static func team(_ s: inout PlainScanner) -> Team? {
        guard s.take(0x7B) else { return nil }
        var (count, seen): (Int, UInt32) = (0, 0)
        var id: String?, name: String?, isDefault = false, members: [String]?
        while let k = s.key(in: teamKeys, &count, &seen) {
            switch k {
            case 0: id = s.string()
            case 1: name = s.string()
            case 2: isDefault = s.bool() ?? false
            default: members = list(&s) { $0.string() }
            }
        }
        guard !s.failed, let id, let name, let members else { return nil }
        return Team(id: id, name: name, isDefault: isDefault, members: members)
    }

    static let appKeys = KeyNames(["id", "name", "description", "team", "visibility", "shares", "createdBy", "createdAt"])

    static func app(_ s: inout PlainScanner) -> App? {
        guard s.take(0x7B) else { return nil }
        var (count, seen): (Int, UInt32) = (0, 0)
        var id: String?, name: String?, description: String?, team: String?, visibility: AppVisibility?
        var shares: [String]?, createdBy: String?, createdAt: String?
        while let k = s.key(in: appKeys, &count, &seen) {
            switch k {
            case 0: id = s.string()
            case 1: name = s.string()
            case 2: description = s.string()
            case 3: team = s.string()
            case 4: visibility = s.choice(visibilities)
            case 5: shares = list(&s) { $0.string() }
            case 6: createdBy = s.string()
            default: createdAt = s.string()
            }
        }
        guard !s.failed, let id, let name, let team, let visibility, let shares, let createdBy, let createdAt else { return nil }
        return App(
            id: id, name: name, description: description, team: team, visibility: visibility, shares: shares, createdBy: createdBy,
            createdAt: createdAt)
    }

    static let shareKeys = KeyNames(["$schema", "schemaVersion", "id", "name", "description", "consumers"])

    static func share(_ s: inout PlainScanner) -> ShareRecord? {
        guard s.take(0x7B) else { return nil }
        var (count, seen): (Int, UInt32) = (0, 0)
        var id: String?, name: String?, description = "", consumers: [ShareLink]?
        while let k = s.key(in: shareKeys, &count, &seen) {
            switch k {
            case 0: _ = s.string()
            case 1: _ = s.number(currentSchemaVersion)
            case 2: id = s.string()
            case 3: name = s.string()
            case 4: description = s.string() ?? ""
            default: consumers = list(&s, consumer)
            }
        }
        // schemaVersion is required as well.
        guard !s.failed, seen & 0b10 != 0, let id, let name, let consumers else { return nil }
        return ShareRecord(id: id, name: name, description: description, consumers: consumers)
    }

    static let consumerKeys = KeyNames(["org", "since", "until"])

    static func consumer(_ s: inout PlainScanner) -> ShareLink? {
        guard s.take(0x7B) else { return nil }
        var (count, seen): (Int, UInt32) = (0, 0)
        var org: String?, since: String?, until: String?
        while let k = s.key(in: consumerKeys, &count, &seen) {
            switch k {
            case 0: org = s.string()
            case 1: since = s.string()
            default: until = s.string()
            }
        }
        guard !s.failed, let org, let since else { return nil }
        return ShareLink(org: org, since: since, until: until)
    }
}
