import Foundation
import RosterCore

/// What the input files of a build looked like, cheap to take again and compare: one digest of
/// the path, kind, size, modification and change times (in nanoseconds) and inode of every
/// file under the input folders, and the content hash of every "racy" file.
///
/// Like git's racy files: a file whose times are not clearly older than the moment the stamps
/// were taken could still change within the same tick of the file system's clock, keeping every
/// number the same; such a file is compared by its content. A file rewritten with the same size
/// and its old modification time put back (`touch -d`) gets a new change time, which nobody can
/// set back, so the digest sees it.
struct InputStamps: Sendable, Equatable {
    /// `count:hex` of the file stats, independent of the order folders list their entries.
    var digest = ""
    /// Path (relative to the root) -> content hash, for files too recent to trust their stats.
    var racy: [String: UInt64] = [:]

    /// Takes the stamps of the input folders of `root` (``SymlinkScan/folders``); `now` is the
    /// wall-clock time in nanoseconds, read before the first stat.
    static func take(root: String, now: Int64 = RacyTimes.now()) -> InputStamps {
        taking(root: root, now: now).stamps
    }

    /// The stamps, and what `stat` said of each record file on the way (``RecordStamps``).
    static func taking(root: String, now: Int64 = RacyTimes.now()) -> (stamps: InputStamps, records: RecordStamps) {
        var walk = Walk(root: root, now: now)
        for folder in SymlinkScan.folders { walk.visit(folder) }
        let t = walk.total
        let met = t.records
        let records = RecordStamps {
            // A table of each part, on every core.
            let tables = parallelMap(met, chunkSize: 1) { $0.table() }
            return { path in
                for table in tables { if let stamp = table.value(path) { return stamp } }
                return nil
            }
        }
        return (InputStamps(digest: "\(t.count):" + String(t.sumA, radix: 16) + String(t.sumB, radix: 16), racy: t.racy), records)
    }

    /// Whether nothing changed since `earlier` was taken: the same digest, and every file that
    /// was racy then still holds the bytes it held.
    func unchanged(since earlier: InputStamps, root: String) -> Bool {
        guard digest == earlier.digest else { return false }
        return earlier.racy.allSatisfy { path, hash in Self.contentHash(root + "/" + path) == hash }
    }

    static func contentHash(_ path: String) -> UInt64? {
        guard case .success(let bytes) = FileAccess.read(path) else { return nil }
        var h = FNV1a()
        h.add(bytes)
        return h.value
    }
}
