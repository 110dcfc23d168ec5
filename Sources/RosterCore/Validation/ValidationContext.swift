/// The snapshot with the indexes several rules need, computed once.
public struct ValidationContext: Sendable {
    public let snapshot: Snapshot
    public let options: ValidationOptions
    public let settings: MarketplaceSettings
    /// Org ids that exist, readable or not.
    public let knownOrgIDs: Set<String>

    public init(snapshot: Snapshot, options: ValidationOptions) {
        self.snapshot = snapshot
        self.options = options
        settings = snapshot.settings
        // An org is known by its id and by its file name, so an id that differs from the file
        // name is reported once (id-filename), not again by every share that names the file.
        // One set, filled in place: an id equal to its file name (nearly all) is put in once.
        var known = snapshot.unreadableOrgIDs
        known.reserveCapacity(snapshot.orgs.count + known.count)
        for org in snapshot.orgs {
            known.insert(org.record.id)
            // The file name is made into a string only when it is not the id (bytes compared).
            if !RecordStore.isStem(org.record.id, of: org.path) { known.insert(RecordStore.fileStem(org.path)) }
        }
        knownOrgIDs = known
    }
}
