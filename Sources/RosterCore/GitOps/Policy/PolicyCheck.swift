/// The pull-request policy (content/gitops-workflow.md), default deny: every path changed between the base and the head
/// (the whole tree, any kind of file) and, inside org files, every changed JSON field must be
/// allowed for the actor's role in the base. One finding per refused path or field, located
/// at the changed field in the head file.
public struct PolicyCheck: Sendable {
    public let standing: ActorStanding
    let changes: [TreeChange]
    let base: RevisionState
    let head: RevisionState
    let settings: MarketplaceSettings
    let auditDays: ClosedRange<Int>
    /// The day of the check: an org whose end date has come is inactive.
    let today: CalendarDate

    /// Reads what the policy needs: the whole tree's changes and the actor's standing in the base.
    public init(comparison c: Comparison, head snapshot: Snapshot, actor: Actor, today: CalendarDate) {
        settings = c.base.settings ?? MarketplaceSettings(providerName: "")
        standing = ActorStanding(actor, comparison: c, head: snapshot)
        changes = c.tree
        base = c.base
        head = c.head
        self.today = today
        // From where the branch left the base, but no earlier than an invitation stays fresh:
        // the branch point is the author's choice (any old commit of main would do).
        let branched = c.reader.branchDay(base: c.baseCommit)?.dayNumber ?? today.dayNumber
        let start = min(max(branched, today.dayNumber - HygieneRules.staleInvitationDays), today.dayNumber)
        auditDays = (start - 1)...(today.dayNumber + 1)
    }

    /// Every refusal; empty when the actor may make every change.
    public func findings() -> [Finding] {
        guard !standing.isProviderAdmin else { return [] }
        var out: [Finding] = []
        var newOrgs = 0
        for change in changes {
            if change.involvesLink {
                out.append(refusal(change.path, "policy-symlink", "a symbolic link or submodule; only regular files may change"))
            } else if let orgID = Self.orgID(change.path), change.headMode.map({ $0 == TreeChange.regularFile }) ?? true,
                change.baseMode.map({ $0 == TreeChange.regularFile }) ?? true
            {
                switch (base.sources[change.path], head.sources[change.path]) {
                case (let old?, let new?): out += fields(change.path, orgID, old, new)
                case (nil, let new?):
                    newOrgs += 1
                    out += newOrg(change.path, orgID, new, first: newOrgs == 1)
                default:
                    out.append(refusal(change.path, standing.rule, "deletes an org; only a provider admin may (`roster org delete`)"))
                }
            } else {
                out.append(refusal(change.path, standing.rule, "only a provider admin may change this file"))
            }
        }
        return out
    }

    /// `data/orgs/<id>.json` (not deeper, not another extension): the id, else nil.
    static func orgID(_ path: String) -> String? {
        let prefix = Snapshot.orgsDirectory + "/"
        guard path.hasPrefix(prefix), path.hasSuffix(".json") else { return nil }
        let id = String(path.dropFirst(prefix.count).dropLast(5))
        return Formats.isValidID(id) ? id : nil
    }

    func fields(_ path: String, _ orgID: String, _ old: [UInt8], _ new: [UInt8]) -> [Finding] {
        guard let parsedBase = JSONParser.parse(old).root, let parsedHead = JSONParser.parse(new).root else {
            return [refusal(path, standing.rule, "the file is not valid JSON on both sides, so its changes cannot be judged")]
        }
        let (a, b) = OrgFilePolicy.withOptionalLists(parsedBase, parsedHead)
        var policy = OrgFilePolicy(membership: standing.memberships[orgID], auditDays: auditDays)
        (policy.base, policy.head) = (a, b)
        policy.expireAfterDays = settings.invitations.effectiveExpireAfterDays
        policy.today = today
        let text = SourceText(bytes: new)
        let changes = FieldChange.between(a, b)
        // The bytes differ and no field does (white space, key order, escapes): no row of the
        // table allows that, and a newcomer rewrote any org's file so (20 MB of spaces too).
        if changes.isEmpty, old != new {
            let (line, column) = text.position(of: Self.firstDifference(new, old))
            return [
                Finding(
                    path: path, pointer: nil, line: line, column: column, rule: standing.rule,
                    message:
                        "\(who) may not change this path: its bytes change but none of its fields (white space, key order or escapes); only a provider admin may reformat a record (`roster fmt`)"
                )
            ]
        }
        return changes.compactMap { change in
            guard let (rule, reason) = policy.refusal(change, standing: standing) else { return nil }
            let (line, column) = text.position(of: change.headOffset)
            return Finding(
                path: path, pointer: nil, line: line, column: column, rule: rule,
                message: "\(who) may not change \(change.location) (\(change.kind.rawValue)): \(reason)")
        }
    }

