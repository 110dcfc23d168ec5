/// JSON Schemas (draft 2020-12) of the record files, generated from the same field lists the
/// decoder uses, so the two cannot drift. `roster init` writes them to `schemas/`; each record
/// names its schema in `$schema`, so an editor completes and checks fields.
public enum JSONSchemas {
    public static func schema(for kind: RecordKind) -> JSONNode {
        switch kind {
        case .marketplace: marketplace
        case .org: org
        case .share: share
        }
    }

    public static func canonicalText(for kind: RecordKind) -> String {
        JSONWriter.canonical(schema(for: kind))
    }

    typealias Pairs = [(String, JSONValue)]

    static func obj(_ pairs: Pairs) -> JSONValue {
        .object(pairs.map { JSONMember(key: $0.0, node: JSONNode($0.1)) })
    }

    static func s(_ text: String) -> JSONValue { .string(text) }

    static func type(_ name: String, _ extra: Pairs = [], _ description: String? = nil) -> JSONValue {
        obj([("type", s(name))] + extra + (description.map { [("description", s($0))] } ?? []))
    }

    static func list(_ items: [String]) -> JSONValue { .array(items.map { JSONNode(.string($0)) }) }

    /// A closed object: exactly the fields of `keys`, in that order, `required` among them.
    static func record(_ keys: [String], _ properties: [String: JSONValue], required: [String], description: String? = nil) -> JSONValue {
        var pairs: Pairs = [("type", s("object"))]
        if let description { pairs.append(("description", s(description))) }
        pairs.append(("properties", obj(keys.map { ($0, properties[$0]!) })))
        pairs.append(("required", list(required)))
        pairs.append(("additionalProperties", .bool(false)))
        return obj(pairs)
    }

    static func document(_ kind: RecordKind, _ title: String, _ body: JSONValue) -> JSONNode {
        guard case .object(let members) = body else { return JSONNode(body) }
        let head: Pairs = [
            ("$schema", s("https://json-schema.org/draft/2020-12/schema")),
            ("$id", s("https://roster.invalid/schemas/\(kind.schemaFileName)")), ("title", s(title)),
        ]
        return JSONNode(.object(head.map { JSONMember(key: $0.0, node: JSONNode($0.1)) } + members))
    }

    static let id = type("string", [("pattern", s(Limits.idPattern))])
    static let email = type("string", [("pattern", s("^[^@\\s]+@[^@\\s]+\\.[A-Za-z]+$"))])
    static let lowerEmail = type("string", [("pattern", s("^[^@\\sA-Z]+@[^@\\sA-Z]+\\.[a-z]+$"))])
    static let handle = type("string", [("pattern", s("^[A-Za-z0-9][A-Za-z0-9._-]{0,38}$"))], "the account name on the git host")
    static let timestampPattern = s("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$")
    static let timestamp = type("string", [("pattern", timestampPattern)], "RFC 3339 timestamp")
    static let date = type("string", [("pattern", s("^\\d{4}-\\d{2}-\\d{2}$"))], "YYYY-MM-DD")
    static let version = obj([("const", .number(String(currentSchemaVersion)))])
    static func name(_ range: ClosedRange<Int>) -> JSONValue {
        type("string", [("minLength", .number(String(range.lowerBound))), ("maxLength", .number(String(range.upperBound)))])
    }
    static func oneOf(_ values: [String]) -> JSONValue { obj([("enum", list(values))]) }
    static func array(of item: JSONValue) -> JSONValue { obj([("type", s("array")), ("items", item)]) }

    static let membership = record(
        RecordKeys.membership,
        [
            "email": lowerEmail, "handle": handle, "firstName": name(Limits.personName), "lastName": name(Limits.personName),
            "role": oneOf(Role.allCases.map(\.rawValue)), "state": oneOf(MembershipState.allCases.map(\.rawValue)),
            "invitedAt": timestamp, "invitedBy": email,
            "expiresAt": type(
                "string", [("pattern", timestampPattern)], "when the invitation expires (RFC 3339); set by `member invite` and `member resend`"),
            "acceptedAt": type("string", [("pattern", timestampPattern)], "when the invitee accepted (RFC 3339); set by `member activate`"),
        ], required: RecordKeys.membership.filter { !["handle", "expiresAt", "acceptedAt"].contains($0) })

