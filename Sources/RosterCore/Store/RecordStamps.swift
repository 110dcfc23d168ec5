#if canImport(Glibc)
    import Glibc
#endif

/// What `stat` said of each record file when `roster build` took the stamps of its inputs (to
/// tell whether anything changed since the last build): the load compares these with the saved
/// records (``SavedRecords``) instead of a second `fstatat` of every file, 110,000 of them at
/// 100,000 orgs. A file they do not name is looked at as before.
///
/// Taken a moment before the load, they describe the files as the build's manifest records
/// them: a file changed in between is read by the next build, which sees other stamps.
public struct RecordStamps: Sendable {
    private var stamps: [String: RecordCache.Stamp] = [:]

    public init() {}

    /// Whether `relative` (a folder, relative to the root) holds record files.
    public static func holdsRecords(_ relative: String) -> Bool {
        RecordFolders.paths.contains(relative)
    }

    /// Adds what `stat` (not following a link) said of the file `path` (relative to the root);
    /// anything but a regular file is left out, to be looked at by the load itself.
    public mutating func add(_ path: String, _ info: stat) {
        guard (info.st_mode & S_IFMT) == S_IFREG else { return }
        stamps[path] = RecordCache.Stamp(info)
    }

    public mutating func merge(_ other: RecordStamps) {
        if stamps.isEmpty { return stamps = other.stamps }
        stamps.merge(other.stamps) { a, _ in a }
    }

    public var count: Int { stamps.count }

    func stamp(_ path: String) -> RecordCache.Stamp? {
        stamps[path]
    }
}
