/// The bytes of the export's elements in the canonical layout of ``JSONWriter`` (two-space
/// indent, one member per line), as constant bytes between fragments: every element of the
/// long arrays sits at the same depth (`{` at four spaces, its members at six), so its
/// punctuation and indent never vary. AccessExportTests checks each element against
/// ``JSONWriter`` and ``SCIMDocuments``.
enum ExportLayout {
    // MARK: Fragments made once (first pass)

    /// `[]`, or the strings one per line at eight spaces, `]` at six.
    static func stringArray(_ items: [String], into out: inout [UInt8]) {
        guard !items.isEmpty else { return out.append(contentsOf: "[]".utf8) }
        out.append(0x5B)
        for (k, item) in items.enumerated() {
            out.append(contentsOf: (k == 0 ? "\n        \"" : ",\n        \"").utf8)
            JSONWriter.appendEscaped(item, into: &out)
            out.append(0x22)
        }
        out.append(contentsOf: "\n      ]".utf8)
    }

    /// A user's `"entitlements"`: `{"value": "share:<id>"}` per share.
    static func entitlements(_ shares: [String], into out: inout [UInt8]) {
        guard !shares.isEmpty else { return out.append(contentsOf: "[]".utf8) }
        out.append(0x5B)
        for (k, share) in shares.enumerated() {
            out.append(contentsOf: (k == 0 ? "\n        {\n          \"value\": \"" : ",\n        {\n          \"value\": \"").utf8)
            JSONWriter.appendEscaped(SCIMDocuments.entitlement(share), into: &out)
            out.append(contentsOf: "\"\n        }".utf8)
        }
        out.append(contentsOf: "\n      ]".utf8)
    }

    // MARK: Elements (second pass, on every core)

    /// What opens element `k` of a long array: the comma after the one before, its line.
    @inline(__always) static func open(_ k: Int, _ out: inout OutputBuffer) {
        out.append(k == 0 ? "\n    {" : ",\n    {")
    }

    @inline(__always) static func bool(_ b: Bool, _ out: inout OutputBuffer) {
        out.append(b ? "true" : "false")
    }

    static func status(_ s: OrgStatus) -> StaticString {
        switch s {
        case .pending: "pending"
        case .rejected: "rejected"
        case .enabled: "enabled"
        case .disabled: "disabled"
        }
    }

    /// An org of access.json.
    static func org(_ k: Int, _ o: OrgRow, _ out: inout OutputBuffer) {
        open(k, &out)
        out.append("\n      \"id\": \"")
        out.append(o.id, in: o.base)
        out.append("\",\n      \"name\": \"")
        out.append(o.name, in: o.base)
        out.append("\",\n      \"status\": \"")
        out.append(status(o.status))
        out.append("\",\n      \"active\": ")
        bool(o.active, &out)
        out.append(",\n      \"shares\": ")
        out.append(o.shares, in: o.base)
        out.append("\n    }")
    }

    /// A user of access.json.
    static func accessUser(_ k: Int, _ u: UserRow, _ o: OrgRow, _ out: inout OutputBuffer) {
        open(k, &out)
        out.append("\n      \"email\": \"")
        out.append(u.email, in: u.base)
        out.append("\",\n      \"org\": \"")
        out.append(o.id, in: o.base)
        out.append(
            u.role == .superAdmin
                ? "\",\n      \"role\": \"super-admin\",\n      \"active\": " : "\",\n      \"role\": \"team-member\",\n      \"active\": ")
        bool(u.active, &out)
        out.append(",\n      \"teams\": ")
        out.append(u.teams, in: u.base)
        out.append(",\n      \"shares\": ")
        if u.active { out.append(o.shares, in: o.base) } else { out.append("[]") }
        out.append("\n    }")
    }

    /// A User of scim/Users.json (``SCIMDocuments/user(_:id:userType:)`` with its e-mail as id).
    static func scimUser(_ k: Int, _ u: UserRow, _ o: OrgRow, _ out: inout OutputBuffer) {
        open(k, &out)
        out.append(
            "\n      \"schemas\": [\n        \"urn:ietf:params:scim:schemas:core:2.0:User\",\n        \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"\n      ],\n      \"id\": \""
        )
        out.append(u.email, in: u.base)
        out.append("\",\n      \"externalId\": \"")
        out.append(u.email, in: u.base)
        out.append("\",\n      \"userName\": \"")
        out.append(u.email, in: u.base)
        out.append("\",\n      \"name\": {\n        \"givenName\": \"")
        out.append(u.firstName, in: u.base)
        out.append("\",\n        \"familyName\": \"")
        out.append(u.lastName, in: u.base)
        out.append(
            u.active
                ? "\"\n      },\n      \"active\": true,\n      \"emails\": [\n        {\n          \"value\": \""
                : "\"\n      },\n      \"active\": false,\n      \"emails\": [\n        {\n          \"value\": \"")
        out.append(u.email, in: u.base)
        out.append(
            "\",\n          \"type\": \"work\",\n          \"primary\": true\n        }\n      ],\n      \"roles\": [\n        {\n          \"value\": \""
        )
        out.append(u.role == .superAdmin ? "super-admin" : "team-member")
        out.append("\"\n        }\n      ],\n      \"entitlements\": ")
        if u.active { out.append(o.entitlements, in: o.base) } else { out.append("[]") }
        out.append(",\n      \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\": {\n        \"organization\": \"")
        out.append(o.name, in: o.base)
        out.append("\"\n      }\n    }")
    }

    /// A Group of scim/Groups.json (``SCIMDocuments/group(_:id:memberID:)``, members by e-mail).
    static func group(_ k: Int, _ g: GroupRow, _ users: UnsafeBufferPointer<UserRow>, _ out: inout OutputBuffer) {
        open(k, &out)
        out.append("\n      \"schemas\": [\n        \"urn:ietf:params:scim:schemas:core:2.0:Group\"\n      ],\n      \"id\": \"")
        out.append(g.id, in: g.base)
        out.append("\",\n      \"externalId\": \"")
        out.append(g.externalId, in: g.base)
        out.append("\",\n      \"displayName\": \"")
        out.append(g.displayName, in: g.base)
        out.append("\",\n      \"members\": ")
        let count = g.members.count / 4
        if count == 0 { out.append("[]") } else { out.append("[") }
        let list = UnsafeRawPointer(g.base + g.members.start)
        for m in 0..<count {
            let u = users[Int(list.loadUnaligned(fromByteOffset: 4 * m, as: Int32.self))]
            out.append(m == 0 ? "\n        {\n          \"value\": \"" : ",\n        {\n          \"value\": \"")
            out.append(u.email, in: u.base)
            out.append("\",\n          \"display\": \"")
            out.append(u.email, in: u.base)
            out.append("\"\n        }")
        }
        if count > 0 { out.append("\n      ]") }
        out.append("\n    }")
    }
}
