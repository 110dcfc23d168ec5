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
            // The names back to back, each with its terminating zero, ready for `fstatat`, and
            // where each starts: an array for each of 100,000 names, made three times over, held
            // up the walk of `data/orgs` on one thread.
            var bytes: [UInt8] = [], starts: [Int] = []
            while let entry = readdir(dir) {
                withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    let name = raw[..<(raw.firstIndex(of: 0) ?? raw.count)]
                    guard !name.elementsEqual([0x2E]), !name.elementsEqual([0x2E, 0x2E]) else { return }
                    starts.append(bytes.count)
                    bytes.append(contentsOf: name)
                    bytes.append(0)
                }
            }
            // Name k is `names[bounds[k]..<bounds[k + 1]]`, its zero last.
            starts.append(bytes.count)
            let fd = dirfd(dir), prefix = Array((relative + "/").utf8), root = root, now = now, names = bytes, bounds = starts
            let count = bounds.count - 1
            let records = RecordStamps.holdsRecords(relative)
            let workers = count >= 2048 ? max(1, ProcessInfo.processInfo.activeProcessorCount) : 1
            let size = max(1, (count + workers - 1) / workers)
            let ranges = stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
            let parts = parallelMap(ranges, chunkSize: 1) { range -> Part in
                var part = Part()
                var info = stat()
                var path = prefix
                var met = MetStamps()
                names.withUnsafeBufferPointer { names in
                    for k in range {
                        let name = UnsafeBufferPointer(rebasing: names[bounds[k]..<(bounds[k + 1] - 1)])
                        let found = name.baseAddress!.withMemoryRebound(to: CChar.self, capacity: name.count + 1) {
                            fstatat(fd, $0, &info, AT_SYMLINK_NOFOLLOW) == 0
                        }
                        guard found else { continue }
                        path.removeSubrange(prefix.count...)
                        path.append(contentsOf: name)
                        part.add(path, info, root: root, now: now)
                        if records, (info.st_mode & S_IFMT) == S_IFREG { met.add(path, RecordCache.Stamp(info)) }
                    }
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
