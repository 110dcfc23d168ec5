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

    /// How many places there are: one for each org, or for each id when ids repeat.
    var count: Int { values.count }

    /// The place of an org's values (the same in every table of ``PortalModel``, which share
    /// one index): a share's key reads what each of its consumers shows with one lookup.
    func place(of id: String) -> Int? {
        index[id]
    }

    /// The place of the values of the org at `position` among the snapshot's orgs, whose id is
    /// `id`: its position, with no lookup, when no two orgs share an id (each org's values are
    /// then at its position; at 100,000 orgs, a look-up of an id missed the cache each time),
    /// else the place of the last org with that id, as ``subscript(id:)`` finds it.
    func place(position: Int, id: String) -> Int? {
        index.count == values.count ? position : index[id]
    }

    /// Lent, not copied: the name of an org read by every share it consumes, copied on both
    /// cores, was a reference count both bumped (50 ms of the share keys at 100,000 orgs).
    subscript(place place: Int) -> Value {
        _read { yield values[place] }
    }
}
