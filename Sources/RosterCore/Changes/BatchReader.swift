/// Reads a `roster apply` batch: a JSON array of operations, each an object whose `op` names the
/// verb (`"member.invite"`) and whose other fields carry its arguments under their CLI names.
public enum BatchReader {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "\(line):\(column): \(message)" }
    }

    /// Required and optional fields of each operation.
    static let fields: [String: (required: [String], optional: [String])] = [
        "org.create": (["name"], ["id"]),
        "org.rename": (["org", "name"], []),
        "org.enable": (["org"], []),
        "org.disable": (["org"], []),
        "org.delete": (["org", "confirm"], []),
        "org.register": (["name", "email", "first", "last"], ["id", "handle"]),
        "org.approve": (["org"], ["name"]),
        "org.reject": (["org", "reason"], []),
        "member.invite": (["org", "email", "first", "last", "role"], ["team", "handle"]),
        "member.remove": (["org", "email"], []),
        "member.set-role": (["org", "email", "role"], []),
        "member.edit": (["org", "email"], ["first", "last", "handle"]),
        "member.activate": (["org", "email"], []),
        "team.create": (["org", "name"], ["id"]),
        "team.delete": (["org", "team"], []),
        "team.add": (["org", "team", "email"], []),
        "team.remove": (["org", "team", "email"], []),
        "share.create": (["name"], ["id", "description"]),
        "share.delete": (["share"], []),
        "share.add-org": (["share"], ["org", "new-org", "id", "until"]),
        "share.remove-org": (["share", "org"], []),
        "member.resend": (["org", "email"], []),
        "settings.set": (["key", "value"], []),
        "org.set-until": (["org"], ["until"]),
        "app.create": (["org", "name", "team"], ["id", "shares", "visibility", "description"]),
        "app.delete": (["org", "app"], []),
        "app.add-share": (["org", "app", "share"], []),
        "app.remove-share": (["org", "app", "share"], []),
    ]

    public static func operations(from bytes: [UInt8]) throws(Failure) -> [Change] {
        let text = SourceText(bytes: bytes)
        func fail(_ offset: Int, _ message: String) -> Failure {
            let (line, column) = text.position(of: offset)
            return Failure(line: line, column: column, message: message)
        }
        let parsed = JSONParser.parse(bytes)
        if let problem = parsed.problems.first { throw fail(problem.offset, problem.message) }
        guard let root = parsed.root, case .array(let items) = root.value else {
            throw fail(parsed.root?.offset ?? 0, "a batch is a JSON array of operations, such as [{\"op\": \"org.create\", \"name\": \"Initech\"}]")
        }
        var out: [Change] = []
        for (offset, item) in items.enumerated() {
            // Operations are numbered from 1 in every message, as people count them.
            let number = offset + 1
            guard case .object(let members) = item.value else { throw fail(item.offset, "operation \(number) must be an object") }
            guard let opMember = members.first(where: { $0.key == "op" }), case .string(let op) = opMember.node.value else {
                throw fail(item.offset, "operation \(number) has no \"op\" naming the verb, such as \"member.invite\"")
            }
            guard let spec = fields[op] else {
                let guess = ObjectReader.closest(to: op, in: Change.allNames).map { "; did you mean \"\($0)\"?" } ?? ""
                throw fail(opMember.node.offset, "operation \(number): unknown op \"\(op)\"\(guess)")
            }
            var values: [String: String] = [:]
            for m in members where m.key != "op" {
                guard spec.required.contains(m.key) || spec.optional.contains(m.key) else {
                    let allowed = (spec.required + spec.optional).joined(separator: ", ")
                    throw fail(m.keyOffset, "operation \(number) (\(op)): unknown field \"\(m.key)\"; \(op) takes \(allowed)")
                }
                guard let value = Self.text(m) else {
                    throw fail(m.node.offset, "operation \(number) (\(op)): \"\(m.key)\" must be a string\(m.key == "shares" ? " or an array of strings" : "")")
                }
                values[m.key] = value
            }
            for key in spec.required where values[key] == nil {
                throw fail(item.offset, "operation \(number) (\(op)): missing \"\(key)\"")
            }
            if op == "share.add-org", (values["org"] == nil) == (values["new-org"] == nil) {
                throw fail(item.offset, "operation \(number) (\(op)): give either \"org\" (an existing org) or \"new-org\" (the name of an org to create)")
            }
            if let raw = values["visibility"], AppVisibility(rawValue: raw) == nil {
                throw fail(item.offset, "operation \(number) (\(op)): visibility must be \"team\" or \"org\", not \"\(raw)\"")
            }
            var role: Role?
            if let raw = values["role"] {
                guard let r = Role(rawValue: raw) else {
                    throw fail(item.offset, "operation \(number) (\(op)): role must be \"super-admin\" or \"team-member\", not \"\(raw)\"")
                }
                role = r
            }
            out.append(make(op, values, role))
        }
        return out
    }

    /// A field's value: a string, or for `shares` an array of strings (kept joined by "\n").
    static func text(_ m: JSONMember) -> String? {
        if case .string(let value) = m.node.value { return value }
        guard m.key == "shares", case .array(let items) = m.node.value else { return nil }
        var out: [String] = []
        for item in items {
            guard case .string(let s) = item.value else { return nil }
            out.append(s)
        }
        return out.joined(separator: "\n")
    }

    static func make(_ op: String, _ v: [String: String], _ role: Role?) -> Change {
        switch op {
        case "member.resend": .memberResend(org: v["org"]!, email: v["email"]!)
        case "settings.set": .settingsSet(key: v["key"]!, value: v["value"]!)
        case "org.set-until": .orgSetUntil(org: v["org"]!, until: v["until"])
        case "app.create":
            .appCreate(org: v["org"]!, name: v["name"]!, id: v["id"], team: v["team"]!,
                       shares: v["shares"].map { $0.split(whereSeparator: { $0 == "\n" || $0 == "," }).map(String.init) } ?? [],
                       visibility: v["visibility"].flatMap(AppVisibility.init) ?? .team, description: v["description"])
        case "app.delete": .appDelete(org: v["org"]!, app: v["app"]!)
        case "app.add-share": .appAddShare(org: v["org"]!, app: v["app"]!, share: v["share"]!)
        case "app.remove-share": .appRemoveShare(org: v["org"]!, app: v["app"]!, share: v["share"]!)
        case "share.add-org" where v["new-org"] != nil:
            .shareAddNewOrg(share: v["share"]!, name: v["new-org"]!, id: v["id"], until: v["until"])
        case "org.create": .orgCreate(name: v["name"]!, id: v["id"])
        case "org.rename": .orgRename(org: v["org"]!, name: v["name"]!)
        case "org.enable": .orgEnable(org: v["org"]!)
        case "org.disable": .orgDisable(org: v["org"]!)
        case "org.delete": .orgDelete(org: v["org"]!, confirm: v["confirm"]!)
        case "org.register": .orgRegister(name: v["name"]!, id: v["id"], email: v["email"]!, first: v["first"]!, last: v["last"]!, handle: v["handle"])
        case "org.approve": .orgApprove(org: v["org"]!, name: v["name"])
        case "org.reject": .orgReject(org: v["org"]!, reason: v["reason"]!)
        case "member.invite": .memberInvite(org: v["org"]!, email: v["email"]!, first: v["first"]!, last: v["last"]!, role: role!, team: v["team"], handle: v["handle"])
        case "member.remove": .memberRemove(org: v["org"]!, email: v["email"]!)
        case "member.set-role": .memberSetRole(org: v["org"]!, email: v["email"]!, role: role!)
        case "member.edit": .memberEdit(org: v["org"]!, email: v["email"]!, first: v["first"], last: v["last"], handle: v["handle"])
        case "member.activate": .memberActivate(org: v["org"]!, email: v["email"]!)
        case "team.create": .teamCreate(org: v["org"]!, name: v["name"]!, id: v["id"])
        case "team.delete": .teamDelete(org: v["org"]!, team: v["team"]!)
        case "team.add": .teamAdd(org: v["org"]!, team: v["team"]!, email: v["email"]!)
        case "team.remove": .teamRemove(org: v["org"]!, team: v["team"]!, email: v["email"]!)
        case "share.create": .shareCreate(name: v["name"]!, id: v["id"], description: v["description"])
        case "share.delete": .shareDelete(share: v["share"]!)
        case "share.add-org": .shareAddOrg(share: v["share"]!, org: v["org"]!, until: v["until"])
        default: .shareRemoveOrg(share: v["share"]!, org: v["org"]!)
        }
    }
}
