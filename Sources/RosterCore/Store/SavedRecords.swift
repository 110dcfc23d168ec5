#if canImport(Glibc)
    import Glibc
#endif

/// The decoded record files `roster build` keeps between runs, in `.roster-cache/records` under
/// the project root: an org file that did not change is neither read nor parsed again, and the
/// findings of the per-org rules on it are kept too.
///
/// An entry is trusted only while its file's `stat` is the one it was saved with: size,
/// modification and change times to the nanosecond, and inode. As in ``InputStamps`` (git's
/// racy files), an entry is saved only for a file whose times are clearly older than the load
/// that read it, so a later write, even within the same tick of the file system's clock or of
/// the same size, gives the file a newer change time, which nobody can set back. The findings
/// saved with an org count only for the same rules' context (``CleanOrgs/context(salt:options:others:)``:
/// the binary, the day, every other record file).
///
/// It lives beside the records, not in the output folder, which may be published: it holds what
/// the records hold (names, e-mails). The folder ignores itself in git (`.gitignore`) and tells
/// backup tools it is a cache (`CACHEDIR.TAG`). Every number in the file is checked before use;
/// an entry that does not read back whole, or whose checksum differs, is a file read as JSON
/// again. `roster validate` and `roster check`, which decide what may be merged, never read it.
public final class SavedRecords: Sendable {
    public static let folder = ".roster-cache"
    static let fileName = "records"
    static let magic = Array("roster-records 1\n".utf8)
    /// Files whose times are within this many nanoseconds of the load (or after it) are not saved.
    static let racyMargin: Int64 = 2_000_000_000

