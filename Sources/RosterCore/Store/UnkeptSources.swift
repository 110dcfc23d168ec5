/// The record files a lean load read and did not keep: the bytes of a file with findings are
/// read again to place them, through the record folders the load opened (kept open until the
/// snapshot goes), and only while the file is the one that was validated (same size, time and
/// inode); a file changed since is placed at its first line.
final class UnkeptSources: Sendable {
    let folders: RecordFolders
    let stamps: [String: RecordCache.Stamp]

    init(folders: RecordFolders, _ results: [RecordStore.FileResult]) {
        self.folders = folders
        var stamps: [String: RecordCache.Stamp] = [:]
        stamps.reserveCapacity(results.count)
        for r in results { if let stamp = r.stamp { stamps[r.path] = stamp } }
        self.stamps = stamps
    }

    deinit { folders.close() }

    /// The bytes of `path` if it is still the file that was read.
    func read(_ path: String) -> [UInt8]? {
        guard let stamp = stamps[path] else { return nil }
        guard case .success(let (bytes, now)) = folders.read(path), now == stamp else { return nil }
        return bytes
    }
}

extension Snapshot {
    /// The bytes a file had when loaded: from ``sources``, or after a lean load read again
    /// (nil when the file changed since).
    public func source(_ path: String) -> [UInt8]? {
        sources[path] ?? unkept?.read(path)
    }
}
