/// Every operation of `roster apply`, declared once: its name, the fields it takes and how they
/// become a ``Change``. The batch reader, `Change.allNames` and the docs' list of operations all
/// come from this table (a test checks the docs and each CLI verb against it).
public struct Operation: Sendable {
    /// `org.create`: the CLI verb with a dot.
    public let name: String
    public let required: [String]
    public let optional: [String]
    let make: @Sendable (OperationFields) -> Change

    init(_ name: String, _ required: [String], _ optional: [String] = [], _ make: @escaping @Sendable (OperationFields) -> Change) {
        self.name = name
        self.required = required
        self.optional = optional
        self.make = make
    }

    public static func named(_ name: String) -> Operation? {
        all.first { $0.name == name }
    }

    public static let all: [Operation] = [
        Operation("org.create", ["name"], ["id"]) { .orgCreate(name: $0["name"], id: $0.optional("id")) },
        Operation("org.rename", ["org", "name"]) { .orgRename(org: $0["org"], name: $0["name"]) },
        Operation("org.enable", ["org"]) { .orgEnable(org: $0["org"]) },
        Operation("org.disable", ["org"]) { .orgDisable(org: $0["org"]) },
        Operation("org.delete", ["org", "confirm"]) { .orgDelete(org: $0["org"], confirm: $0["confirm"]) },
        Operation("org.register", ["name", "email", "first", "last"], ["id", "handle"]) { f in
            .orgRegister(name: f["name"], id: f.optional("id"), email: f["email"], first: f["first"], last: f["last"], handle: f.optional("handle"))
        },
        Operation("org.approve", ["org"], ["name"]) { .orgApprove(org: $0["org"], name: $0.optional("name")) },
        Operation("org.reject", ["org", "reason"]) { .orgReject(org: $0["org"], reason: $0["reason"]) },
        Operation("org.set-until", ["org"], ["until"]) { .orgSetUntil(org: $0["org"], until: $0.optional("until")) },
        Operation("member.invite", ["org", "email", "first", "last", "role"], ["team", "handle"]) { f in
            .memberInvite(
                org: f["org"], email: f["email"], first: f["first"], last: f["last"], role: f.role!, team: f.optional("team"),
                handle: f.optional("handle"))
        },
        Operation("member.remove", ["org", "email"]) { .memberRemove(org: $0["org"], email: $0["email"]) },
        Operation("member.set-role", ["org", "email", "role"]) { .memberSetRole(org: $0["org"], email: $0["email"], role: $0.role!) },
        Operation("member.edit", ["org", "email"], ["first", "last", "handle"]) { f in
            .memberEdit(org: f["org"], email: f["email"], first: f.optional("first"), last: f.optional("last"), handle: f.optional("handle"))
        },
        Operation("member.activate", ["org", "email"]) { .memberActivate(org: $0["org"], email: $0["email"]) },
        Operation("member.resend", ["org", "email"]) { .memberResend(org: $0["org"], email: $0["email"]) },
        Operation("team.create", ["org", "name"], ["id"]) { .teamCreate(org: $0["org"], name: $0["name"], id: $0.optional("id")) },
        Operation("team.delete", ["org", "team"]) { .teamDelete(org: $0["org"], team: $0["team"]) },
        Operation("team.add", ["org", "team", "email"]) { .teamAdd(org: $0["org"], team: $0["team"], email: $0["email"]) },
        Operation("team.remove", ["org", "team", "email"]) { .teamRemove(org: $0["org"], team: $0["team"], email: $0["email"]) },
        Operation("share.create", ["name"], ["id", "description"]) {
            .shareCreate(name: $0["name"], id: $0.optional("id"), description: $0.optional("description"))
        },
        Operation("share.delete", ["share"]) { .shareDelete(share: $0["share"]) },
        Operation("share.add-org", ["share"], ["org", "new-org", "id", "until"]) { f in
            if let name = f.optional("new-org") {
                return .shareAddNewOrg(share: f["share"], name: name, id: f.optional("id"), until: f.optional("until"))
            }
            return .shareAddOrg(share: f["share"], org: f["org"], until: f.optional("until"))
        },
        Operation("share.remove-org", ["share", "org"]) { .shareRemoveOrg(share: $0["share"], org: $0["org"]) },
        Operation("app.create", ["org", "name", "team"], ["id", "shares", "visibility", "description"]) { f in
            .appCreate(
                org: f["org"], name: f["name"], id: f.optional("id"), team: f["team"],
                shares: f.optional("shares").map { $0.split(whereSeparator: { $0 == "\n" || $0 == "," }).map(String.init) } ?? [],
                visibility: f.optional("visibility").flatMap(AppVisibility.init) ?? .team, description: f.optional("description"))
        },
        Operation("app.delete", ["org", "app"]) { .appDelete(org: $0["org"], app: $0["app"]) },
        Operation("app.add-share", ["org", "app", "share"]) { .appAddShare(org: $0["org"], app: $0["app"], share: $0["share"]) },
        Operation("app.remove-share", ["org", "app", "share"]) { .appRemoveShare(org: $0["org"], app: $0["app"], share: $0["share"]) },
        Operation("settings.set", ["key", "value"]) { .settingsSet(key: $0["key"], value: $0["value"]) },
    ]
}
