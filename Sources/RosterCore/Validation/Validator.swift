/// Runs every rule over a snapshot and returns the findings, located and sorted.
public enum Validator {
    /// Every semantic rule, in the order of content/record-format.md. Loader rules (syntax, types,
    /// unknown fields) are listed in ``loaderRules``; their findings come with the snapshot.
    public static let rules: [Rule] =
        IdentityRules.all + HandleRules.all + ReferenceRules.all + InvariantRules.all
        + HygieneRules.all + SettingsRules.all + LifecycleRules.all + AppRules.all

    /// The per-org rules of ``rules``, in order, run on one org and its bytes, their findings
    /// placed in those bytes (see ``RecordStore/load(root:cache:keepSources:fingerprints:validating:)``).
    static func orgCheck(_ context: ValidationContext) -> RecordStore.OrgCheck {
        return { org, bytes in
            let out = checkOrg(org, context)
            return out.isEmpty ? out : FindingLocator.resolve(out, in: bytes, of: org.path)
        }
    }

    /// The findings of every per-org rule of ``rules`` (or of `rules`) on `org`, in order.
    static func checkOrg(
        _ org: OrgFile, _ context: ValidationContext,
        rules: [(id: String, check: @Sendable (OrgFile, ValidationContext, inout RuleReport) -> Void)] = perOrgRules
    ) -> [Finding] {
        var out: [Finding] = []
        for rule in rules {
            var report = RuleReport(rule: rule.id, errorsOnly: context.options.errorsOnly)
            rule.check(org, context, &report)
            // Most rules find nothing; appending no findings still made a new array each time.
            if !report.findings.isEmpty { out += report.findings }
        }
        return out
    }

    /// The per-org rules of ``rules`` and the per-org parts of its split rules, in order, each
    /// with its id.
    static let perOrgRules: [(id: String, check: @Sendable (OrgFile, ValidationContext, inout RuleReport) -> Void)] = rules.compactMap { rule in
        switch rule.check {
        case .eachOrg(let f), .split(let f, _): (rule.id, f)
        case .whole: nil
        }
    }

    /// The per-org parts of the split rules of ``rules``: each checks a value on its own (the
    /// form of an id, a handle, a date), so they run on an org with load errors too.
    static let splitOrgParts: [(id: String, check: @Sendable (OrgFile, ValidationContext, inout RuleReport) -> Void)] = rules.compactMap { rule in
        if case .split(let f, _) = rule.check { return (rule.id, f) }
        return nil
    }

    /// The rules across records of ``rules`` and the other parts of its split rules, in order,
    /// each with its id.
    static let wholeRules: [(id: String, check: @Sendable (ValidationContext, inout RuleReport) -> Void)] = rules.compactMap { rule in
        switch rule.check {
        case .whole(let f), .split(_, let f): (rule.id, f)
        case .eachOrg: nil
        }
    }

    /// Rule ids the loader reports while reading files.
    public static let loaderRules: [(id: String, summary: String)] = LoaderRule.allCases.map { ($0.id, $0.summary) }

