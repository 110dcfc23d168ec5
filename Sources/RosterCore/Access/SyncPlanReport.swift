/// The plan as `roster sync` prints it: the counts, then one line per resource.
extension SyncPlan {
    public struct Counts: Sendable, Equatable {
        public var create = 0, update = 0, deactivate = 0, delete = 0
    }

    /// A deactivation is an update that turns `active` off: it is counted and shown on its own.
    public var counts: Counts {
        var c = Counts()
        for action in actions {
            switch action {
            case .createUser, .createGroup: c.create += 1
            case .updateUser(_, let user, let from, _) where from.active && !user.active: c.deactivate += 1
            case .deactivateOrphan: c.deactivate += 1
            case .updateUser, .updateGroup: c.update += 1
            case .deleteUser, .deleteGroup: c.delete += 1
            }
        }
        return c
    }

    /// `Plan: 3 to create, 1 to update, 2 to deactivate, 0 to delete.`
    public var summary: String {
        let c = counts
        return "Plan: \(c.create) to create, \(c.update) to update, \(c.deactivate) to deactivate, \(c.delete) to delete."
    }

    /// One line per action, in the plan's order.
    public var lines: [String] { actions.map(Self.line) }

    /// The line of one action, for a terminal or a CI log: names, e-mails and ids come from the
    /// records or from the server, so any character that could break or forge a line is shown
    /// escaped (``TerminalText``).
    public static func line(_ action: Action) -> String {
        TerminalText.escape(text(action))
    }

    static func text(_ action: Action) -> String {
        switch action {
        case .createUser(let u):
            return
                "+ create user \(u.email) (org \(u.org), active: \(u.active)\(u.shares.isEmpty ? "" : ", " + u.shares.map(SCIMDocuments.entitlement).joined(separator: " ")))"
        case .updateUser(_, let u, let from, let attributes):
            let verb = from.active && !u.active ? "- deactivate" : "~ update"
            return "\(verb) user \(u.email): " + attributes.map { change($0, from: from, to: SyncState.UserFields(u)) }.joined(separator: ", ")
        case .deactivateOrphan(_, let email, _):
            return "- deactivate user \(email): no longer in the records (active: false, no entitlements)"
        case .deleteUser(_, let email):
            return "x delete user \(email) (--prune)"
        case .createGroup(let g):
            return "+ create group \(g.externalId) \"\(g.displayName)\" (\(Plural.count(g.members.count, "member")))"
        case .updateGroup(_, let externalId, let name, _, let added, let removed, let renamed):
            var parts: [String] = []
            if renamed { parts.append("displayName -> \"\(name)\"") }
            if added > 0 || removed > 0 { parts.append("members +\(added) -\(removed)") }
            return "~ update group \(externalId): " + parts.joined(separator: ", ")
        case .deleteGroup(_, let externalId):
            return "x delete group \(externalId) (--prune)"
        }
    }

    static func change(_ attribute: String, from a: SyncState.UserFields, to b: SyncState.UserFields) -> String {
        func list(_ l: [String]) -> String { "[" + l.joined(separator: ", ") + "]" }
        switch attribute {
        case "active": return "active: \(a.active) -> \(b.active)"
        case "entitlements": return "entitlements: \(list(a.entitlements)) -> \(list(b.entitlements))"
        case "roles": return "roles: \(list(a.roles)) -> \(list(b.roles))"
        case "name": return "name: \"\(a.givenName) \(a.familyName)\" -> \"\(b.givenName) \(b.familyName)\""
        case "organization": return "organization: \"\(a.organization ?? "")\" -> \"\(b.organization ?? "")\""
        default: return attribute
        }
    }
}
