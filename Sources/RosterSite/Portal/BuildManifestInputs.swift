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
    /// Files whose times are within this many nanoseconds of the stamping (or after it) are
    /// racy: file times come from a coarse clock that lags the one read here.
    static let racyMargin: Int64 = 2_000_000_000

    /// `count:hex` of the file stats, independent of the order folders list their entries.
    var digest = ""
    /// Path (relative to the root) -> content hash, for files too recent to trust their stats.
    var racy: [String: UInt64] = [:]

    /// Takes the stamps of the input folders of `root` (``SymlinkScan/folders``); `now` is the
    /// wall-clock time in nanoseconds, read before the first stat.
    static func take(root: String, now: Int64 = InputStamps.wallClockNanoseconds()) -> InputStamps {
        var walk = Walk(root: root, now: now)
        for folder in SymlinkScan.folders { walk.visit(folder) }
        return InputStamps(digest: "\(walk.count):" + String(walk.sumA, radix: 16) + String(walk.sumB, radix: 16), racy: walk.racy)
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

    static func wallClockNanoseconds() -> Int64 {
        var t = timespec()
        clock_gettime(CLOCK_REALTIME, &t)
        return Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec)
    }

    /// The walk over the input folders: entries are hashed one by one and summed, so no path
    /// string is made and nothing is sorted (100,000 files).
    struct Walk {
        let root: String
        let now: Int64
        var count = 0
        var sumA: UInt64 = 0
        var sumB: UInt64 = 0
        var racy: [String: UInt64] = [:]

        init(root: String, now: Int64) {
            self.root = root
            self.now = now
        }

        mutating func visit(_ relative: String) {
            var info = stat()
            guard lstat(root + "/" + relative, &info) == 0 else { return }
            add(relative, info)
            if (info.st_mode & S_IFMT) == S_IFDIR { walk(relative) }
        }

        mutating func walk(_ relative: String) {
            guard let dir = opendir(root + "/" + relative) else { return }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name == "." || name == ".." { continue }
                var info = stat()
                guard fstatat(dirfd(dir), name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                let path = relative + "/" + name
                add(path, info)
                if (info.st_mode & S_IFMT) == S_IFDIR { walk(path) }
            }
        }

        /// Folders count too: a link or an empty folder added is a change the build must see.
        mutating func add(_ path: String, _ info: stat) {
            let mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            let ctime = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
            var h = FNV1a()
            h.add(path)
            for n in [
                UInt64(info.st_mode), UInt64(bitPattern: Int64(info.st_size)), UInt64(bitPattern: mtime), UInt64(bitPattern: ctime),
                UInt64(info.st_ino),
            ] {
                h.add(String(n, radix: 16))
            }
            let isFile = (info.st_mode & S_IFMT) == S_IFREG
            if isFile, max(mtime, ctime) >= now - InputStamps.racyMargin {
                racy[path] = InputStamps.contentHash(root + "/" + path) ?? 0
            }
            count += 1
            sumA = sumA &+ Self.mix(h.value)
            sumB = sumB &+ Self.mix(h.value ^ 0x9E37_79B9_7F4A_7C15)
        }

        /// SplitMix64's finaliser: entries that differ in one bit add very different numbers.
        static func mix(_ x: UInt64) -> UInt64 {
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