    /// A newcomer may add one org: exactly what `roster org register` writes for them, under
    /// the id its file is named after (the file's own "id" was taken as it was, so the policy
    /// allowed `newco.json` claiming an existing org's id, and only validation refused it).
    func newOrg(_ path: String, _ orgID: String, _ bytes: [UInt8], first: Bool) -> [Finding] {
        guard standing.memberships.isEmpty, first else {
            return [refusal(path, standing.rule, "creates an org; only a provider admin may, or a newcomer their one registration")]
        }
        guard settings.registration.enabled else {
            return [refusal(path, "policy-newcomer", "registration is disabled in the base's \(Snapshot.marketplacePath)")]
        }
        // The history of a file is the history of its path: under a deleted org's id, the new
        // org's page would list that org's commits as its own.
        guard base.sources[Tombstone.path(for: orgID)] == nil else {
            return [
                refusal(
                    path, "policy-newcomer",
                    "the org \(Quote.bare(orgID)) was deleted (\(Tombstone.path(for: orgID))) and its id stays with its history; register under another id (`roster org register NAME --id ID`)"
                )
            ]
        }
        guard let org = head.orgs[path], let requester = org.members.first, let root = JSONParser.parse(bytes).root else {
            return [refusal(path, "policy-newcomer", "the new org file cannot be read as a registration")]
        }
        var email = requester.email, handle: String?
        switch standing.actor {
        case .email(let e): email = e
        case .handle(let h): handle = h
        }
        // A handle says nothing of the address its registration gives: not a provider admin's
        // (the portal, the e-mails and the SCIM export would show that admin as the requester).
        if settings.admins.contains(where: { $0.lowercased() == email.lowercased() }) {
            let (line, column) = SourceText(bytes: bytes).position(of: root.offset(of: "/members/0/email"))
            return [
                Finding(
                    path: path, pointer: nil, line: line, column: column, rule: "policy-newcomer",
                    message: "\(who) may not register with \(Quote.bare(email)), a provider admin's address; only that admin may use it")
            ]
        }
        let expected = OrgRecord.registered(
            id: orgID, name: org.name, email: email, first: requester.firstName, last: requester.lastName,
            handle: handle, at: org.createdAt, autoApprove: settings.registration.autoApprove)
        let text = SourceText(bytes: bytes)
        if let difference = FieldChange.between(RecordEncoder.encode(expected), root).first {
            let (line, column) = text.position(of: difference.headOffset)
            return [
                Finding(
                    path: path, pointer: nil, line: line, column: column, rule: "policy-newcomer",
                    message:
                        "\(who) may add only the org `roster org register` writes for them under the base's settings; \(difference.location) differs (\(difference.kind.rawValue))"
                )
            ]
        }
        guard let day = Formats.timestamp(org.createdAt), auditDays.contains(day.dayNumber) else {
            let (line, column) = text.position(of: root.member("createdAt")?.node.offset ?? 0)
            return [
                Finding(
                    path: path, pointer: nil, line: line, column: column, rule: "policy-audit",
                    message:
                        "\(who) may not change /createdAt (added): \"createdAt\" must be the time of the registration, as `roster org register` writes it"
                )
            ]
        }
        // Byte for byte, not field by field: a registration that padded the same fields with
        // megabytes of white space (which no summary shows the reviewer) was allowed.
        let canonical = RecordEncoder.canonicalBytes(expected)
        guard bytes != canonical else { return [] }
        let (line, column) = text.position(of: Self.firstDifference(bytes, canonical))
        return [
            Finding(
                path: path, pointer: nil, line: line, column: column, rule: "policy-newcomer",
                message:
                    "\(who) may add only the bytes `roster org register` writes for them; white space, key order or escapes differ from here (`roster fmt` writes them)"
            )
        ]
    }

    /// The offset of the first byte where `a` and `b` differ (the shorter one's length when
    /// one is the start of the other).
    static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> Int {
        let common = min(a.count, b.count)
        return (0..<common).first { a[$0] != b[$0] } ?? common
    }

    var who: String { "\(standing.actor) (\(standing.role))" }

    func refusal(_ path: String, _ rule: String, _ reason: String) -> Finding {
        Finding(path: path, pointer: nil, line: 1, column: 1, rule: rule, message: "\(who) may not change this path: \(reason)")
    }
}
