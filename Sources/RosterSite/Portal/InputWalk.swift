import Foundation
import RosterCore

extension InputStamps {
    /// The walk over the input folders. Each entry is hashed on its own and the hashes are
    /// summed, so no path string is made, nothing is sorted, and the digest depends neither on
    /// the order a folder lists its entries nor on which thread looked at which: a large folder
    /// (100,000 org files) is listed first, then its entries are looked at on every core.
    struct Walk {
        let root: String
        let now: Int64
        var total = Part()

        init(root: String, now: Int64) {
            self.root = root
            self.now = now
        }

        /// What a range of entries adds to the digest, and the folders among them.
        struct Part: Sendable {
            var count = 0
            var sumA: UInt64 = 0
            var sumB: UInt64 = 0
            var racy: [String: UInt64] = [:]
            var folders: [String] = []
            /// What `stat` said of the regular files of the record folders, for the load
            /// (``RecordStamps``): a table of each part of a folder, made on its thread.
            var records: [MetStamps] = []

            mutating func merge(_ other: Part) {
                count += other.count
                sumA = sumA &+ other.sumA
                sumB = sumB &+ other.sumB
                racy.merge(other.racy) { a, _ in a }
                records += other.records
            }

            /// Folders count too: a link or an empty folder added is a change the build must see.
            mutating func add(_ path: [UInt8], _ info: stat, root: String, now: Int64) {
                let mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
                let ctime = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
                var h = FNV1a()
                h.add(path)
                var v = h.value
                v = Walk.mix(v ^ UInt64(info.st_mode))
                v = Walk.mix(v ^ UInt64(bitPattern: Int64(info.st_size)))
                v = Walk.mix(v ^ UInt64(bitPattern: mtime))
                v = Walk.mix(v ^ UInt64(bitPattern: ctime))
                v = Walk.mix(v ^ UInt64(info.st_ino))
                let kind = info.st_mode & S_IFMT
                if kind == S_IFREG, RacyTimes.isRacy(max(mtime, ctime), at: now) {
                    let relative = String(decoding: path, as: UTF8.self)
                    racy[relative] = InputStamps.contentHash(root + "/" + relative) ?? 0
                }
                if kind == S_IFDIR { folders.append(String(decoding: path, as: UTF8.self)) }
                count += 1
                sumA = sumA &+ Walk.mix(v)
                sumB = sumB &+ Walk.mix(v ^ 0x9E37_79B9_7F4A_7C15)
            }
        }

        mutating func visit(_ relative: String) {
            var info = stat()
            guard lstat(root + "/" + relative, &info) == 0 else { return }
            var part = Part()
            part.add(Array(relative.utf8), info, root: root, now: now)
            total.merge(part)
            for folder in part.folders { walk(folder) }
        }

        mutating func walk(_ relative: String) {
            guard let dir = opendir(root + "/" + relative) else { return }
            defer { closedir(dir) }
            // Names with their terminating zero, ready for `fstatat`.
            var listed: [[CChar]] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    Array(raw.prefix { $0 != 0 }).map { CChar(bitPattern: $0) } + [0]
                }
                if name == [0x2E, 0] || name == [0x2E, 0x2E, 0] { continue }
                listed.append(name)
            }
            let fd = dirfd(dir), prefix = Array((relative + "/").utf8), root = root, now = now, names = listed
            let records = RecordStamps.holdsRecords(relative)
            let workers = names.count >= 2048 ? max(1, ProcessInfo.processInfo.activeProcessorCount) : 1
            let size = max(1, (names.count + workers - 1) / workers)
            let ranges = stride(from: 0, to: names.count, by: size).map { $0..<min(names.count, $0 + size) }
            let parts = parallelMap(ranges, chunkSize: 1) { range -> Part in
                var part = Part()
                var info = stat()
                var path = prefix
                var met = MetStamps()
                for k in range where fstatat(fd, names[k], &info, AT_SYMLINK_NOFOLLOW) == 0 {
                    path.removeSubrange(prefix.count...)
                    for c in names[k].dropLast() { path.append(UInt8(bitPattern: c)) }
                    part.add(path, info, root: root, now: now)
                    if records, (info.st_mode & S_IFMT) == S_IFREG { met.add(path, RecordCache.Stamp(info)) }
                }
                if records { part.records.append(met) }
                return part
            }
            for part in parts { total.merge(part) }
            for folder in parts.flatMap(\.folders) { walk(folder) }
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

/// What `stat` said of the regular files of one part of a record folder, as the walk met them:
/// paths back to back, made into a table only when a load asks (``RecordStamps``).
struct MetStamps: Sendable {
    private var bytes: [UInt8] = []
    private var entries: [(start: Int, count: Int, stamp: RecordCache.Stamp)] = []

    mutating func add(_ path: [UInt8], _ stamp: RecordCache.Stamp) {
        entries.append((bytes.count, path.count, stamp))
        bytes.append(contentsOf: path)
    }

    func table() -> NameTable<RecordCache.Stamp> {
        var table = NameTable<RecordCache.Stamp>(capacity: entries.count)
        bytes.withUnsafeBytes { all in
            for e in entries { table.insert(UnsafeRawBufferPointer(rebasing: all[e.start..<(e.start + e.count)]), e.stamp) }
        }
        return table
    }
}
