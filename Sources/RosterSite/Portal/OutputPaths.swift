import RosterCore

/// The first look at a build's output paths, before the output folder is: the first path that
/// would leave the folder or comes twice, and the folders the paths need.
///
/// While every path is ASCII (the usual case), the paths are hashed and their folders gathered
/// on every core, and only the look-ups in the tables run on one thread, with the hashes
/// already made. Done path by path on one thread, this held up a one-org rebuild for 10 ms at
/// 10,000 orgs and 140 ms at 100,000, with the other core idle. A path that is not ASCII sends
/// the whole list the way of ``SiteOutput/checkTargets(_:files:)`` before (``serial(_:)``):
/// two paths that are the same text in different bytes must count as one.
enum OutputPaths {
    enum Refusal: Equatable { case leaves, twice }

    struct Checked {
        /// The folders on the way to the paths, each once, in no particular order.
        var folders: [String] = []
        /// The first path refused, in the order of the paths (its index), and why.
        var refused: (path: Int, why: Refusal)?
    }

    static func check(_ paths: [String]) -> Checked {
        parallel(paths) ?? serial(paths)
    }

    typealias Folder = (path: Int32, end: Int32, hash: UInt64)

    /// What one run of consecutive paths found, on its core.
    private struct Run: Sendable {
        var ascii = true
        var leaves: Int?
        var hashes: [UInt64] = []
        /// The folders on the way to the run's paths (each a path's prefix: its path and
        /// length), with their hashes; a folder among the last few added is left out, and so
        /// are the folders that hold it. (Each org's page and JSON take turns, so every path
        /// had a new parent: with all their folders, at 100,000 orgs these held 10 MB at the
        /// build's peak of memory.)
        var folders: [Folder] = []
    }

    /// The check made with the hashes made on every core; nil when a path is not ASCII.
    static func parallel(_ paths: [String]) -> Checked? {
        let runs = stride(from: 0, to: paths.count, by: 4096).map { $0..<min(paths.count, $0 + 4096) }
        let found = parallelMap(runs, chunkSize: 1) { run -> Run in
            var r = Run()
            r.hashes.reserveCapacity(run.count)
            var recent: [[UInt8]] = []
            for k in run {
                let ok: Bool? = paths[k].utf8.withContiguousStorageIfAvailable { bytes in
                    guard !bytes.contains(where: { $0 >= 0x80 }) else { return false }
                    if r.leaves == nil, !SiteOutput.isContained(bytes) { r.leaves = k }
                    r.hashes.append(NameTable<Bool>.hash(UnsafeRawBufferPointer(bytes)))
                    // The folders: each prefix before a `/`, from the longest, up to one added
                    // lately (the folders that hold it were added with it).
                    var end = bytes.lastIndex(of: 0x2F) ?? 0
                    while end > 0, !recent.contains(where: { $0.elementsEqual(bytes[..<end]) }) {
                        if recent.count == 4 { recent.removeFirst() }
                        recent.append(Array(bytes[..<end]))
                        r.folders.append(
                            (Int32(k), Int32(end), NameTable<Bool>.hash(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[..<end])))))
                        end = bytes[..<end].lastIndex(of: 0x2F) ?? 0
                    }
                    return true
                }
                guard ok == true else {
                    r.ascii = false
                    return r
                }
            }
            return r
        }
        guard found.allSatisfy({ $0.ascii }) else { return nil }
        var checked = Checked()
        let hashes = found.flatMap { $0.hashes }
        // The first path met twice, looked up by its hash made above.
        var seen = HashedSlots(capacity: paths.count)
        let leaves = found.lazy.compactMap { $0.leaves }.first ?? paths.count
        for k in 0..<leaves where !seen.insert(k, hash: hashes[k], same: { SiteOutput.same(paths[$0], paths[k]) }) {
            checked.refused = (k, .twice)
            break
        }
        if checked.refused == nil, leaves < paths.count { checked.refused = (leaves, .leaves) }
        if checked.refused != nil { return checked }
        // Each folder once, as the prefix of the first path met on its way.
        let candidates = found.flatMap { $0.folders }
        func prefix(_ c: Folder) -> Substring {
            let path = paths[Int(c.path)]
            return path[..<path.utf8.index(path.startIndex, offsetBy: Int(c.end))]
        }
        var known = HashedSlots(capacity: candidates.count / 2)
        for (k, c) in candidates.enumerated() where known.insert(k, hash: c.hash, same: { SiteOutput.same(prefix(candidates[$0]), prefix(c)) }) {
            checked.folders.append(String(prefix(c)))
        }
        return checked
    }

    /// The check one path after the other, Strings compared as text.
    static func serial(_ paths: [String]) -> Checked {
        var checked = Checked()
        var seen = StringTable(capacity: paths.count)
        var known = StringTable(capacity: paths.count / 2)
        // Two paths that are the same text (canonically equivalent, "é" and "e\u{301}") are two
        // outputs of one path, as `Set<String>` had them: the manifest and the stale-file removal
        // compare paths as Strings, so a build with both kept the one of them no longer made.
        // Bytes suffice while every path is ASCII; from the first that is not, Strings are kept.
        var texts: Set<String>?
        for (k, path) in paths.enumerated() {
            guard SiteOutput.isContained(path) else {
                checked.refused = (k, .leaves)
                return checked
            }
            if texts == nil, !path.utf8.allSatisfy({ $0 < 0x80 }) { texts = Set(paths[..<k]) }
            guard seen.insert(path[...], make: { path }), texts?.insert(path).inserted ?? true else {
                checked.refused = (k, .twice)
                return checked
            }
            var folder = SiteOutput.parent(of: path[...])
            while !folder.isEmpty, known.insert(folder, make: { String(folder) }) {
                checked.folders.append(String(folder))
                folder = SiteOutput.parent(of: folder)
            }
        }
        return checked
    }
}