    /// The wall-clock time in nanoseconds.
    static func clock() -> Int64 {
        var t = timespec()
        clock_gettime(CLOCK_REALTIME, &t)
        return Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec)
    }

    /// The file as read, and where each entry is in it: whole (its length first) and without
    /// its length, and its path.
    let bytes: [UInt8]
    let wholes: [Range<Int>]
    let entries: [Range<Int>]
    let paths: [Range<Int>]

    /// The entries of `root`'s file if it was saved by `salt` (the roster binary); none else.
    init(root: String, salt: String) {
        let read = Self.read(root: root).map { Self.index($0, salt: salt) }
        bytes = read?.bytes ?? []
        (wholes, entries, paths) = (read?.wholes ?? [], read?.entries ?? [], read?.paths ?? [])
    }

    private static func read(root: String) -> [UInt8]? {
        guard case .success(let fd) = FileAccess.openFolder(root: root, folder) else { return nil }
        defer { close(fd) }
        guard case .success(let bytes) = FileAccess.read(in: fd, fileName) else { return nil }
        return bytes
    }

    /// The header (magic, salt), then entries one after the other: each a length, then that many
    /// bytes. An entry cut short ends the list.
    static func index(_ bytes: [UInt8], salt: String) -> (bytes: [UInt8], wholes: [Range<Int>], entries: [Range<Int>], paths: [Range<Int>]) {
        bytes.withUnsafeBytes { raw in
            var r = RecordReader(raw)
            for b in magic where r.byte() != b { return ([], [], [], []) }
            guard r.string() == salt, !r.failed else { return ([], [], [], []) }
            var wholes: [Range<Int>] = [], entries: [Range<Int>] = [], paths: [Range<Int>] = []
            while !r.atEnd {
                let first = r.offset, length = r.count(), start = r.offset
                guard !r.failed, length >= 8, length <= raw.count - start else { break }
                // The path: the first string of the entry, after the checksum (never a reference).
                var e = RecordReader(UnsafeRawBufferPointer(rebasing: raw[start + 8..<start + length]))
                let n = e.count()
                guard !e.failed, n % 2 == 0, n / 2 <= length - 8 - e.offset else { break }
                wholes.append(first..<start + length)
                entries.append(start..<start + length)
                paths.append(start + 8 + e.offset..<start + 8 + e.offset + n / 2)
                r.skip(length)
            }
            return (entries.isEmpty ? [] : bytes, wholes, entries, paths)
        }
    }

    /// For each of `paths` (in the order of the jobs, which an earlier load saved in the same
    /// order), the entry saved for it, or -1. Walked side by side; a path out of step is looked
    /// up in a table made then.
    func match(_ wanted: [String]) -> [Int] {
        var out = [Int](repeating: -1, count: wanted.count)
        var table: [String: Int]?
        var next = 0
        bytes.withUnsafeBytes { raw in
            func same(_ k: Int, _ path: String) -> Bool {
                var path = path
                return path.withUTF8 { p in p.count == paths[k].count && memcmp(p.baseAddress!, raw.baseAddress! + paths[k].lowerBound, p.count) == 0
                }
            }
            for (j, path) in wanted.enumerated() {
                if next < paths.count, same(next, path) {
                    out[j] = next
                    next += 1
                    continue
                }
                if table == nil {
                    table = [:]
                    for k in paths.indices {
                        table![String(decoding: UnsafeRawBufferPointer(rebasing: raw[paths[k]]), as: UTF8.self)] = k
                    }
                }
                if let k = table![path], same(k, path) {
                    out[j] = k
                    next = k + 1
                }
            }
        }
        return out
    }

    /// What an entry says of its file.
    struct Entry {
        var fingerprint: UInt64
        var org: OrgRecord?
        var share: ShareRecord?
        /// The context the findings were made in, and the findings of the per-org rules.
        var context: UInt64
        var findings: [Finding]
    }

    /// Entry `k`, if it was saved for a file of `kind` with `stamp`, and reads back whole.
    func entry(_ k: Int, stamp: RecordCache.Stamp, kind: RecordKind) -> Entry? {
        bytes.withUnsafeBytes { raw -> Entry? in
            let range = entries[k]
            var r = RecordReader(UnsafeRawBufferPointer(rebasing: raw[range]))
            let check = r.number()
            let body = UnsafeRawBufferPointer(rebasing: raw[range.lowerBound + 8..<range.upperBound])
            _ = r.string()
            let saved = r.stamp()
            guard saved == stamp, !r.failed, FNV1a.fingerprint(body) == check else { return nil }
            var entry = Entry(fingerprint: r.number(), context: 0, findings: [])
            let savedKind = r.byte()
            entry.context = r.number()
            let findings = r.items()
            for _ in 0..<findings where !r.failed { entry.findings.append(r.finding()) }
            switch (kind, savedKind) {
            case (.org, 1): entry.org = r.org()
            case (.share, 2): entry.share = r.share()
            default: return nil
            }
            return r.failed || !r.atEnd ? nil : entry
        }
    }

    /// A file to save anew: what its entry holds.
    struct NewEntry: Sendable {
        var path: String
        var stamp: RecordCache.Stamp
        var fingerprint: UInt64
        /// The per-org rules' context and findings (0 and none for a share).
        var context: UInt64
        var findings: [Finding]
        var org: OrgFile?
        var share: ShareFile?

        /// Appends its bytes to `out`: the length, the checksum of the rest, then the path, stamp,
        /// fingerprint, kind, context, findings and record (made in `w`, whose storage is reused).
        func append(to out: inout [UInt8], using w: inout RecordWriter) {
            w.reset()
            w.string(path)
            w.stamp(stamp)
            w.number(fingerprint)
            w.byte(org != nil ? 1 : 2)
            w.number(context)
            w.count(findings.count)
            for f in findings { w.finding(f) }
            if let org { w.org(org.record) } else if let share { w.share(share.record) }
            var head = RecordWriter()
            head.count(8 + w.bytes.count)
            head.number(w.bytes.withUnsafeBytes { FNV1a.fingerprint($0) })
            out += head.bytes
            out += w.bytes
        }
    }

    /// What the next file holds, in the order of the load's jobs: an entry of this file kept as
    /// it is, or a new one.
    enum Part: Sendable {
        case kept(Int)
        case new(NewEntry)
    }

    /// New entries are made this many parts at a time, on every core, each core's into one
    /// buffer, and written before the next: all at once, the entries of a first build of 100,000
    /// orgs held 100 MB more, and an array for each left the heaps 10 MB larger.
    static let block = 4096

    /// Writes `parts` as the file of `root`, unless it would hold what this one holds. A new file
    /// is written beside it and renamed over it, never through a link; a folder or file that
    /// cannot be made is no cache, not a failure.
    func save(_ parts: [Part], root: String, salt: String) {
        if parts.count == entries.count, parts.enumerated().allSatisfy({ k, part in if case .kept(k) = part { true } else { false } }) {
            return
        }
        guard let fd = Self.openFolder(root: root) else { return }
        defer { close(fd) }
        let temporary = "\(Self.fileName).\(getpid()).tmp"
        unlinkat(fd, temporary, 0)
        let out = openat(fd, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard out >= 0 else { return }
        var header = RecordWriter()
        header.bytes = Self.magic
        header.string(salt)
        var written = Self.write(out, header.bytes)
        bytes.withUnsafeBytes { raw in
            // Kept entries that follow each other in this file go out in one write.
            var run: Range<Int>?
            func flush() {
                if let r = run { written = written && Self.write(out, UnsafeRawBufferPointer(rebasing: raw[r])) }
                run = nil
            }
            for start in stride(from: 0, to: parts.count, by: Self.block) where written {
                let block = start..<min(parts.count, start + Self.block)
                for (range, made) in Self.made(parts, block) {
                    var at = 0
                    for part in parts[range] {
                        if case .kept(let k) = part {
                            let whole = wholes[k]
                            if let r = run, r.upperBound == whole.lowerBound { run = r.lowerBound..<whole.upperBound } else { flush(); run = whole }
                        } else if case .new = part {
                            flush()
                            let end = made.ends[at]
                            written =
                                written
                                && made.bytes.withUnsafeBytes {
                                    Self.write(out, UnsafeRawBufferPointer(rebasing: $0[(at == 0 ? 0 : made.ends[at - 1])..<end]))
                                }
                            at += 1
                        }
                    }
                }
            }
            flush()
        }
        close(out)
        if !written || renameat(fd, temporary, fd, Self.fileName) != 0 { unlinkat(fd, temporary, 0) }
    }

    /// The new entries of `parts[block]`, made on every core: for each core's range, its
    /// entries one after the other, and where each ends.
    private static func made(_ parts: [Part], _ block: Range<Int>) -> [(Range<Int>, (bytes: [UInt8], ends: [Int]))] {
        let size = max(1, (block.count + 1) / 2)
        let ranges = stride(from: block.lowerBound, to: block.upperBound, by: size).map { $0..<min(block.upperBound, $0 + size) }
        let made = parallelMap(ranges, chunkSize: 1) { range -> (bytes: [UInt8], ends: [Int]) in
            var out: [UInt8] = [], ends: [Int] = [], w = RecordWriter()
            for case .new(let entry) in parts[range] {
                entry.append(to: &out, using: &w)
                ends.append(out.count)
            }
            return (out, ends)
        }
        return Array(zip(ranges, made))
    }

    /// The cache folder, made (with its `.gitignore` and `CACHEDIR.TAG`) when missing; never a link.
    private static func openFolder(root: String) -> Int32? {
        let rootFD = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootFD >= 0 else { return nil }
        defer { close(rootFD) }
        let made = mkdirat(rootFD, folder, 0o700) == 0
        guard case .success(let fd) = FileAccess.openStep(rootFD, folder) else { return nil }
        if made {
            let notes = [
                (".gitignore", "# Made by `roster build`: decoded records kept between builds, never committed.\n*\n"),
                ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n# Made by `roster build`: see https://bford.info/cachedir/\n"),
            ]
            for (name, text) in notes {
                let file = openat(fd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
                if file >= 0 {
                    _ = write(file, Array(text.utf8))
                    close(file)
                }
            }
        }
        return fd
    }

    private static func write(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { write(fd, $0) }
    }

    private static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n <= 0 { return false }
            done += n
        }
        return true
    }
}

extension RecordWriter {
    mutating func stamp(_ s: RecordCache.Stamp) {
        number(UInt64(bitPattern: Int64(s.size)))
        number(UInt64(bitPattern: Int64(s.seconds)))
        number(UInt64(bitPattern: Int64(s.nanoseconds)))
        number(UInt64(bitPattern: Int64(s.changeSeconds)))
        number(UInt64(bitPattern: Int64(s.changeNanoseconds)))
        number(UInt64(s.inode))
    }
}

extension RecordReader {
    mutating func stamp() -> RecordCache.Stamp {
        func next() -> Int { Int(truncatingIfNeeded: Int64(bitPattern: number())) }
        return RecordCache.Stamp(
            size: next(), seconds: next(), nanoseconds: next(), changeSeconds: next(), changeNanoseconds: next(), inode: UInt(number()))
    }
}
