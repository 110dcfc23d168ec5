/// The record files a lean load read and did not keep: the bytes of a file with findings are
/// read again to place them, through the record folders the load opened (kept open until the
/// snapshot goes), and only while the file is the one that was validated (same size, time and
/// inode); a file changed since is placed at its first line.
final class UnkeptSources: Sendable {
    let folders: RecordFolders
    /// The paths read, sorted, and the stamp of each: searched, not hashed, since only the few
    /// files with findings are looked up, and a table of 110,000 paths took a while to fill.
    let paths: [String]
    let stamps: [RecordCache.Stamp]
    /// The fingerprint of the bytes of each of ``paths``, when the load was asked for them: by
    /// position, no table (one of 110,000 paths, filled on one thread, took 66 ms).
    let fingerprints: [UInt64?]

    init(folders: RecordFolders, _ results: [RecordStore.FileResult]) {
        self.folders = folders
        var read = results.indices.filter { results[$0].stamp != nil }
        // The loader reads `data/marketplace.json`, then `data/orgs/`, then `data/shares/`,
        // each folder in name order: already sorted, unless a caller gave another order.
        if zip(read, read.dropFirst()).contains(where: { !(results[$0].path < results[$1].path) }) {
            read.sort { results[$0].path < results[$1].path }
        }
        paths = read.map { results[$0].path }
        stamps = read.map { results[$0].stamp! }
        fingerprints = read.map { results[$0].fingerprint }
    }

    deinit { folders.close() }

    /// The bytes of `path` if it is still the file that was read.
    func read(_ path: String) -> [UInt8]? {
        guard let k = index(of: path) else { return nil }
        guard case .success(let (bytes, now)) = folders.read(path), now == stamps[k] else { return nil }
        return bytes
    }

    /// Where `path` is in ``paths`` (a binary search).
    func index(of path: String) -> Int? {
        var (low, high) = (0, paths.count)
        while low < high {
            let mid = (low + high) / 2
            if paths[mid] < path { low = mid + 1 } else { high = mid }
        }
        return low < paths.count && paths[low] == path ? low : nil
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
        if let bytes = sources[path] { return Self.fingerprint(bytes) }
        guard let unkept, let k = unkept.index(of: path) else { return nil }
        return unkept.fingerprints[k]
    }

    /// ``fingerprint(_:)`` of each of `files`, in order. Files in path order (the snapshot's
    /// orgs, its shares) are matched with the paths read in one walk of both lists, without a
    /// lookup a file: 100,000 orgs' page keys each took a hashed path.
    public func fingerprints<Record>(of files: [RecordFile<Record>]) -> [UInt64?] {
        guard sources.isEmpty, let unkept else { return files.map { fingerprint($0.path) } }
        var out: [UInt64?] = []
        out.reserveCapacity(files.count)
        var k = 0
        for file in files {
            while k < unkept.paths.count && unkept.paths[k] < file.path { k += 1 }
            if k < unkept.paths.count && unkept.paths[k] == file.path {
                out.append(unkept.fingerprints[k])
            } else {
                // Not in path order after all: looked up.
                out.append(fingerprint(file.path))
            }
        }
        return out
    }

    static func fingerprint(_ bytes: [UInt8]) -> UInt64 {
        var h = FNV1a()
        h.add(bytes)
        return h.value
    }
}
