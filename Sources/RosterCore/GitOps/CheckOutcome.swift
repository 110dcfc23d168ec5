import Dispatch

/// What `roster check` found: validation of the head, guards against the base, and policy for
/// the actor (or the fact that policy was not checked), ready to print in each format.
public struct CheckOutcome: Sendable {
    public let comparison: Comparison
    /// Nil when no actor was given: policy was not checked, and every output says so.
    public let standing: ActorStanding?
    /// Located, in report order.
    public let findings: [Finding]
    public let filesChecked: Int
    /// The day ages and access are measured on.
    public let day: CalendarDate

    public var errors: [Finding] { findings.filter { $0.severity == .error } }
    public var allowed: Bool { errors.isEmpty }
    public var verdict: String { allowed ? "allowed" : "refused" }

    /// Validates the head (the working tree under `root`), then applies guards and policy.
    public static func run(
        root: String, base: String, actor: Actor?, allowMassRemoval: Bool,
        options: ValidationOptions
    ) throws(GitReader.Failure) -> CheckOutcome {
        // git's work (mostly waiting on processes) runs beside the load and validation.
        let (loaded, (snapshot, validated)) = concurrently {
            Result { () throws(GitReader.Failure) in try Comparison.load(root: root, base: base, head: nil) }
        } _: {
            let snapshot = RecordStore.load(root: root)
            return (snapshot, Validator.validate(snapshot, options: options))
        }
        var findings = validated
        let comparison = try loaded.get()
        let check = PullRequestCheck(comparison: comparison, allowMassRemoval: allowMassRemoval)
        findings += try check.guards()
        var standing: ActorStanding?
        if let actor {
            let policy = check.policy(actor: actor, head: snapshot, today: options.today)
            standing = policy.standing
            findings += policy.findings
        }
        return CheckOutcome(
            comparison: comparison, standing: standing, findings: findings.sorted(by: Finding.reportOrder),
            filesChecked: snapshot.sources.count, day: options.today)
    }

    /// Standard output in `format` before the verdict line: the one JSON object (which holds the
    /// verdict itself), or every finding and the count. The text formats end with ``verdictLine``.
    public func findingsReport(format: FindingReport.Format, color: Bool = false) -> String {
        format == .json ? json() : FindingReport.render(findings, format: format, color: color, filesChecked: filesChecked)
    }

    /// "policy checked for @octo (super admin of acme)", or why it was not.
    public var policyLine: String {
        guard let standing else {
            return "policy NOT checked: no --actor was given, so any author's change passes; CI must pass --actor @AUTHOR"
        }
        return "policy checked for \(standing.actor) (\(standing.role))"
    }

    /// The last line of the text output. Changed paths are counted beside record changes: a
    /// file outside `data/`, or a field no event describes, makes no record change.
    public var verdictLine: String {
        let n = comparison.events.count, p = comparison.tree.count
        return TerminalText.escape(
            "check: \(verdict) (\(Plural.count(n, "change")) to records, \(Plural.count(p, "changed path")) against \(comparison.baseLabel); \(policyLine))"
        )
    }

    /// The pull-request comment: the semantic diff, then the verdict and every error.
    public func markdown() throws(GitReader.Failure) -> String {
        let changed = Set(comparison.paths)
        let access = try AccessImpact.between(comparison, on: day).markdown(day: day)
        var text = DiffReport.render(
            comparison, format: .markdown, warnings: findings.filter { $0.severity == .warning && changed.contains($0.path) },
            access: access)
        if !comparison.tree.isEmpty {
            // Every path and field, so what the policy allowed is what the reviewer sees.
            text += "\n### Changed paths (\(comparison.tree.count))\n\n"
            text += ChangedPath.list(comparison, limit: 50).map { $0.markdown + "\n" }.joined()
            if comparison.tree.count > 50 { text += "- … and \(comparison.tree.count - 50) more paths\n" }
        }
        text += "\n### Check: \(verdict)\n\n"
        if let standing {
            text += "Policy checked for \(MarkdownText.inline(standing.actor.description)) (\(MarkdownText.inline(standing.role))).\n\n"
        } else {
            text += "**Policy was not checked**: no `--actor` was given.\n\n"
        }
        if allowed {
            text += "Validation, guards\(standing == nil ? "" : " and policy") pass.\n"
        } else {
            for e in errors.prefix(50) {
                text +=
                    "- \(MarkdownText.code("\(e.path):\(e.line):\(e.column)")) \(MarkdownText.inline(e.message)) [\(MarkdownText.inline(e.rule))]\n"
            }
            if errors.count > 50 { text += "- … and \(errors.count - 50) more (see the check's log)\n" }
        }
        return text
    }

    /// `{ verdict, base, policy: { checked, actor, role }, changes, findings }`.
    public func json() -> String {
        func str(_ s: String) -> JSONNode { JSONNode(.string(s)) }
        var policy = [JSONMember(key: "checked", node: JSONNode(.bool(standing != nil)))]
        if let standing {
            policy.append(JSONMember(key: "actor", node: str(standing.actor.description)))
            policy.append(JSONMember(key: "role", node: str(standing.role)))
        }
        let findingsNode = JSONParser.parse(Array(FindingReport.json(findings).utf8)).root ?? JSONNode(.array([]))
        return JSONWriter.canonical(
            JSONNode(
                .object([
                    JSONMember(key: "verdict", node: str(verdict)),
                    JSONMember(key: "base", node: str(comparison.baseCommit)),
                    JSONMember(key: "policy", node: JSONNode(.object(policy))),
                    JSONMember(key: "changes", node: JSONNode(.number(String(comparison.events.count)))),
                    JSONMember(key: "findings", node: findingsNode),
                ])))
    }
}
