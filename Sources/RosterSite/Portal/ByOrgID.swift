import Dispatch
import RosterCore

/// A value of every org, found by the org's id: the per-org values share one table of ids
/// (a dictionary each, for 100,000 orgs, held 20 MB more).
public struct ByOrgID<Value: Sendable>: Sendable {
    let index: [String: Int]
    let values: [Value]

    public subscript(id: String) -> Value? {
        index[id].map { values[$0] }
    }
}
