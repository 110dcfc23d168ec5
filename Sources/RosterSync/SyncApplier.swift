import Foundation
import RosterCore

/// Carries out a ``SyncPlan``: users first (so that groups can name them by id), then groups,
/// each phase with at most `concurrency` requests in flight. Every failure is kept with its
/// resource and the server's `detail`; nothing failed goes unreported. Past the transport's
/// deadline no further action is started: those not sent are reported apart.
public struct SyncApplier: Sendable {
    public struct Outcome: Sendable {
        public var applied = 0
        public var failures: [SCIMError] = []
        /// The actions not started because the transport's deadline had passed, in plan order.
        public var notSent: [SyncPlan.Action] = []
    }

    let transport: SCIMTransport
    let usePatch: Bool
    let concurrency: Int

    public init(transport: SCIMTransport, usePatch: Bool, concurrency: Int = 8) {
        self.transport = transport
        self.usePatch = usePatch
        self.concurrency = max(1, concurrency)
    }

    public func apply(_ plan: SyncPlan) async -> Outcome {
        var outcome = Outcome()
        var ids = plan.userIDs
        let userActions = plan.actions.filter { !Self.isGroup($0) }
        for (action, result) in zip(userActions, await run(userActions, { action throws(SCIMError) in try await self.user(action) })) {
            switch result {
            case .success(let created): outcome.applied += 1; if let created { ids[created.email] = created.id }
            case .failure(let error): outcome.failures.append(error)
            case nil: outcome.notSent.append(action)
            }
        }
        let groupActions = plan.actions.filter(Self.isGroup)
        let known = ids
        for (action, result) in zip(groupActions, await run(groupActions, { action throws(SCIMError) in try await self.group(action, ids: known) })) {
            switch result {
            case .success: outcome.applied += 1
            case .failure(let error): outcome.failures.append(error)
            case nil: outcome.notSent.append(action)
            }
        }
        return outcome
    }

    static func isGroup(_ action: SyncPlan.Action) -> Bool {
        switch action {
        case .createGroup, .updateGroup, .deleteGroup: true
        default: false
        }
    }

    /// Runs `work` on every action, `concurrency` at a time, and returns the results in order:
    /// nil for an action not started because the deadline had passed.
    func run<T: Sendable>(_ actions: [SyncPlan.Action], _ work: @escaping @Sendable (SyncPlan.Action) async throws(SCIMError) -> T) async -> [Result<
        T, SCIMError
    >?] {
        var results = [Result<T, SCIMError>?](repeating: nil, count: actions.count)
        let deadline = transport.deadline
        await withTaskGroup(of: (Int, Result<T, SCIMError>).self) { group in
            var next = 0
            func start() {
                // Past the deadline, the rest are not started: `next` stays where it was.
                guard !deadline.hasPassed else {
                    next = actions.count
                    return
                }
                let k = next, action = actions[k]
                next += 1
                group.addTask {
                    do throws(SCIMError) { return (k, .success(try await work(action))) } catch { return (k, .failure(error)) }
                }
            }
            while next < min(concurrency, actions.count) { start() }
            for await (k, result) in group {
                results[k] = result
                if next < actions.count { start() }
            }
        }
        return results
    }

    /// One user action; returns the id of a user it created.
    func user(_ action: SyncPlan.Action) async throws(SCIMError) -> (email: String, id: String)? {
        switch action {
        case .createUser(let u):
            let response = try await transport.send(
                "POST", "Users", body: Data(SyncRequests.createUser(u)), resource: "create user \(u.email)",
                recover: { await self.existing("Users", externalId: u.email) { $0["userType"] as? String == SyncState.ownerMark } })
            guard let id = ((try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any])?["id"] as? String else {
                throw SCIMError(resource: "create user \(u.email)", status: response.status, detail: "the answer carries no id")
            }
            return (u.email, id)
        case .updateUser(let id, let u, _, let attributes):
            try await updateUser(id: id, email: u.email, fields: SyncState.UserFields(u), attributes: attributes)
        case .deactivateOrphan(let id, let email, let from):
            var off = from
            off.active = false
            off.entitlements = []
            try await updateUser(id: id, email: email, fields: off, attributes: from.changedAttributes(to: off))
        case .deleteUser(let id, let email):
            let resource = "delete user \(email)"
            _ = try await transport.send("DELETE", try SCIMPath.resource("Users", id: id, for: resource), resource: resource)
        default:
            break
        }
        return nil
    }

    func updateUser(id: String, email: String, fields: SyncState.UserFields, attributes: [String]) async throws(SCIMError) {
        let verb = attributes == ["active"] && !fields.active ? "deactivate" : "update"
        let resource = "\(verb) user \(email)"
        let path = try SCIMPath.resource("Users", id: id, for: resource)
        if usePatch {
            _ = try await transport.send("PATCH", path, body: Data(SyncRequests.patchUser(fields, attributes: attributes)), resource: resource)
        } else {
            _ = try await transport.send("PUT", path, body: Data(SyncRequests.replaceUser(fields, externalId: email)), resource: resource)
        }
    }

    func group(_ action: SyncPlan.Action, ids: [String: String]) async throws(SCIMError) {
        switch action {
        case .createGroup(let g):
            let body = SyncRequests.group(externalId: g.externalId, displayName: g.displayName, memberIDs: g.members.compactMap { ids[$0] })
            _ = try await transport.send(
                "POST", "Groups", body: Data(body), resource: "create group \(g.externalId)",
                recover: { await self.existing("Groups", externalId: g.externalId) { _ in true } })
        case .updateGroup(let id, let externalId, let name, let members, _, _, let renamed):
            let memberIDs = members.compactMap { ids[$0] }
            let resource = "update group \(externalId)"
            let path = try SCIMPath.resource("Groups", id: id, for: resource)
            if usePatch {
                let body = SyncRequests.patchGroup(displayName: name, renamed: renamed, memberIDs: memberIDs)
                _ = try await transport.send("PATCH", path, body: Data(body), resource: resource)
            } else {
                let body = SyncRequests.group(externalId: externalId, displayName: name, memberIDs: memberIDs)
                _ = try await transport.send("PUT", path, body: Data(body), resource: resource)
            }
        case .deleteGroup(let id, let externalId):
            let resource = "delete group \(externalId)"
            _ = try await transport.send("DELETE", try SCIMPath.resource("Groups", id: id, for: resource), resource: resource)
        default:
            break
        }
    }

    /// The resource of `endpoint` with this external id that `isRoster` says roster made, as the
    /// answer to its creation; nil when there is none or the server cannot say (then the
    /// creation is sent again). Asks the server to filter, and checks each answer itself, in case
    /// a server ignores the filter.
    func existing(_ endpoint: String, externalId: String, isRoster: @Sendable ([String: Any]) -> Bool) async -> SCIMTransport.Response? {
        let query = [URLQueryItem(name: "filter", value: "externalId eq \(SCIMReader.quoted(externalId))")]
        guard let response = try? await transport.send("GET", endpoint, query: query, resource: "\(endpoint) \(externalId)"),
            let list = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any],
            let found = (list["Resources"] as? [[String: Any]] ?? []).first(where: {
                $0["externalId"] as? String == externalId && $0["id"] is String && isRoster($0)
            }),
            let body = try? JSONSerialization.data(withJSONObject: found)
        else { return nil }
        return SCIMTransport.Response(status: 201, body: body)
    }
}
