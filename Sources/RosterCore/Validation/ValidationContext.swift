/// The snapshot with what several rules read of it.
/// A class, not a struct: each per-org rule is called through a function value, and a struct
/// this large (the snapshot's tables) was copied for each of the 28 rules of every org, a
/// reference count for each of its tables.
public final class ValidationContext: Sendable {
    public let snapshot: Snapshot
    public let options: ValidationOptions
    public let settings: MarketplaceSettings

    public init(snapshot: Snapshot, options: ValidationOptions) {
        self.snapshot = snapshot
        self.options = options
        settings = snapshot.settings
    }

    /// Org ids that exist, readable or not. Made by the one rule that reads them, on its core
    /// beside the other rules: made here, the set of 100,000 ids held up every rule for 20 ms.
    /// An org is known by its id and by its file name, so an id that differs from the file
    /// name is reported once (id-filename), not again by every share that names the file.
    /// One set, filled in place: an id equal to its file name (nearly all) is put in once.
    func knownOrgIDs() -> Set<String> {
        var known = snapshot.unreadableOrgIDs
        known.reserveCapacity(snapshot.orgs.count + known.count)
        for org in snapshot.orgs {
            known.insert(org.record.id)
            // The file name is made into a string only when it is not the id (bytes compared).
            if !RecordStore.isStem(org.record.id, of: org.path) { known.insert(RecordStore.fileStem(org.path)) }
        }
        return known
    }
}
