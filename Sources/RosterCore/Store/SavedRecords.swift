#if canImport(Glibc)
    import Glibc
#endif

/// The decoded record files `roster build` keeps between runs, in `.roster-cache/records` under
/// the project root: an org file that did not change is neither read nor parsed again, and the
/// findings of the per-org rules on it are kept too.
///
/// An entry is trusted only while its file's `stat` is the one it was saved with: size,
/// modification and change times to the nanosecond, and inode. As the build's input stamps do
/// (``RacyTimes``, git's racy files), an entry is saved only for a file whose times are clearly older than the load
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
    /// The file, open, and where each entry is in it: whole (its length first) and without its
    /// length, as offsets in the file; and the bytes of each entry's path. The entries are read
    /// a window at a time (``window(_:)``): the whole file of 100,000 orgs, 105 MB, held in memory
    /// while the records were decoded, made the build's peak.
    private let file: Int32
    let wholes: [Range<Int>]
    let entries: [Range<Int>]
    let pathBytes: [UInt8]
    let paths: [Range<Int>]
    /// Whether the entries end where the file does (else it is saved anew, whatever it holds).
    let whole: Bool
    /// The project root and the roster binary the records are saved for.
    let root: String
    let salt: String

    /// The entries of `root`'s file if it was saved by `salt` (the roster binary); none else.
    init(root: String, salt: String) {
        (self.root, self.salt) = (root, salt)
        file = Self.openFile(root: root)
        var index = Index()
        if file >= 0 { index.read(file, salt: salt) }
        (wholes, entries, pathBytes, paths, whole) = (index.wholes, index.entries, index.pathBytes, index.paths, index.whole)
    }

    deinit { if file >= 0 { close(file) } }

    /// The file, opened without following a link, if it is a regular file; -1 else.
    private static func openFile(root: String) -> Int32 {
        guard case .success(let folderFD) = FileAccess.openFolder(root: root, folder) else { return -1 }
        defer { close(folderFD) }
        let fd = openat(folderFD, fileName, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        var info = stat()
        guard fd >= 0, fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            if fd >= 0 { close(fd) }
            return -1
        }
        return fd
    }

    /// The header (magic, salt), then entries one after the other: each a length, then that many
    /// bytes, of which the first 8 are a checksum and then the path. An entry cut short ends the
    /// list. Read a chunk at a time.
    struct Index {
        var wholes: [Range<Int>] = [], entries: [Range<Int>] = [], pathBytes: [UInt8] = [], paths: [Range<Int>] = []
        var whole = false

        mutating func read(_ fd: Int32, salt: String) {
            var chunk = Chunk(fd: fd)
            let saltCount = salt.utf8.count
            let header = chunk.with(0, magic.count + 10 + saltCount) { raw -> Int? in
                var r = RecordReader(raw)
                for b in magic where r.byte() != b { return nil }
                return r.string() == salt && !r.failed ? r.offset : nil
            }
            guard var at = header ?? nil else { return }
            while true {
                if at == chunk.size {
                    whole = true
                    return
                }
                // The length, the checksum and the path's length: at most 10 + 8 + 10 bytes.
                let head = chunk.with(at, 28) { raw -> (body: Range<Int>, path: Range<Int>)? in
                    var r = RecordReader(raw)
                    let length = r.count(), start = r.offset
                    r.skip(8)
                    let n = r.count()
                    guard !r.failed, (8...maxEntry).contains(length), n % 2 == 0, n / 2 <= length - (r.offset - start) else { return nil }
                    return (start..<start + length, r.offset..<r.offset + n / 2)
                }
                guard let (body, path) = head ?? nil else { return }
                let start = at + body.lowerBound, end = at + body.upperBound
                // The path's bytes go straight into `pathBytes`: with an array made for each
                // path (and a new chunk buffer for each megabyte), this walk, which the load
                // waits for, took twice as long (8 ms at 10,000 orgs, on one thread).
                let before = pathBytes.count
                guard end <= chunk.size, chunk.with(at + path.lowerBound, path.count, { pathBytes.append(contentsOf: $0) }) != nil,
                    pathBytes.count - before == path.count
                else {
                    pathBytes.removeSubrange(before...)
                    return
                }
                wholes.append(at..<end)
                entries.append(start..<end)
                paths.append(before..<pathBytes.count)
                at = end
            }
        }
    }

    /// A part of the file held in memory, read again when a look falls outside it. The same
    /// buffer is read into each time: a new one for each megabyte was a new mapping, its pages
    /// faulted in anew (the whole file is walked once to find its entries).
    struct Chunk {
        let fd: Int32
        let size: Int
        private var start = 0
        private var held = 0
        private var bytes: [UInt8] = []
        static let size = 1 << 20

        init(fd: Int32) {
            self.fd = fd
            var info = stat()
            size = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        }

        /// `body` on the bytes from `offset`, `count` of them or fewer at the end of the file; nil
        /// when they cannot be read.
        mutating func with<R>(_ offset: Int, _ count: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R? {
            guard offset >= 0, count >= 0, offset <= size else { return nil }
            let wanted = min(count, size - offset)
            if offset < start || offset + wanted > start + held {
                let n = max(wanted, min(Self.size, size - offset))
                if bytes.count < n { bytes = [UInt8](repeating: 0, count: n) }
                held = 0
                guard bytes.withUnsafeMutableBytes({ SavedRecords.read(fd, offset..<offset + n, into: $0.baseAddress!) }) else { return nil }
                (start, held) = (offset, n)
            }
            return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[(offset - start)..<(offset - start + wanted)])) }
        }
    }

    /// The bytes of `range` of the file (all of them, or nil).
    static func read(_ fd: Int32, _ range: Range<Int>) -> [UInt8]? {
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: range.count) { buffer, count in
            failed = !read(fd, range, into: buffer.baseAddress!)
            count = failed ? 0 : range.count
        }
        return failed ? nil : bytes
    }

    /// Reads the bytes of `range` of the file into `buffer` (room for all of them); false when
    /// they cannot all be read.
    static func read(_ fd: Int32, _ range: Range<Int>, into buffer: UnsafeMutableRawPointer) -> Bool {
        var count = 0
        while count < range.count {
            let n = pread(fd, buffer + count, range.count - count, off_t(range.lowerBound + count))
            if n <= 0 { return false }
            count += n
        }
        return true
    }

    /// The largest entry read, and the most a window reads: an org of 100,000 members saves
    /// about 10 MB; a forged length in a sparse file otherwise made a window of that size.
    static let maxEntry = 64 << 20
    static let maxWindow = 256 << 20

    /// How many jobs of a load are read from one window: at 1 KB an org, 8 MB.
    static let windowJobs = 8192

    /// Entries read from the file for part of a load: the runs of the file that hold them.
    struct Window: Sendable {
        var runs: [(base: Int, bytes: [UInt8])] = []

        /// `body` on the bytes of `range` of the file, if the window holds them.
        func with<R>(_ range: Range<Int>, _ body: (UnsafeRawBufferPointer) -> R) -> R? {
            // The last run that starts at or before the range (runs are in file order).
            var (low, high) = (0, runs.count)
            while low < high {
                let mid = (low + high) / 2
                if runs[mid].base <= range.lowerBound { low = mid + 1 } else { high = mid }
            }
            guard low > 0 else { return nil }
            let run = runs[low - 1]
            guard range.upperBound <= run.base + run.bytes.count else { return nil }
            return run.bytes.withUnsafeBytes {
                body(UnsafeRawBufferPointer(rebasing: $0[(range.lowerBound - run.base)..<(range.upperBound - run.base)]))
            }
        }
    }

    /// The entries `ks` (-1: none), read in runs: entries saved in the order of the jobs make one.
    func window(_ ks: [Int]) -> Window {
        var window = Window()
        guard file >= 0 else { return window }
        var spans = ks.filter { $0 >= 0 }.map { entries[$0] }
        spans.sort { $0.lowerBound < $1.lowerBound }
        // Entries past ``maxWindow`` bytes are not read (their files are).
        var total = 0
        spans = Array(
            spans.prefix { span in
                total += span.count
                return total <= Self.maxWindow
            })
        var runs: [Range<Int>] = []
        for span in spans {
            // A gap of up to 64 KB is read rather than start another run; a run stops at about
            // a megabyte, and the runs are read on every core: read on one thread, the
            // windows of a load held it up (their pages faulted in as they were filled) for
            // 7 ms at 10,000 orgs.
            if let r = runs.last, span.lowerBound <= r.upperBound + 65536, r.count < Self.runSize {
                runs[runs.count - 1] = r.lowerBound..<max(r.upperBound, span.upperBound)
            } else {
                runs.append(span)
            }
        }
        let file = file
        window.runs = parallelMap(runs, chunkSize: 1) { r in Self.read(file, r).map { (r.lowerBound, $0) } }.compactMap { $0 }
        return window
    }

    /// The size from which a run of a window stops taking more entries.
    static let runSize = 1 << 20

    /// For each of the `jobs` (in the order an earlier load saved them in), the entry saved for
    /// it, or -1; and how many paths were looked up in a table. Walked side by side, as a merge
    /// of two sorted lists (found by an attacker's review): the table of every saved path
    /// (110,000 strings at 100,000 orgs, about 1% of a one-org rebuild's samples, on one thread)
    /// was made in every build, for the settings file, which comes first and is never saved, and
    /// for the file the last build found just changed.
    func match(_ jobs: [(String, RecordKind)]) -> (entries: [Int], lookedUp: Int) {
        var out = [Int](repeating: -1, count: jobs.count)
        var table: [String: Int]?
        var next = 0, lookedUp = 0
        pathBytes.withUnsafeBytes { raw in
            func same(_ k: Int, _ path: String) -> Bool {
                var path = path
                return path.withUTF8 { p in
                    p.count == paths[k].count && (p.isEmpty || memcmp(p.baseAddress!, raw.baseAddress! + paths[k].lowerBound, p.count) == 0)
                }
            }
            func name(_ k: Int) -> String { String(decoding: UnsafeRawBufferPointer(rebasing: raw[paths[k]]), as: UTF8.self) }
            for (j, (path, kind)) in jobs.enumerated() where kind != .marketplace {
                if next < paths.count, same(next, path) {
                    out[j] = next
                    next += 1
                    continue
                }
                // Out of step. The entries are in the order of the jobs (sorted paths): those
                // before `path` are of files gone, and one after it means `path` has none (a
                // file changed within 2 s of the last load, or with a finding, is not saved: the
                // next one-org rebuild always has one). Only two names that are equal as
                // Strings but not as bytes need the table.
                if table == nil {
                    while next < paths.count, name(next) < path { next += 1 }
                    if next < paths.count, same(next, path) {
                        out[j] = next
                        next += 1
                        continue
                    }
                    if next == paths.count || path < name(next) { continue }
                }
                lookedUp += 1
                if table == nil {
                    table = [:]
                    for k in paths.indices { table![name(k)] = k }
                }
                if let k = table![path], same(k, path) {
                    out[j] = k
                    next = k + 1
                }
            }
        }
        return (out, lookedUp)
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

    /// Entry `k`, if `window` holds it, it was saved for a file of `kind` with `stamp`, and it
    /// reads back whole.
    func entry(_ k: Int, in window: Window, stamp: RecordCache.Stamp, kind: RecordKind) -> Entry? {
        window.with(entries[k]) { raw -> Entry? in
            var r = RecordReader(raw)
            let check = r.number()
            let body = UnsafeRawBufferPointer(rebasing: raw[8...])
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
        } ?? nil
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
    /// cannot be made is no cache, not a failure. Whether new entries were made.
    @discardableResult
    func save(_ parts: [Part]) -> Bool {
        if whole, parts.count == entries.count, parts.enumerated().allSatisfy({ k, part in if case .kept(k) = part { true } else { false } }) {
            return false
        }
        guard let fd = Self.openFolder(root: root) else { return false }
        defer { close(fd) }
        let temporary = "\(Self.fileName).\(getpid()).tmp"
        unlinkat(fd, temporary, 0)
        Self.removeAbandoned(in: fd)
        let out = openat(fd, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard out >= 0 else { return false }
        var header = RecordWriter()
        header.bytes = Self.magic
        header.string(salt)
        var written = FileAccess.writeAll(out, header.bytes)
        do {
            // Kept entries that follow each other in this file go out together, a chunk at a
            // time; new entries that follow each other, in one write (one for each entry was
            // 11,000 calls of the kernel in a first build of 10,000 orgs).
            var run: Range<Int>?
            func flush() {
                if let r = run { written = written && copy(r, to: out) }
                run = nil
            }
            for start in stride(from: 0, to: parts.count, by: Self.block) where written {
                let block = start..<min(parts.count, start + Self.block)
                for (range, made) in Self.made(parts, block) {
                    // The new entries of `made` not written yet: its bytes from `from` to `to`.
                    var at = 0, from = 0, to = 0
                    func flushNew() {
                        guard from < to else { return }
                        written = written && made.bytes.withUnsafeBytes { FileAccess.writeAll(out, UnsafeRawBufferPointer(rebasing: $0[from..<to])) }
                        from = to
                    }
                    for part in parts[range] {
                        if case .kept(let k) = part {
                            flushNew()
                            let whole = wholes[k]
                            if let r = run, r.upperBound == whole.lowerBound { run = r.lowerBound..<whole.upperBound } else { flush(); run = whole }
                        } else if case .new = part {
                            flush()
                            to = made.ends[at]
                            at += 1
                        }
                    }
                    flushNew()
                }
            }
            flush()
        }
        close(out)
        if !written || renameat(fd, temporary, fd, Self.fileName) != 0 { unlinkat(fd, temporary, 0) }
        return parts.contains { if case .new = $0 { true } else { false } }
    }

    /// Removes the new files of saves that never finished (a build killed while saving): each
    /// as large as the records, with another process's number in its name. One an hour old is
    /// no save under way.
    private static func removeAbandoned(in fd: Int32) {
        let hourAgo = RacyTimes.now() / 1_000_000_000 - 3600
        var info = stat()
        for (name, kind) in FileAccess.entries(in: fd) where kind == .file && name.hasPrefix(fileName + ".") && name.hasSuffix(".tmp") {
            if fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0, info.st_mtim.tv_sec < hourAgo { unlinkat(fd, name, 0) }
        }
    }

    /// Copies `range` of this file to `out`: within the kernel where it can (`copy_file_range`:
    /// no pass through a buffer of ours, and on a file system that shares blocks, Btrfs or XFS,
    /// no copy at all), else a chunk at a time. The save of 100,000 orgs copies 105 MB for one
    /// changed org: 45 ms on tmpfs instead of 50 to 58.
    func copy(_ range: Range<Int>, to out: Int32) -> Bool {
        guard let copyFileRange = Self.copyFileRange else { return bufferedCopy(range, to: out) }
        var offset = Int64(range.lowerBound)
        while offset < Int64(range.upperBound) {
            let n = copyFileRange(file, &offset, out, nil, range.upperBound - Int(offset), 0)
            if n > 0 { continue }
            // Refused by the kernel or the file system (ENOSYS, EXDEV, EINVAL), or the file
            // ended early: the rest goes through a buffer (which then fails at the end).
            if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            return bufferedCopy(Int(offset)..<range.upperBound, to: out)
        }
        return true
    }

    /// glibc's `copy_file_range`, looked up (the Glibc module does not declare it).
    private static let copyFileRange: CopyFileRange? = dlsym(nil, "copy_file_range").map { unsafeBitCast($0, to: CopyFileRange.self) }
    private typealias CopyFileRange = @convention(c) (Int32, UnsafeMutablePointer<Int64>?, Int32, UnsafeMutablePointer<Int64>?, Int, UInt32) -> Int

    /// ``copy(_:to:)`` through a buffer of ours, a chunk at a time.
    func bufferedCopy(_ range: Range<Int>, to out: Int32) -> Bool {
        // Through one buffer: a new one for each megabyte was a new mapping whose pages faulted
        // in anew, 100 of them when one org of 100,000 changed.
        var buffer = [UInt8](repeating: 0, count: min(range.count, Chunk.size))
        return buffer.withUnsafeMutableBytes { buffer in
            stride(from: range.lowerBound, to: range.upperBound, by: Chunk.size).allSatisfy { start in
                let piece = start..<min(range.upperBound, start + Chunk.size)
                return Self.read(file, piece, into: buffer.baseAddress!)
                    && FileAccess.writeAll(out, UnsafeRawBufferPointer(rebasing: buffer[..<piece.count]))
            }
        }
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

    /// The cache folder, made when missing; never a link. Its `.gitignore` and `CACHEDIR.TAG`
    /// are made whenever they are missing, not only with the folder: a folder that was there
    /// already (checked out, or made by hand) would otherwise have its records, names and
    /// e-mails, shown to `git add -A`.
    private static func openFolder(root: String) -> Int32? {
        let rootFD = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootFD >= 0 else { return nil }
        defer { close(rootFD) }
        mkdirat(rootFD, folder, 0o700)
        guard case .success(let fd) = FileAccess.openStep(rootFD, folder) else { return nil }
        let notes = [
            (".gitignore", "# Made by `roster build`: decoded records kept between builds, never committed.\n*\n"),
            ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n# Made by `roster build`: see https://bford.info/cachedir/\n"),
        ]
        for (name, text) in notes {
            let file = openat(fd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if file >= 0 {
                _ = FileAccess.writeAll(file, Array(text.utf8))
                close(file)
            }
        }
        return fd
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
