import Foundation
import RosterCore

/// The output folder: every file goes through here, so none lands outside it, and a file whose
/// bytes would not change is not rewritten (its modification time stays).
public struct SiteOutput: Sendable {
    public let directory: String

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    public init(directory: String) {
        self.directory = URL(fileURLWithPath: directory).standardizedFileURL.path
    }

    /// Refuses a relative path that is absolute, empty, or climbs out with `..`.
    public static func isContained(_ relative: String) -> Bool {
        // Bytes, not Foundation's `contains`, read in place: this runs for each of 20,000 files.
        relative.utf8.withContiguousStorageIfAvailable { isContained($0) } ?? isContained(Array(relative.utf8))
    }

    /// Whether every one of `files` exists, with one `fstatat` each relative to the output
    /// folder (no walk of the absolute path per file).
    func allExist(_ files: [String]) -> Bool {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        return files.allSatisfy { Self.isContained($0) && fstatat(fd, $0, &info, AT_SYMLINK_NOFOLLOW) == 0 }
    }

    /// Writes `bytes` at `relative` unless the file already holds them; returns whether it wrote.
    @discardableResult
    public func write(_ bytes: [UInt8], to relative: String) throws(Failure) -> Bool {
        guard Self.isContained(relative) else { throw Failure(path: relative, reason: "refused: the path would leave the output folder") }
        do {
            // The site can be rebuilt at any time: written in place, without fsync.
            return try AtomicWriter.write(bytes, to: directory + "/" + relative, durable: false)
        } catch {
            throw Failure(path: relative, reason: error.reason)
        }
    }

    /// The clean orgs of the last build into this folder (``CleanOrgs``), when their file is
    /// there, whole, and not through a link.
    func cleanOrgs() -> CleanOrgs? {
        guard case .success(let bytes) = FileAccess.read(directory + "/" + CleanOrgs.fileName) else { return nil }
        return CleanOrgs.parse(bytes)
    }

    public func exists(_ relative: String) -> Bool {
        var info = stat()
        return Self.isContained(relative) && lstat(directory + "/" + relative, &info) == 0
    }

    /// Removes a file roster wrote in an earlier build (listed in the manifest), and its folder
    /// when that becomes empty. Folders are opened without following links, and only a file
    /// (or a link itself) is removed: a manifest found in the folder names what to delete, so a
    /// linked folder in it must not lead the removal outside. Returns whether a file was
    /// removed (a build counts only those: a manifest can name paths that are not there).
    @discardableResult
    public func remove(_ relative: String) -> Bool {
        guard Self.isContained(relative) else { return false }
        let folder = AtomicWriter.parent(of: relative) == "." ? "" : AtomicWriter.parent(of: relative)
        guard case .success(let fd) = FileAccess.openFolder(root: directory, folder) else { return false }
        defer { close(fd) }
        let name = String(relative.split(separator: "/").last!)
        var info = stat()
        guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0, (info.st_mode & S_IFMT) != S_IFDIR, unlinkat(fd, name, 0) == 0 else {
            return false
        }
        // The folder goes when it is empty now (removing a folder that is not empty fails).
        guard !folder.isEmpty else { return true }
        let up = AtomicWriter.parent(of: folder) == "." ? "" : AtomicWriter.parent(of: folder)
        guard case .success(let parent) = FileAccess.openFolder(root: directory, up) else { return true }
        unlinkat(parent, String(folder.split(separator: "/").last!), AT_REMOVEDIR)
        close(parent)
        return true
    }

    /// What ``checkTargets(_:files:)`` found in the output folder.
    struct Targets: Equatable {
        /// For each path, whether a file is there already (empty when files were not looked
        /// at, or the folder holds nothing): a page whose key did not change is not made again
        /// when its file is still there.
        var existing: [Bool]
    }

