/// What `stat` said of each record file when `roster build` took the stamps of its inputs (to
/// tell whether anything changed since the last build): the load compares these with the saved
/// records (``SavedRecords``) instead of a second `fstatat` of every file, 110,000 of them at
/// 100,000 orgs. A file they do not name is looked at as before.
///
/// Taken a moment before the load, they describe the files as the build's manifest records
/// them: a file changed in between is read by the next build, which sees other stamps.
///
/// The walk keeps what it met as it met it; the table to look paths up in is made only when a
/// load compares files with saved records (``table()``): a no-op build, or one with nothing
/// saved, does not pay for it (a table of 110,000 paths, made on the walk, cost a no-op at
/// 100,000 orgs 80 ms of CPU).
public struct RecordStamps: Sendable {
    public typealias Lookup = @Sendable (String) -> RecordCache.Stamp?
    private let make: @Sendable () -> Lookup

    /// `make`: the lookup of what `stat` said of the regular file at a path relative to the
    /// root, nil for a path it did not see (or that is not a regular file).
    public init(make: @escaping @Sendable () -> Lookup) {
        self.make = make
    }

    /// Whether `relative` (a folder, relative to the root) holds record files.
    public static func holdsRecords(_ relative: String) -> Bool {
        RecordFolders.paths.contains(relative)
    }

    /// The lookup, made now.
    public func table() -> Lookup {
        make()
    }
}
