import Foundation
import RosterCore

/// One `roster sync`: read the service provider, plan, check the removal guard, apply when
/// asked. Returns the exit code of SPEC section 9: 0 nothing to do or applied, 2 a plan with
/// changes and no `--apply`, 1 refused or failed.
public struct SyncRun: Sendable {
    public struct Options: Sendable {
        public var apply = false
        public var prune = false
        public var allowMassRemoval = false
        public var maxRemovalFraction = 0.25
        public var concurrency = 8
        public var timeout = 30.0
        /// Seconds from the start after which no request is sent (``SyncDeadline``).
        public var deadline = 3600.0
        /// The most resources one listing may hold; nil for ``SyncRun/maxListed(for:)``.
        public var maxListing: Int?
        /// The proxy the environment names (`SCIMProxy.from`), if any.
        public var proxy: SCIMProxy?

        public init() {}
    }

    let base: URL
    let token: String
    let options: Options

    public init(base: URL, token: String, options: Options) {
        self.base = base
        self.token = token
        self.options = options
    }

    public func run(_ model: AccessModel, out: @Sendable (String) -> Void, err: @Sendable (String) -> Void) async -> Int32 {
        await SCIMTransport.with(
            base: base, token: token, timeout: options.timeout, concurrency: options.concurrency, proxy: options.proxy,
            deadline: SyncDeadline(seconds: options.deadline)
        ) { transport in
            await run(model, transport, out: out, err: err)
        }
    }

    /// The most resources a listing may hold unless `--max-listing` says: 100,000, or ten times
    /// the users and groups the records hold when that is more. What roster owns on the server is
    /// what the records hold, plus the users and groups they no longer name (deactivated or
    /// emptied, kept unless --prune): ten times leaves room for nine of those per current one,
    /// and the floor for a server that lists others' resources too (one that cannot filter).
    public static func maxListed(for model: AccessModel) -> Int {
        let groups = model.orgs.reduce(0) { $0 + 1 + $1.teams.count }
        return max(100_000, 10 * (model.users.count + groups))
    }

    func run(_ model: AccessModel, _ transport: SCIMTransport, out: (String) -> Void, err: (String) -> Void) async -> Int32 {
        var reader = SCIMReader(transport: transport)
        reader.maxListed = options.maxListing ?? Self.maxListed(for: model)
        let caps: SCIMReader.Capabilities, users: [SyncState.User], groups: [SyncState.Group]
        var others: Int?
        do throws(SCIMError) {
            caps = try await reader.capabilities()
            users = try await reader.users(caps)
            groups = try await reader.groups(caps)
            if caps.filter, let allUsers = try await reader.total("Users"), let allGroups = try await reader.total("Groups") {
                // The filtered reads list roster's own; the totals tell how many others there are.
                others = allUsers - users.filter(\.isOwned).count + allGroups - groups.filter(\.isOwned).count
            }
        } catch {
            err(
                "roster sync: cannot read the service provider: \(TerminalText.escape(error.description))\(error.status == 401 || error.status == 403 ? " (is the token right?)" : "")"
            )
            return 1
        }
        var plan = SyncPlan(model: model, users: users, groups: groups, prune: options.prune)
        if let others { plan.othersLeftAlone = max(0, others) }
        out(plan.summary)
        for line in plan.lines { out(line) }
        if plan.othersLeftAlone > 0 {
            out("(\(Plural.count(plan.othersLeftAlone, "resource")) on the server not created by roster: left alone)")
        }
        let removals = plan.removalsOverGuard(options.maxRemovalFraction)
        if !removals.isEmpty && !options.allowMassRemoval {
            err(
                "roster sync: refused: of what roster owns on the server, the plan \(removals.joined(separator: ", and ")): more than guards.maxRemovalFraction (\(options.maxRemovalFraction)) of them; check the records, then run again with --allow-mass-removal if this is intended. Nothing was changed."
            )
            return 1
        }
        if plan.isEmpty {
            out("No changes: the service provider mirrors the records.")
            return 0
        }
        guard options.apply else {
            out("Run with --apply to make these changes.")
            return 2
        }
        let outcome = await SyncApplier(transport: transport, usePatch: caps.patch, concurrency: options.concurrency).apply(plan)
        // A failure carries the server's own words: escaped like record text.
        for failure in outcome.failures { err("failed: \(TerminalText.escape(failure.description))") }
        // The plan's own lines, escaped as they were when printed above.
        for action in outcome.notSent { err("not sent: \(SyncPlan.line(action))") }
        if !outcome.notSent.isEmpty {
            err(
                "roster sync: stopped: \(transport.deadline.name) passed; \(outcome.notSent.count) of \(plan.actions.count) changes not sent, \(outcome.failures.count) failed (listed above); \(outcome.applied) applied. Run again to apply the rest."
            )
            return 1
        }
        if outcome.failures.isEmpty {
            out(
                "Applied \(Plural.count(outcome.applied, "change"))\(caps.patch ? "" : " (with PUT: the server does not support PATCH)")."
            )
            return 0
        }
        err(
            "roster sync: \(outcome.failures.count) of \(plan.actions.count) changes failed (listed above); \(outcome.applied) applied. Run again to retry the rest."
        )
        return 1
    }
}
