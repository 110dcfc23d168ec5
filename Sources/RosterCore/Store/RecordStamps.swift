/// What `stat` said of each record file when `roster build` took the stamps of its inputs (to
/// tell whether anything changed since the last build): the load compares these with the saved
/// records (``SavedRecords``) instead of a second `fstatat` of every file, 110,000 of them at
/// 100,000 orgs. A file they do not name is looked at as before.
///
/// Taken a moment before the load, they describe the files as the build's manifest records
/// them: a file changed in between is read by the next build, which sees other stamps.
///
/// The table is the walk's (`roster build` looks it up by path, without making a String of each
/// of the files it stamped: a dictionary of 110,000 paths cost a no-op build 0.13 s).
public struct RecordStamps: Sendable {
    private let lookup: @Sendable (String) -> RecordCache.Stamp?

    /// `lookup`: what `stat` said of the regular file at a path relative to the root, nil for
    /// a path it did not see (or that is not a regular file).
    public init(lookup: @escaping @Sendable (String) -> RecordCache.Stamp?) {
        self.lookup = lookup
    }

    /// Whether `relative` (a folder, relative to the root) holds record files.
    public static func holdsRecords(_ relative: String) -> Bool {
        RecordFolders.paths.contains(relative)
    }

    public func stamp(_ path: String) -> RecordCache.Stamp? {
        lookup(path)
    }
}
