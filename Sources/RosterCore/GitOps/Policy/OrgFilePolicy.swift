/// The policy table (content/gitops-workflow.md) for one org file that exists on both sides: which changed fields the
/// actor's membership of that org (in the base) allows. Default deny: a field no row names is
/// refused.
struct OrgFilePolicy {
    /// The actor's membership of this org in the base; nil when they have none.
    let membership: Membership?
    /// Days an audit timestamp may carry: from where the branch started (at most 14 days
    /// back) to today, a day's slack each side for time zones.
    let auditDays: ClosedRange<Int>
    /// The whole org file on each side, to judge a field by its entry (a resend, an
    /// acceptance, an app's team), and the base's `invitations.expireAfterDays`.
    var base: JSONNode? = nil
    var head: JSONNode? = nil
    var expireAfterDays = InvitationSettings.defaultExpireAfterDays
    /// The day the check runs: an org whose end date has come is inactive.
    var today: CalendarDate?

    /// Why the change is refused (rule, reason), or nil when it is allowed.
    func refusal(_ change: FieldChange, standing: ActorStanding) -> (rule: String, reason: String)? {
        guard let membership else {
            // The reason names who may make this change: an org-level field is the provider's
            // alone (saying its super admins may have sent the author to one who may not).
            guard case .key(let top)? = change.steps.first, ["members", "teams", "apps"].contains(top) else {
                return (standing.rule, "\(change.location) is the provider's: only a provider admin may change it")
            }
            return (standing.rule, "only the org's own super admins (members, teams and apps) and a provider admin may change /\(top)")
        }
        // Amplify: "in a disabled state no user from this organization will be able to connect",
        // nor after the org's end date. An inactive org's own users change nothing of it, not
        // even by pull request; a provider admin enables it (or moves its end date) first.
        if let inactive = inactivity(base) {
            return (
                "policy-org-inactive",
                "this org \(inactive) in the base: its users cannot connect, so they may change nothing of it until a provider admin makes it active"
            )
        }
        if membership.role == .superAdmin, membership.state == .active {
            return superAdmin(change, actor: membership.email)
        }
        if change.steps.first == .key("apps"), membership.state == .active {
            return teamApp(change, actor: membership.email)
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
            case "state" where isAcceptance(c): return expired(c)
            case "acceptedAt" where c.kind == .added: return acceptedAt(c)
            case "invitedAt", "invitedBy", "expiresAt", "email", "state", "acceptedAt":
                // A field that records what happened changes only as a resend writes it.
                let resend = ["invitedAt", "invitedBy", "expiresAt"].contains(field ?? "") && isResend(c, actor: actor)
                return resend ? nil : ("policy-audit", "\(c.location) records what happened; only the verb that did it writes it")
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
        if own, c.steps[2] == .key("state"), isAcceptance(c) { return expired(c) }
        if own, c.steps[2] == .key("acceptedAt"), c.kind == .added { return acceptedAt(c) }
        return (
            "policy-team-member",
            "a team member or invitee may change only their own entry: accept their invitation (state invited -> active, with acceptedAt) and their own first and last name; an active member also the apps of their teams"
        )
    }

    /// An active team member: apps of a team they belong to in the base, created by them.
    func teamApp(_ c: FieldChange, actor: String) -> (rule: String, reason: String)? {
        guard c.steps.count >= 2, case .item = c.steps[1] else {
            return ("policy-team-member", "\(c.location): every app needs its own id, so the change can be judged")
        }
        // The app's team on each side where the app is (both, but for a whole app added or
        // removed): an app that cannot be found there, or has no team, is refused.
        let refused = ("policy-team-member", "a team member may change only the apps of a team they belong to (in the base)")
        let whole = c.steps.count == 2
        var teams: [String] = []
        for (root, present) in [(base, !(whole && c.kind == .added)), (head, !(whole && c.kind == .removed))] where present {
            guard let team = Self.string(entry(root, c), "team") else { return refused }
            teams.append(team)
        }
        guard !teams.isEmpty, teams.allSatisfy({ inBaseTeam(actor, $0) }) else { return refused }
        switch (c.steps.count, c.kind) {
        case (2, .added): return audit(c.head, by: "createdBy", at: "createdAt", actor: actor, verb: "app create")
        case (2, _): return nil
        default:
            guard case .key(let field) = c.steps[2], !["createdBy", "createdAt", "id"].contains(field) else {
                return ("policy-audit", "\(c.location) records what happened")
            }
            return nil
        }
    }

    /// A resend: the entry stays invited and carries what `roster member resend` writes (the
    /// actor, now, and the expiry the base's settings give).
    func isResend(_ c: FieldChange, actor: String) -> Bool {
        guard c.kind == .modified || c.kind == .added, c.steps.count == 3,
            let old = entry(base, c), let new = entry(head, c),
            Self.string(old, "state") == "invited", Self.string(new, "state") == "invited",
            audit(new, by: "invitedBy", at: "invitedAt", actor: actor, verb: "member resend") == nil,
            Self.string(new, "invitedAt") != Self.string(old, "invitedAt")
        else { return false }
        return expiryRefusal(new) == nil
    }

    /// A new or re-sent invitation expires `expireAfterDays` after it was made.
    func expiryRefusal(_ node: JSONNode?) -> (rule: String, reason: String)? {
        guard let at = Self.string(node, "invitedAt"), let wanted = Timestamps.adding(days: expireAfterDays, to: at),
            Self.string(node, "expiresAt") == wanted
        else {
            return (
                "policy-audit",
                "\"expiresAt\" must be invitedAt plus \(expireAfterDays) days (invitations.expireAfterDays), as `roster member invite` writes it"
            )
        }
        return nil
    }

    /// An invitation accepted after it expired is refused: it must be re-sent first. The check
    /// knows the day, not the hour, so an invitation that expires on that day counts as expired
    /// (`roster member activate` refuses it from its expiry on; failing open let a pull request
    /// accept it up to a day later).
    func expired(_ c: FieldChange) -> (rule: String, reason: String)? {
        // One written before invitations expired has no `expiresAt` (it was valid for ever, to
        // whoever held the address years later): ``Timestamps/invitationExpiry(expiresAt:invitedAt:days:)``.
        let invitation = entry(base, c)
        // An expiry that cannot be read is no reason to accept: it failed open, for ever.
        guard
            let expiry = Timestamps.invitationExpiry(
                expiresAt: Self.string(invitation, "expiresAt"), invitedAt: Self.string(invitation, "invitedAt"), days: expireAfterDays),
            let day = Formats.timestamp(expiry)
        else {
            return (
                "invitation-expired",
                "when the invitation expires cannot be read from its expiresAt or invitedAt; a super admin sends a new one first (`roster member resend`)"
            )
        }
        guard day.dayNumber <= auditDays.upperBound - 1 else { return nil }
        return (
            "invitation-expired",
            "the invitation expired at \(expiry) (one that expires on the day of the check counts as expired); a super admin sends a new one first (`roster member resend`)"
        )
    }

    /// `acceptedAt` comes with the acceptance, at the time of the change.
    func acceptedAt(_ c: FieldChange) -> (rule: String, reason: String)? {
        let old = entry(base, c), new = entry(head, c)
        guard Self.string(old, "state") == "invited", Self.string(new, "state") == "active" else {
            return ("policy-audit", "\"acceptedAt\" is written only with the acceptance (state invited -> active), as `roster member activate` does")
        }
        guard case .string(let when)? = c.head?.value, let day = Formats.timestamp(when), auditDays.contains(day.dayNumber) else {
            return ("policy-audit", "\"acceptedAt\" must be the time of the change, as `roster member activate` writes it")
        }
        return nil
    }

    /// The entry of `root` a change is in: in the array `c.steps[0]` names, the element
    /// `c.steps[1]` names, matched as ``FieldChange`` matched it (its e-mail, else its id, byte
    /// for byte). Looking in every array of the org, in the file's key order, an app whose id
    /// is a team's id was found as the team.
    func entry(_ root: JSONNode?, _ c: FieldChange) -> JSONNode? {
        guard c.steps.count >= 2, case .key(let array) = c.steps[0], case .item(let id) = c.steps[1],
            case .array(let items)? = root?.member(array)?.node.value
        else { return nil }
        return items.first { item in
            (Self.string(item, "email") ?? Self.string(item, "id"))?.sameBytes(as: id) ?? false
        }
    }

    /// Whether `email` is in team `team` in the base.
    func inBaseTeam(_ email: String, _ team: String) -> Bool {
        guard case .array(let teams)? = base?.member("teams")?.node.value,
            let t = teams.first(where: { Self.string($0, "id")?.sameBytes(as: team) ?? false }),
            case .array(let members)? = t.member("members")?.node.value
        else { return false }
        return members.contains { if case .string(let s) = $0.value { s.sameBytes(as: email) } else { false } }
    }

    /// `apps` is left out of a file while it is empty: the first app adds the whole list, the
    /// last one removes it. An empty list on the side that lacks it lets each app be judged as
    /// an entry of its own.
    static func withOptionalLists(_ base: JSONNode, _ head: JSONNode) -> (JSONNode, JSONNode) {
        func adding(_ node: JSONNode, from other: JSONNode) -> JSONNode {
            guard case .object(var members) = node.value, node.member("apps") == nil, other.member("apps") != nil else { return node }
            members.append(JSONMember(key: "apps", keyOffset: node.offset, node: JSONNode(.array([]), offset: node.offset)))
            return JSONNode(.object(members), offset: node.offset)
        }
        return (adding(base, from: head), adding(head, from: base))
    }

    static func string(_ node: JSONNode?, _ key: String) -> String? {
        guard case .string(let s)? = node?.member(key)?.node.value else { return nil }
        return s
    }

    /// A new member carries what `roster member invite` writes: invited by the actor, now.
    func newMember(_ c: FieldChange, actor: String) -> (rule: String, reason: String)? {
        guard case .string("invited")? = c.head?.member("state")?.node.value else {
            return ("policy-audit", "a new member starts with \"state\": \"invited\"; they accept the invitation themselves")
        }
        // Only the fields the verb writes: a forged "acceptedAt" passed, and the invitee's plain
        // acceptance later made it the record of when they accepted.
        if case .object(let fields)? = c.head?.value, let other = fields.first(where: { !Self.invitationFields.contains($0.key) }) {
            return ("policy-audit", "a new member carries only what `roster member invite` writes; \"\(other.key)\" is not one of them")
        }
        return audit(c.head, by: "invitedBy", at: "invitedAt", actor: actor, verb: "member invite") ?? expiryRefusal(c.head)
    }

    /// What `roster member invite` writes in a new member's entry.
    static let invitationFields: Set<String> = ["email", "handle", "firstName", "lastName", "role", "state", "invitedAt", "invitedBy", "expiresAt"]

    func audit(_ node: JSONNode?, by: String, at: String, actor: String, verb: String) -> (rule: String, reason: String)? {
        guard case .string(let who)? = node?.member(by)?.node.value, who == actor else {
            return ("policy-audit", "\"\(by)\" must be \(actor), the actor, as `roster \(verb)` writes it")
        }
        guard case .string(let when)? = node?.member(at)?.node.value, let day = Formats.timestamp(when),
            auditDays.contains(day.dayNumber)
        else {
            return ("policy-audit", "\"\(at)\" must be the time of the change, as `roster \(verb)` writes it")
        }
        return nil
    }

    func isAcceptance(_ c: FieldChange) -> Bool {
        c.kind == .modified && c.base?.value == .string("invited") && c.head?.value == .string("active")
    }

    /// Why the org file in the base is inactive (`is disabled`, `ended on 2026-11-01`), or nil
    /// when its users can connect: enabled, and before its end date (`until`) on ``today``.
    func inactivity(_ org: JSONNode?) -> String? {
        if org?.member("status")?.node.value == .string("disabled") { return "is disabled" }
        guard let today, case .string(let until)? = org?.member("until")?.node.value, let end = Formats.date(until), today >= end else { return nil }
        return "ended on \(until)"
    }

    func isDefaultTeam(_ node: JSONNode?) -> Bool {
        node?.member("default")?.node.value == .bool(true)
    }
}
