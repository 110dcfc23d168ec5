import Foundation
import RosterCore

/// Writes the files of one build into the output folder. Its folders are made once, before the
/// first file, and every file is opened relative to the folder (one `openat`, no walk of the
/// absolute path per file). Into a folder that was empty or missing when the build began there
/// is nothing to compare with, so files are created without a read; otherwise a file whose bytes
/// would not change is left alone (its modification time stays).
///
/// Folders on the way were checked not to be links (``SiteOutput/checkTargets(_:files:)``);
/// the file itself is opened with `O_NOFOLLOW`.
struct OutputWriter: Sendable {
    let output: SiteOutput
    /// The output folder, open for the build.
    let folder: Int32
    /// The folder was empty or missing: every file is new.
    let fresh: Bool

    /// Opens the output folder (made if missing) and makes `folders` in it (sorted: a folder
    /// before the folders it holds).
    init(_ output: SiteOutput, folders: [String], workers: Int) throws(SiteOutput.Failure) {
        self.output = output
        do { try AtomicWriter.makeDirectories(output.directory) } catch { throw SiteOutput.Failure(path: ".", reason: error.reason) }
        folder = open(output.directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { throw SiteOutput.Failure(path: ".", reason: String(cString: strerror(errno))) }
        fresh = SiteOutput.holdsNothing(folder)
        if let failure = Self.make(folders, in: folder, workers: workers) {
            Glibc.close(folder)
            throw failure
        }
    }

    /// Makes `folders` (sorted: a folder before what it holds) in `parent`, those of one depth
    /// at a time on `workers` threads (10,000 org folders took 40 ms on one); the first failure.
    static func make(_ folders: [String], in parent: Int32, workers: Int) -> SiteOutput.Failure? {
        let byDepth = Dictionary(grouping: folders) { $0.utf8.reduce(0) { $0 + ($1 == 0x2F ? 1 : 0) } }
        for depth in byDepth.keys.sorted() {
            let level = byDepth[depth]!
            let chunks = ParallelJobs.chunks(count: level.count, alone: 0, size: 256)
            let failures = ParallelJobs.map(count: level.count, chunks: chunks, workers: workers) { k -> SiteOutput.Failure? in
                guard mkdirat(parent, level[k], 0o755) != 0, errno != EEXIST else { return nil }
                return SiteOutput.Failure(path: level[k], reason: String(cString: strerror(errno)))
            }
            if let failure = failures.lazy.compactMap({ $0 }).first { return failure }
        }
        return nil
    }

    func closeFolder() {
        Glibc.close(folder)
    }

    /// Writes `bytes` at `relative` unless the file already holds them; returns whether it wrote.
    func write(_ bytes: [UInt8], to relative: String) throws(SiteOutput.Failure) -> Bool {
        try write(pieces: { emit in emit(bytes) }, to: relative)
    }

    /// Writes the bytes `make` hands to its `emit`, piece by piece, unless the file already
    /// holds them; returns whether it wrote. `make` runs once: its pieces are compared with the
    /// file as they come, and from the first that differs on, written in place over the rest
    /// (the bytes before it are the same already), the file then cut to the new length. (Made
    /// once to compare and again to write, `api/orgs.json` cost twice its 20 ms at 10,000 orgs,
    /// on the one thread that made it, in every rebuild.)
    func write(pieces make: (_ emit: ([UInt8]) -> Void) -> Void, to relative: String) throws(SiteOutput.Failure) -> Bool {
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
        let fd = openat(folder, relative, O_WRONLY | O_CREAT | (replaced ? O_EXCL : O_TRUNC) | O_NOFOLLOW | O_CLOEXEC, 0o644)
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