    /// Validates everything; with `orgPaths`, per-org rules run only on those orgs (a change
    /// checks the orgs it touched, and the rules that span records in full). With a `memo`
    /// (the preview), orgs whose files did not change keep their earlier findings. With
    /// `options.errorsOnly` (an export, which refuses errors and ignores warnings), warnings are
    /// never made, nor placed (which would read and parse their files again).
    public static func validate(
        _ snapshot: Snapshot, options: ValidationOptions = .init(), orgPaths: Set<String>? = nil,
        memo: ValidationMemo? = nil
    ) -> [Finding] {
        let context = ValidationContext(snapshot: snapshot, options: options)
        // Findings without their warnings must not be remembered for a later full validation.
        let memo = options.errorsOnly ? nil : memo
        memo?.prepare(
            settings: snapshot.sources[Snapshot.marketplacePath], shares: memo.map { _ in ValidationMemo.sharesKey(snapshot) } ?? 0,
            today: options.today)
        // Per-org rules run org by org (all rules on one org while it is in cache), orgs spread
        // over the cores. Whole-snapshot rules then run one after the other: running them beside
        // the org chunks would have two cores bump the reference counts of the same strings.
        // A file with load errors (a dropped member, a field of the wrong type) is checked for
        // structure only: its per-org rules would mostly repeat the load error in other words.
        // The per-org parts of split rules still check its values' own form (an id such as
        // `../../x` is reported as id-format, whatever else is wrong with the file).
        let structurallyBroken = Set(snapshot.loadFindings.filter { $0.severity == .error }.map(\.path))
        // After a load that validated as it read (same options, every org), the per-org findings
        // are there already, placed.
        let checked = snapshot.checked.flatMap { c in
            c.options == options && c.findings.count == snapshot.orgs.count && memo == nil && orgPaths == nil ? c.findings : nil
        }
        let orgFindings = parallelMap(Array(snapshot.orgs.indices), chunkSize: 256) { i -> (findings: [Finding], remembered: Bool) in
            let org = context.snapshot.orgs[i]
            if orgPaths.map({ !$0.contains(org.path) }) == true { return ([], false) }
            if !structurallyBroken.isEmpty && structurallyBroken.contains(org.path) { return (checkOrg(org, context, rules: splitOrgParts), false) }
            if let known = checked?[i] { return (known, false) }
            if let known = memo?.findings(org.path, bytes: context.snapshot.sources[org.path]) { return (known, true) }
            return (checkOrg(org, context), false)
        }
        // The rules across records, each a job for whichever core is free, the heaviest (the
        // member index of user-single-org) first: in two fixed groups, the group of the many
        // smaller rules ran on alone for a quarter of a second at 100,000 orgs.
        let heaviest = wholeRules.firstIndex { $0.id == InvariantRules.userSingleOrgID }
        let order = wholeRules.indices.sorted { ($0 == heaviest ? 0 : 1, $0) < ($1 == heaviest ? 0 : 1, $1) }
        let ran = parallelMap(order, chunkSize: 1) { k in
            var report = RuleReport(rule: wholeRules[k].id, errorsOnly: options.errorsOnly)
            wholeRules[k].check(context, &report)
            return report.findings
        }
        var wholeFindings = [[Finding]](repeating: [], count: wholeRules.count)
        for (k, findings) in zip(order, ran) { wholeFindings[k] = findings }
        guard let memo else {
            var all = snapshot.loadFindings + orgFindings.flatMap(\.findings) + wholeFindings.flatMap { $0 }
            if options.errorsOnly { all.removeAll { $0.severity != .error } }
            return FindingLocator.locate(all) { snapshot.source($0) }
        }
        // The new per-org findings are located on their own, to be remembered by file.
        let fresh = FindingLocator.resolve(orgFindings.filter { !$0.remembered }.flatMap(\.findings), sources: snapshot.sources)
        var freshByPath: [String: [Finding]] = [:]
        for f in fresh { freshByPath[f.path, default: []].append(f) }
        var remember: [(path: String, bytes: [UInt8], findings: [Finding])] = []
        for (org, result) in zip(snapshot.orgs, orgFindings) where !result.remembered && !structurallyBroken.contains(org.path) {
            guard orgPaths?.contains(org.path) ?? true, let bytes = snapshot.sources[org.path] else { continue }
            remember.append((org.path, bytes, freshByPath[org.path] ?? []))
        }
        memo.store(remember, keep: Set(snapshot.orgs.map(\.path)))
        let all = snapshot.loadFindings + orgFindings.filter(\.remembered).flatMap(\.findings) + fresh + wholeFindings.flatMap { $0 }
        return FindingLocator.locate(all, sources: snapshot.sources)
    }
}
