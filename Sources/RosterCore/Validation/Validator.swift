/// Runs every rule over a snapshot and returns the findings, located and sorted.
public enum Validator {
    /// Every semantic rule, in the order of content/record-format.md. Loader rules (syntax, types,
    /// unknown fields) are listed in ``loaderRules``; their findings come with the snapshot.
    public static let rules: [Rule] =
        IdentityRules.all + HandleRules.all + ReferenceRules.all + InvariantRules.all
        + HygieneRules.all + SettingsRules.all + LifecycleRules.all + AppRules.all

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
        var perOrg: [@Sendable (OrgFile, ValidationContext) -> [Finding]] = []
        var whole: [@Sendable (ValidationContext) -> [Finding]] = []
        var userSingleOrgIndex = -1
        for rule in rules {
            switch rule.check {
            case .eachOrg(let f): perOrg.append(f)
            case .whole(let f):
                if rule.id == InvariantRules.userSingleOrgID { userSingleOrgIndex = whole.count }
                whole.append(f)
            }
        }
        memo?.prepare(
            settings: snapshot.sources[Snapshot.marketplacePath], shares: memo.map { _ in ValidationMemo.sharesKey(snapshot) } ?? 0,
            today: options.today)
        // Per-org rules run org by org (all rules on one org while it is in cache), orgs spread
        // over the cores. Whole-snapshot rules then run one after the other: running them beside
        // the org chunks would have two cores bump the reference counts of the same strings.
        // A file with load errors (a dropped member, a field of the wrong type) is checked for
        // structure only: its per-org rules would mostly repeat the load error in other words.
        let orgRules = perOrg
        let structurallyBroken = Set(snapshot.loadFindings.filter { $0.severity == .error }.map(\.path))
        let orgFindings = parallelMap(Array(snapshot.orgs.indices), chunkSize: 256) { i -> (findings: [Finding], remembered: Bool) in
            let org = context.snapshot.orgs[i]
            var out: [Finding] = []
            if structurallyBroken.contains(org.path) || orgPaths.map({ !$0.contains(org.path) }) == true { return (out, false) }
            if let known = memo?.findings(org.path, bytes: context.snapshot.sources[org.path]) { return (known, true) }
            for rule in orgRules { out += rule(org, context) }
            return (out, false)
        }
        // The rules across records in two groups, one per core: the member index of
        // user-single-org is the largest piece of work, the rest together about as much.
        let wholeRules = whole, heaviest = userSingleOrgIndex
        let wholeFindings = parallelMap([0, 1], chunkSize: 1) { half in
            wholeRules.indices.filter { ($0 == heaviest) == (half == 0) }.flatMap { wholeRules[$0](context) }
        }
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
