/// Writes records in canonical form (content/record-format.md): keys in ``RecordKeys`` order, optional
/// fields left out when absent, arrays sorted by id or e-mail, two-space indent, final newline.
/// Whatever roster writes goes through here, so a hand edit and the CLI give the same bytes.
public enum RecordEncoder {
    public static func canonicalBytes(_ org: OrgRecord) -> [UInt8] {
        JSONWriter.canonicalBytes(encode(org))
    }

    public static func canonicalBytes(_ share: ShareRecord) -> [UInt8] {
        JSONWriter.canonicalBytes(encode(share))
    }

    public static func canonicalBytes(_ settings: MarketplaceSettings) -> [UInt8] {
        JSONWriter.canonicalBytes(encode(settings))
    }

    /// Builds an object from (key, value) pairs, leaving out nil values.
    static func object(_ pairs: [(String, JSONValue?)]) -> JSONNode {
        JSONNode(
            .object(
                pairs.compactMap { key, value in
                    value.map { JSONMember(key: key, node: JSONNode($0)) }
                }))
    }

    static func str(_ s: String?) -> JSONValue? { s.map { .string($0) } }

    static func strings(_ list: [String]) -> JSONValue {
        .array(list.sorted().map { JSONNode(.string($0)) })
    }

    static func header(_ kind: RecordKind) -> [(String, JSONValue?)] {
        [("$schema", .string(kind.schemaReference)), ("schemaVersion", .number(String(currentSchemaVersion)))]
    }

    public static func encode(_ org: OrgRecord) -> JSONNode {
        let members = org.members.sorted { $0.email < $1.email }.map { m in
            object([
                ("email", .string(m.email)), ("handle", str(m.handle)), ("firstName", .string(m.firstName)), ("lastName", .string(m.lastName)),
                ("role", .string(m.role.rawValue)), ("state", .string(m.state.rawValue)),
                ("invitedAt", .string(m.invitedAt)), ("invitedBy", .string(m.invitedBy)),
                ("expiresAt", str(m.expiresAt)), ("acceptedAt", str(m.acceptedAt)),
            ])
        }
        let teams = org.teams.sorted { $0.id < $1.id }.map { t in
            object([
                ("id", .string(t.id)), ("name", .string(t.name)), ("default", t.isDefault ? .bool(true) : nil),
                ("members", strings(t.members)),
            ])
        }
        let apps = org.apps.sorted { $0.id < $1.id }.map { a in
            object([
                ("id", .string(a.id)), ("name", .string(a.name)), ("description", str(a.description)),
                ("team", .string(a.team)), ("visibility", .string(a.visibility.rawValue)), ("shares", strings(a.shares)),
                ("createdBy", .string(a.createdBy)), ("createdAt", .string(a.createdAt)),
            ])
        }
        let registration = org.registration.map { r in
            object([
                ("requestedBy", .string(r.requestedBy)), ("requestedAt", .string(r.requestedAt)),
                ("decision", str(r.decision?.rawValue)), ("decidedBy", str(r.decidedBy)),
                ("decidedAt", str(r.decidedAt)), ("reason", str(r.reason)),
            ]).value
        }
        return object(
            header(.org) + [
                ("id", .string(org.id)), ("name", .string(org.name)), ("status", .string(org.status.rawValue)),
                ("createdAt", .string(org.createdAt)), ("until", str(org.until)), ("statusChangedAt", str(org.statusChangedAt)),
                ("statusChangedBy", str(org.statusChangedBy)), ("registration", registration),
                ("members", .array(members)), ("teams", .array(teams)),
                // Left out when empty, so files written before apps existed keep their bytes.
                ("apps", apps.isEmpty ? nil : .array(apps)),
            ])
    }

    public static func encode(_ share: ShareRecord) -> JSONNode {
        let consumers = share.consumers.sorted { ($0.org, $0.since) < ($1.org, $1.since) }.map { c in
            object([("org", .string(c.org)), ("since", .string(c.since)), ("until", str(c.until))])
        }
        return object(
            header(.share) + [
                ("id", .string(share.id)), ("name", .string(share.name)),
                ("description", .string(share.description)), ("consumers", .array(consumers)),
            ])
    }

    public static func encode(_ s: MarketplaceSettings) -> JSONNode {
        object(
            header(.marketplace) + [
                ("provider", object([("name", .string(s.providerName))]).value),
                (
                    "admins",
                    .array(
                        s.admins.sorted().map { email in
                            s.adminHandles[email].map { object([("email", .string(email)), ("handle", .string($0))]) } ?? JSONNode(.string(email))
                        })
                ),
                (
                    "registration",
                    object([
                        ("enabled", .bool(s.registration.enabled)),
                        ("autoApprove", .bool(s.registration.autoApprove)),
                    ]).value
                ),
                (
                    "guards",
                    object([
                        ("maxRemovalFraction", .number(formatFraction(s.guards.maxRemovalFraction))),
                        ("minSuperAdmins", .number(String(s.guards.minSuperAdmins))),
                    ]).value
                ),
                (
                    "portal",
                    object([
                        ("title", str(s.portal.title)), ("baseURL", str(s.portal.baseURL)),
                        ("showEmails", .bool(s.portal.showEmails)), ("editURL", str(s.portal.editURL)),
                    ]).value
                ),
                (
                    "notifications",
                    object([
                        ("sender", str(s.notifications.sender)),
                        ("adminRecipients", strings(s.notifications.adminRecipients)),
                    ]).value
                ),
                (
                    "invitations",
                    s.invitations.expireAfterDays.map { days in
                        object([("expireAfterDays", .number(String(days)))]).value
                    }
                ),
            ])
    }

    /// `0.25`, `1`, `0.1`: the shortest text that reads back as the same number.
    static func formatFraction(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return "\(x)"
    }
}