    static let app = record(
        RecordKeys.app,
        [
            "id": id, "name": name(Limits.appName), "description": type("string"), "team": id,
            "visibility": oneOf(AppVisibility.allCases.map(\.rawValue)), "shares": array(of: id),
            "createdBy": email, "createdAt": timestamp,
        ], required: RecordKeys.app.filter { $0 != "description" },
        description: "an application a team shares; no secret lives here: credentials stay in the gateway, keyed by org and app id")

    static let team = record(
        RecordKeys.team,
        [
            "id": id, "name": name(Limits.teamName), "default": type("boolean"), "members": array(of: lowerEmail),
        ], required: ["id", "name", "members"])

    static let registration = record(
        RecordKeys.registration,
        [
            "requestedBy": email, "requestedAt": timestamp,
            "decision": oneOf(Registration.Decision.allCases.map(\.rawValue)),
            "decidedBy": type("string", [], "the deciding admin's e-mail, or \"auto-approve\""), "decidedAt": timestamp, "reason": type("string"),
        ], required: ["requestedBy", "requestedAt"])

    static let org = document(
        .org, "Roster consumer org",
        record(
            RecordKeys.org,
            [
                "$schema": type("string"), "schemaVersion": version, "id": id, "name": name(Limits.orgName),
                "status": oneOf(OrgStatus.allCases.map(\.rawValue)), "createdAt": timestamp,
                "until": type(
                    "string", [("pattern", s("^\\d{4}-\\d{2}-\\d{2}$"))],
                    "the end of the org's contract (YYYY-MM-DD): from this day on the org is expired"),
                "statusChangedAt": timestamp, "statusChangedBy": email, "registration": registration,
                "members": array(of: membership), "teams": array(of: team), "apps": array(of: app),
            ], required: ["schemaVersion", "id", "name", "status", "createdAt", "members", "teams"]))

    static let share = document(
        .share, "Roster share",
        record(
            RecordKeys.share,
            [
                "$schema": type("string"), "schemaVersion": version, "id": id, "name": name(Limits.shareName),
                "description": type("string"),
                "consumers": array(of: record(RecordKeys.shareLink, ["org": id, "since": date, "until": date], required: ["org", "since"])),
            ], required: ["schemaVersion", "id", "name", "consumers"]))

    static let marketplace = document(
        .marketplace, "Roster marketplace settings",
        record(
            RecordKeys.marketplace,
            [
                "$schema": type("string"), "schemaVersion": version,
                "provider": record(RecordKeys.provider, ["name": type("string")], required: ["name"]),
                "admins": array(
                    of: obj([
                        (
                            "oneOf",
                            .array([
                                JSONNode(lowerEmail),
                                JSONNode(record(RecordKeys.admin, ["email": lowerEmail, "handle": handle], required: ["email"])),
                            ])
                        )
                    ])),
                "registration": record(RecordKeys.registrationSettings, ["enabled": type("boolean"), "autoApprove": type("boolean")], required: []),
                "guards": record(
                    RecordKeys.guards,
                    [
                        "maxRemovalFraction": type("number", [("minimum", .number("0")), ("maximum", .number("1"))]),
                        "minSuperAdmins": type("integer", [("minimum", .number("1"))]),
                    ], required: []),
                "portal": record(
                    RecordKeys.portal,
                    [
                        "title": type("string"), "baseURL": type("string", [("pattern", s("^https?://"))]),
                        "showEmails": type("boolean"), "editURL": type("string", [("pattern", s("^https?://"))]),
                    ], required: []),
                "notifications": record(RecordKeys.notifications, ["sender": email, "adminRecipients": array(of: email)], required: []),
                "invitations": record(
                    RecordKeys.invitations,
                    [
                        "expireAfterDays": type(
                            "integer", [("minimum", .number("1")), ("maximum", .number(String(InvitationSettings.maxExpireAfterDays)))],
                            "days an invitation stays valid; default 14")
                    ], required: []),
            ], required: ["schemaVersion", "provider"]))
}