    /// Refuses, before anything is written, outputs that could not all land where they belong:
    /// a path that leaves the folder, one listed twice, or a folder (and, with `files`, a file)
    /// on the way that is a symbolic link or of the wrong kind in the output folder as it is.
    /// So a refused build changes no file in the folder. The folders and files are looked at
    /// on every core; the first refused in order is reported, as one thread would have.
    func checkTargets(_ paths: [String], files: Bool) throws(Failure) -> Targets {
        let checked = OutputPaths.check(paths)
        if let (k, why) = checked.refused {
            throw Failure(
                path: paths[k],
                reason: why == .leaves
                    ? "refused: the path would leave the output folder; nothing was written"
                    : "refused: two outputs have this path; nothing was written")
        }
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return Targets(existing: []) }
        defer { close(fd) }
        // An empty folder holds no link or file in the way: a full build skips a stat for each
        // of its 30,000 paths (each failed at the first missing folder, on one thread).
        guard !Self.holdsNothing(fd) else { return Targets(existing: []) }
        // Sorted, a folder comes before what it holds: a link is met before anything behind it.
        let sorted = checked.folders.sorted()
        // The folders read whole for both checks, listed side by side: at 100,000 orgs `orgs/`
        // (for the folders) and `api/orgs/` (for the files) hold 100,000 entries each, and were
        // read one after the other on one core.
        var whole = Self.foldersReadWhole(sorted)
        if files {
            for folder in Self.foldersReadWhole(paths) where !whole.contains(where: { Self.same($0, folder) }) { whole.append(folder) }
        }
        let listed = Self.listings(whole, in: fd)
        let folderKinds = Self.kinds(sorted, in: fd, listed: listed)
        if let wrong = Self.firstMismatch(sorted, folderKinds, expected: S_IFDIR) {
            throw Failure(
                path: wrong.path,
                reason: "refused: this is \(Self.kind(wrong.kind)) in the output folder where a folder goes; remove it; nothing was written")
        }
        guard files else { return Targets(existing: []) }
        let fileKinds = Self.kinds(paths, in: fd, listed: listed)
        if let wrong = Self.firstMismatch(paths, fileKinds, expected: S_IFREG) {
            throw Failure(
                path: wrong.path,
                reason: "refused: this is \(Self.kind(wrong.kind)) in the output folder where a file goes; remove it; nothing was written")
        }
        return Targets(existing: fileKinds.map { $0 == S_IFREG })
    }

    /// The kind (`S_IFMT` bits) of what each of `paths` names in the folder `fd`, a link not
    /// followed; nil where nothing is. A folder that holds many of the paths (`orgs/`, `api/orgs/`)
    /// is read once (its listing in `listings`, see ``foldersReadWhole(_:)``), the kinds taken
    /// from its entries, instead of a `fstatat` a path (20,000 of the 31,000 of a site of 10,000
    /// orgs); the others, and an entry of unknown kind, are looked at one by one.
    static func kinds(_ paths: [String], in fd: Int32, listed listings: [(folder: String, table: NameTable<mode_t>)]) -> [mode_t?] {
        // The listings are lent, never copied: a copy of a table for each path (the folder
        // changes from path to path, each org's page then its JSON) was a reference count that
        // both cores bumped on the same table, 70 ms at 100,000 orgs.
        let folders = listings.map(\.folder), tables = listings.map(\.table)
        return parallelMap(OutputLookup.ranges(paths.count), chunkSize: 1) { range -> [mode_t?] in
            var info = stat()
            return tables.withUnsafeBufferPointer { tables in
                // The listing of the folder of the last path: the next path is most often in it.
                var last: (folder: Substring, listing: Int?) = ("", nil)
                return range.map { k -> mode_t? in
                    let path = paths[k], folder = Self.parent(of: path)
                    if !Self.same(folder, last.folder) || k == range.lowerBound {
                        last = (folder, folders.indices.first { Self.same(folders[$0][...], folder) })
                    }
                    if let listing = last.listing {
                        let name = folder.isEmpty ? path[...] : path[path.utf8.index(after: folder.endIndex)...]
                        guard let kind = tables[listing].value(name) else { return nil }
                        if kind != 0 { return kind }
                    }
                    return fstatat(fd, path, &info, AT_SYMLINK_NOFOLLOW) == 0 ? info.st_mode & S_IFMT : nil
                }
            }
        }.flatMap { $0 }
    }

    /// The folders of `paths` that hold at least ``listedFolderSize`` of them, in the order they
    /// get there. The outputs of a folder come one after the other, or taking turns with a few
    /// others (each org's page, then its JSON): runs of paths with the same folder are counted
    /// for the last few folders met, with no table of every folder (100,000 at 100,000 orgs).
    /// When the outputs of `api/orgs/` were counted only in a row, taking turns with each org's
    /// folder, its 10,000 files were looked at one by one.
    /// Folders are told apart by their bytes, never as Strings: "é" and "e\u{301}" are equal
    /// Strings but two folders, and the listing of one taken for the other found nothing
    /// where a link was, which was then followed.
    static func foldersReadWhole(_ paths: [String]) -> [Substring] {
        var out: [Substring] = []
        var recent: [(folder: Substring, count: Int, seen: Int)] = []
        var runStart = 0
        for k in paths.indices where k + 1 == paths.count || !Self.sameParent(paths[k + 1], paths[runStart]) {
            let folder = Self.parent(of: paths[runStart]), run = k + 1 - runStart
            runStart = k + 1
            var at = recent.firstIndex { Self.same($0.folder, folder) }
            if let i = at {
                (recent[i].count, recent[i].seen) = (recent[i].count + run, k)
            } else {
                if recent.count == 4, let oldest = recent.indices.min(by: { recent[$0].seen < recent[$1].seen }) { recent.remove(at: oldest) }
                recent.append((folder, run, k))
                at = recent.count - 1
            }
            if let i = at, recent[i].count >= listedFolderSize, !out.contains(where: { Self.same($0, folder) }) { out.append(folder) }
        }
        return out
    }

    /// Whether the folders of two paths are the same bytes, read in place: two Substrings made
    /// for each of 200,000 paths, on one thread, were most of ``foldersReadWhole(_:)``.
    static func sameParent(_ a: String, _ b: String) -> Bool {
        let same = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in
                let i = x.lastIndex(of: 0x2F) ?? 0, j = y.lastIndex(of: 0x2F) ?? 0
                return i == j && (i == 0 || memcmp(x.baseAddress!, y.baseAddress!, i) == 0)
            }
        }
        return (same ?? nil) ?? Self.same(parent(of: a), parent(of: b))
    }

    /// Whether two folders are the same bytes (not the same text: see ``foldersReadWhole(_:)``).
    static func same(_ a: String, _ b: String) -> Bool {
        // Strings compared as they are: a Substring made of each took a reference count.
        let same = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) }
        }
        return (same ?? nil) ?? a.utf8.elementsEqual(b.utf8)
    }

    static func same(_ a: Substring, _ b: Substring) -> Bool {
        // `memcmp` on the bytes where they are (an element-by-element walk of the two UTF-8
        // views, for each of 30,000 paths, cost a one-org rebuild 10 ms at 10,000 orgs).
        let same = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) }
        }
        return (same ?? nil) ?? a.utf8.elementsEqual(b.utf8)
    }

    /// A folder is read whole when it holds at least this many of the outputs.
    static let listedFolderSize = 32

    /// The part of `path` before its last `/` (empty for a path in the output folder itself).
    static func parent(of path: String) -> Substring {
        parent(of: path[...])
    }

    static func parent(of path: Substring) -> Substring {
        path.utf8.lastIndex(of: 0x2F).map { path[..<$0] } ?? path[path.startIndex..<path.startIndex]
    }

    /// The kinds of the entries of `folder` in `fd` by name (0: the file system did not say);
    /// nil when it cannot be opened as a folder (it is missing, a link, a file) or read to the
    /// end, and its paths are then looked at one by one.
    /// The listings of `folders` that can be read, each on a core of its own.
    static func listings(_ folders: [Substring], in fd: Int32) -> [(folder: String, table: NameTable<mode_t>)] {
        parallelMap(folders, chunkSize: 1) { folder in listing(String(folder), in: fd).map { (String(folder), $0) } }.compactMap { $0 }
    }

    /// The entries of `folder` (under the open folder `fd`) with their kinds; nil when it
    /// cannot be read, or a link stands anywhere on its way: the listings are taken before the
    /// folders on their way are checked, and nothing outside the output folder is read.
    static func listing(_ folder: String, in fd: Int32) -> NameTable<mode_t>? {
        guard let opened = folder.isEmpty ? dup(fd) : FileAccess.openFolder(in: fd, folder), opened >= 0 else { return nil }
        guard let dir = fdopendir(opened) else {
            close(opened)
            return nil
        }
        defer { closedir(dir) }
        if folder.isEmpty { rewinddir(dir) }
        var out = NameTable<mode_t>(capacity: 1024)
        errno = 0
        while let entry = readdir(dir) {
            let type = entry.pointee.d_type
            withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                let name = UnsafeRawBufferPointer(rebasing: raw[..<(raw.firstIndex(of: 0) ?? raw.count)])
                out.insert(name, Self.mode(ofEntryType: type))
            }
        }
        return errno == 0 ? out : nil
    }

    /// The `S_IFMT` kind a folder entry's type names; 0 for `DT_UNKNOWN`.
    static func mode(ofEntryType type: UInt8) -> mode_t {
        switch Int32(type) {
        case Int32(DT_REG): S_IFREG
        case Int32(DT_DIR): S_IFDIR
        case Int32(DT_LNK): S_IFLNK
        case Int32(DT_FIFO): S_IFIFO
        case Int32(DT_SOCK): S_IFSOCK
        case Int32(DT_CHR): S_IFCHR
        case Int32(DT_BLK): S_IFBLK
        default: 0
        }
    }

    /// The first of `paths` where something other than `expected` is, with its kind.
    static func firstMismatch(_ paths: [String], _ kinds: [mode_t?], expected: mode_t) -> (path: String, kind: mode_t)? {
        for (path, kind) in zip(paths, kinds) {
            if let kind, kind != expected { return (path, kind) }
        }
        return nil
    }

    /// Whether the open folder `fd` has no entry; false when it cannot be read to the end.
    static func holdsNothing(_ fd: Int32) -> Bool {
        let copy = dup(fd)
        guard copy >= 0, let dir = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            return false
        }
        defer { closedir(dir) }
        errno = 0
        while let entry = readdir(dir) {
            let dot = withUnsafeBytes(of: entry.pointee.d_name) { $0[0] == 0x2E && ($0[1] == 0 || ($0[1] == 0x2E && $0[2] == 0)) }
            if !dot { return false }
        }
        return errno == 0
    }

    static func kind(_ mode: mode_t) -> String {
        switch mode {
        case S_IFLNK: "a symbolic link"
        case S_IFDIR: "a folder"
        case S_IFREG: "a file"
        default: "a special file"
        }
    }
}
