import Foundation
import RosterCore

/// Writes the files of one build into the output folder. Every file is opened relative to the
/// folder (one `openat`, no walk of the absolute path per file), and a folder that is not there
/// is made by the thread that writes a file into it. Into a folder that was empty or missing
/// when the build began there is nothing to compare with, so files are created without a read;
/// otherwise a file whose bytes would not change is left alone (its modification time stays).
///
/// Folders on the way were checked not to be links (``SiteOutput/checkTargets(_:files:)``);
/// the file itself is opened with `O_NOFOLLOW`.
struct OutputWriter: Sendable {
    let output: SiteOutput
    /// The output folder, open for the build.
    let folder: Int32
    /// The folder was empty or missing: every file is new.
    let fresh: Bool

    /// Opens the output folder (made if missing). The folders of the files are made as the files
    /// are (``write(pieces:to:alone:)``): made all at once before the first file, 10,000 org
    /// folders in `orgs/` took 37 ms at 10,000 orgs, the two threads taking turns at the lock of
    /// `orgs/`; made among the pages, a thread seldom waits.
    init(_ output: SiteOutput) throws(SiteOutput.Failure) {
        self.output = output
        do { try AtomicWriter.makeDirectories(output.directory) } catch { throw SiteOutput.Failure(path: ".", reason: error.reason) }
        folder = open(output.directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { throw SiteOutput.Failure(path: ".", reason: String(cString: strerror(errno))) }
        fresh = SiteOutput.holdsNothing(folder)
    }

    /// Makes the folder `path` in `parent` and the folders on its way that are not there; a
    /// folder that is there already (another thread's file made it) is fine. Nil when done,
    /// else why the folder could not be made.
    static func makeFolder(_ path: Substring, in parent: Int32) -> SiteOutput.Failure? {
        if mkdirat(parent, String(path), 0o755) == 0 || errno == EEXIST { return nil }
        if errno == ENOENT, let slash = path.lastIndex(of: "/") {
            if let failure = makeFolder(path[..<slash], in: parent) { return failure }
            if mkdirat(parent, String(path), 0o755) == 0 || errno == EEXIST { return nil }
        }
        return SiteOutput.Failure(path: String(path), reason: String(cString: strerror(errno)))
    }

    func closeFolder() {
        Glibc.close(folder)
    }

    /// Writes `bytes` at `relative` unless the file already holds them; returns whether it wrote.
    func write(_ bytes: [UInt8], to relative: String, alone: Bool = false) throws(SiteOutput.Failure) -> Bool {
        try write(pieces: { emit in emit(bytes) }, to: relative, alone: alone)
    }

    /// Writes the bytes `make` hands to its `emit`, piece by piece, unless the file already
    /// holds them; returns whether it wrote. `make` runs once: its pieces are compared with the
    /// file as they come, and from the first that differs on, written in place over the rest
    /// (the bytes before it are the same already), the file then cut to the new length. (Made
    /// once to compare and again to write, `api/orgs.json` cost twice its 20 ms at 10,000 orgs,
    /// on the one thread that made it, in every rebuild.)
    /// Into a folder that was empty, the folder of a file `alone` in it is made first (a file
    /// opened in a folder not there fails at a cost; the first file of any other folder makes
    /// it so).
    func write(pieces make: (_ emit: ([UInt8]) -> Void) -> Void, to relative: String, alone: Bool = false) throws(SiteOutput.Failure) -> Bool {
        guard SiteOutput.isContained(relative) else {
            throw SiteOutput.Failure(path: relative, reason: "refused: the path would leave the output folder")
        }
        var replaced = false
        if !fresh {
            let fd = openat(folder, relative, O_RDWR | O_NOFOLLOW | O_CLOEXEC)
            if fd >= 0 {
                defer { Glibc.close(fd) }
                var info = stat()
                if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
                    if info.st_nlink > 1 {
                        // A file with another name (a hard link, maybe to a file outside the
                        // output folder) is not written through: when its bytes differ, its name
                        // here is given a new file, and the other name keeps the old bytes.
                        if Self.holds(fd, make) { return false }
                        guard unlinkat(folder, relative, 0) == 0 else { throw failure(relative) }
                        replaced = true
                    } else {
                        switch Self.update(fd, size: Int(info.st_size), make) {
                        case .same: return false
                        case .wrote: return true
                        case .failed: throw failure(relative)
                        }
                    }
                }
            } else if errno == EACCES {
                // A file that may be read but not written is left alone when it holds the bytes.
                let fd = openat(folder, relative, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
                if fd >= 0 {
                    let same = Self.holds(fd, make)
                    Glibc.close(fd)
                    if same { return false }
                }
            }
        }
        // A name just freed is made anew (`O_EXCL`): a link put there meanwhile is not opened.
        let flags = O_WRONLY | O_CREAT | (replaced ? O_EXCL : O_TRUNC) | O_NOFOLLOW | O_CLOEXEC
        let slash = relative.utf8.lastIndex(of: 0x2F)
        if fresh, alone, let slash, let failure = Self.makeFolder(relative[..<slash], in: folder) { throw failure }
        var fd = openat(folder, relative, flags, 0o644)
        if fd < 0, errno == ENOENT, let slash {
            if let failure = Self.makeFolder(relative[..<slash], in: folder) { throw failure }
            fd = openat(folder, relative, flags, 0o644)
        }
        guard fd >= 0 else { throw failure(relative) }
        defer { Glibc.close(fd) }
        var ok = true
        make { piece in if ok { ok = FileAccess.writeAll(fd, piece) } }
        guard ok else { throw failure(relative) }
        return true
    }

    enum Update { case same, wrote, failed }

    /// Compares the pieces `make` hands over with the open file of `size` bytes, one after the
    /// other, and writes from the first piece that differs on (see ``write(pieces:to:)``).
    static func update(_ fd: Int32, size: Int, _ make: (_ emit: ([UInt8]) -> Void) -> Void) -> Update {
        var offset = 0, writing = false, ok = true, existing: [UInt8] = []
        make { piece in
            guard ok else { return }
            if !writing {
                if offset + piece.count <= size, readAll(fd, piece.count, at: offset, into: &existing), existing == piece {
                    offset += piece.count
                    return
                }
                writing = true
            }
            ok = FileAccess.writeAll(fd, piece, at: offset)
            offset += piece.count
        }
        guard ok else { return .failed }
        if !writing && offset == size { return .same }
        return ftruncate(fd, off_t(offset)) == 0 ? .wrote : .failed
    }

    /// Reads `count` bytes at `offset` into `buffer` (its old bytes dropped); false when the
    /// file ends first or cannot be read.
    static func readAll(_ fd: Int32, _ count: Int, at offset: Int, into buffer: inout [UInt8]) -> Bool {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: repeatElement(0, count: count))
        var done = 0
        while done < count {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if n <= 0 { return false }
            done += n
        }
        return true
    }

    /// Whether the open file holds exactly the pieces `make` hands over, one after the other.
    static func holds(_ fd: Int32, _ make: (_ emit: ([UInt8]) -> Void) -> Void) -> Bool {
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        var same = true, offset = 0, existing: [UInt8] = []
        make { piece in
            guard same else { return }
            guard offset + piece.count <= Int(info.st_size), readAll(fd, piece.count, at: offset, into: &existing) else { return same = false }
            same = existing == piece
            offset += piece.count
        }
        return same && offset == Int(info.st_size)
    }

    func failure(_ relative: String) -> SiteOutput.Failure {
        SiteOutput.Failure(path: relative, reason: String(cString: strerror(errno)))
    }
}
