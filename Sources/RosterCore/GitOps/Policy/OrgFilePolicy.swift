/// SPEC section 5's table for one org file that exists on both sides: which changed fields the
/// actor's membership of that org (in the base) allows. Default deny: a field no row names is
/// refused.
struct OrgFilePolicy {
    /// The actor's membership of this org in the base; nil when they have none.
    let membership: Membership?
    /// Days an audit timestamp may carry: from where the branch started (at most 14 days
    /// back) to today, a day's slack each side for time zones.
    let auditDays: ClosedRange<Int>

    /// Why the change is refused (rule, reason), or nil when it is allowed.
    func refusal(_ change: FieldChange, standing: ActorStanding) -> (rule: String, reason: String)? {
        guard let membership else {
            return (standing.rule, "only the org's own super admins (members and teams) and a provider admin may change this org")
        }
        if membership.role == .superAdmin, membership.state == .active {
            return superAdmin(change, actor: membership.email)
        }
        return selfService(change, email: membership.email)
    }

    /// A super admin: `/members`, `/teams` and `/apps`, with the audit values the verbs write.
    func superAdmin(_ c: FieldChange, actor: String) -> (rule: String, reason: String)? {
        let deny = ("policy-own-org", "a super admin may change only the members, teams and apps of their own org; \(c.location) is the provider's")
        guard case .key(let top)? = c.steps.first, ["members", "teams", "apps"].contains(top), c.steps.count >= 2 else { return deny }
        guard case .item = c.steps[1] else {
            return ("policy-own-org", "\(c.location): every entry of /\(top) needs its own e-mail or id, so the change can be judged")
        }
        let field: String? = if c.steps.count >= 3, case .key(let k) = c.steps[2] { k } else { nil }
        switch (top, c.steps.count, c.kind) {
        case (_, 2, .removed) where top == "teams" && isDefaultTeam(c.base):
            return ("policy-own-org", "the default team cannot be deleted")
        case (_, 2, .removed):
            return nil
        case ("members", 2, .added):
            return newMember(c, actor: actor)
        case ("teams", 2, .added):
            return isDefaultTeam(c.head) ? ("policy-own-org", "only the provider's `roster org create` makes a default team") : nil
        case ("apps", 2, .added):
            return audit(c.head, by: "createdBy", at: "createdAt", actor: actor, verb: "app create")
        case (_, 2, _):
            return deny
        case ("members", _, _):
            switch field {
            case "firstName", "lastName", "role", "handle": return nil
            case "state" where isAcceptance(c): return nil
            case "invitedAt", "invitedBy", "email", "state":
                return ("policy-audit", "\(c.location) records what happened; only the verb that did it writes it")
            default: return deny
            }
        case ("teams", _, _):
            return ["name", "members"].contains(field ?? "") ? nil : ("policy-own-org", "\(c.location) cannot change; create another team instead")
        case ("apps", _, _):
            return ["createdBy", "createdAt", "id"].contains(field ?? "") ? ("policy-audit", "\(c.location) records what happened") : nil
        default:
            return deny
        }
    }

    /// A team member or an invitee: their own entry only (accept the invitation, their name).
    func selfService(_ c: FieldChange, email: String) -> (rule: String, reason: String)? {
        let own = c.steps.count == 3 && c.steps[0] == .key("members") && c.steps[1] == .item(email)
        if own, c.steps[2] == .key("firstName") || c.steps[2] == .key("lastName"), c.kind == .modified { return nil }
        if own, c.steps[2] == .key("state"), isAcceptance(c) { return nil }
        return ("policy-team-member", "a team member or invitee may change only their own entry: accept their invitation (state invited -> active) and their own first and last name")
    }

    /// A new member carries what `roster member invite` writes: invited by the actor, now.
    func newMember(_ c: FieldChange, actor: String) -> (rule: String, reason: String)? {
        guard case .string("invited")? = c.head?.member("state")?.node.value else {
            return ("policy-audit", "a new member starts with \"state\": \"invited\"; they accept the invitation themselves")
        }
        return audit(c.head, by: "invitedBy", at: "invitedAt", actor: actor, verb: "member invite")
    }

    func audit(_ node: JSONNode?, by: String, at: String, actor: String, verb: String) -> (rule: String, reason: String)? {
        guard case .string(let who)? = node?.member(by)?.node.value, who == actor else {
            return ("policy-audit", "\"\(by)\" must be \(actor), the actor, as `roster \(verb)` writes it")
        }
        guard case .string(let when)? = node?.member(at)?.node.value, let day = Formats.timestamp(when),
              auditDays.contains(day.dayNumber) else {
            return ("policy-audit", "\"\(at)\" must be the time of the change, as `roster \(verb)` writes it")
        }
        return nil
    }

    func isAcceptance(_ c: FieldChange) -> Bool {
        c.kind == .modified && c.base?.value == .string("invited") && c.head?.value == .string("active")
    }

    func isDefaultTeam(_ node: JSONNode?) -> Bool {
        node?.member("default")?.node.value == .bool(true)
    }
}
