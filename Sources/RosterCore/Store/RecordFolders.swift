#if canImport(Glibc)
    import Glibc
#endif

/// The folders that hold record files (`data/`, `data/orgs/`, `data/shares/`), each opened once
/// without following a symbolic link; files are listed and read relative to them, so a linked
/// folder is never read through, and a link swapped in after the scan is refused all the same.
/// Descriptors are shared by the loading threads (`openat` on one folder is thread-safe).
struct RecordFolders: Sendable {
    private let folders: [String: Result<Int32, FileAccess.ReadError>]

    static let paths = ["data", Snapshot.orgsDirectory, Snapshot.sharesDirectory]

    init(root: String) {
        var folders: [String: Result<Int32, FileAccess.ReadError>] = [:]
        for path in Self.paths { folders[path] = FileAccess.openFolder(root: root, path) }
        self.folders = folders
    }

    /// Names and kinds of the entries of one of the folders, sorted by name; nil when it is
    /// missing or a link.
    func entries(in folder: String) -> [(name: String, kind: FileAccess.EntryKind)]? {
        guard case .success(let fd)? = folders[folder] else { return nil }
        return FileAccess.entries(in: fd)
    }

    /// The folder of `path` (as opened, nil for a path in no record folder) and where the
    /// file's name starts, found on the bytes: a search of the path's Characters for the last
    /// `/`, and a drop of the folder's, cost a walk of its graphemes for each of 110,000 files.
    private func place(_ path: String) -> (opened: Result<Int32, FileAccess.ReadError>?, name: String.Index) {
        guard let slash = path.utf8.lastIndex(of: 0x2F) else { return (nil, path.startIndex) }
        return (folders[String(path[..<slash])], path.utf8.index(after: slash))
    }

    /// The bytes of the record file `path` (`data/orgs/acme.json`).
    func read(_ path: String) -> Result<(bytes: [UInt8], stamp: RecordCache.Stamp), FileAccess.ReadError> {
        let (opened, name) = place(path)
        guard let opened else { return .failure(.system("not a record folder")) }
        switch opened {
        case .success(let fd): return FileAccess.readStamped(in: fd, String(path[name...]))
        case .failure(let reason): return .failure(reason)
        }
    }

    /// What `stat` says of the record file `path` now, without opening it or following a link
    /// (or what it said when `known` was taken, if `known` names it); nil unless it is a regular
    /// file in a record folder that is not a link.
    func stamp(_ path: String, known: RecordStamps.Lookup? = nil) -> RecordCache.Stamp? {
        let (opened, name) = place(path)
        guard case .success(let fd)? = opened else { return nil }
        if let stamp = known?(path) { return stamp }
        var info = stat()
        guard fstatat(fd, String(path[name...]), &info, AT_SYMLINK_NOFOLLOW) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            return nil
        }
        return RecordCache.Stamp(info)
    }

    func close() {
        for case .success(let fd) in folders.values { Glibc.close(fd) }
    }
}
