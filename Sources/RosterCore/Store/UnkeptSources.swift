/// The record files a lean load read and did not keep: the bytes of a file with findings are
/// read again to place them, through the record folders the load opened (kept open until the
/// snapshot goes), and only while the file is the one that was validated (same size, time and
/// inode); a file changed since is placed at its first line.
final class UnkeptSources: Sendable {
    let folders: RecordFolders
    let stamps: [String: RecordCache.Stamp]
    /// Fingerprints of the bytes read, when the load was asked for them.
    let fingerprints: [String: UInt64]

    init(folders: RecordFolders, _ results: [RecordStore.FileResult]) {
        self.folders = folders
        var stamps: [String: RecordCache.Stamp] = [:], fingerprints: [String: UInt64] = [:]
        stamps.reserveCapacity(results.count)
        for r in results {
            if let stamp = r.stamp { stamps[r.path] = stamp }
            if let fingerprint = r.fingerprint { fingerprints[r.path] = fingerprint }
        }
        self.stamps = stamps
        self.fingerprints = fingerprints
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

    /// A fingerprint (FNV-1a) of the bytes a file had when loaded: of its kept bytes, or the one
    /// a lean load with `fingerprints` recorded; nil for a file not read.
    public func fingerprint(_ path: String) -> UInt64? {
        sources[path].map(Self.fingerprint) ?? unkept?.fingerprints[path]
    }

    static func fingerprint(_ bytes: [UInt8]) -> UInt64 {
        var h = FNV1a()
        h.add(bytes)
        return h.value
    }
}
