#if canImport(Glibc)
    import Glibc
#endif

/// Writes files so that a reader (or a crash) sees either the old bytes or the new, never a mix:
/// temp file in the same directory, fsync, rename over the target, fsync of the directory.
public enum AtomicWriter {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): cannot write: \(reason)" }
    }

    /// Writes `bytes` to `path`, creating parent directories. Skips the write (and keeps the
    /// modification time) when the file already holds exactly these bytes; returns whether it wrote.
    /// With `durable: false` the data is not fsynced (for output that can be rebuilt, such as
    /// the portal); the rename still makes the switch atomic for readers.
    @discardableResult
    public static func write(_ bytes: [UInt8], to path: String, durable: Bool = true) throws(WriteError) -> Bool {
        if case .success(let existing) = FileAccess.read(path), existing == bytes { return false }
        if !durable { return try overwrite(bytes, at: path) }
        let temp = try writeTemporary(bytes, beside: path, durable: durable)
        guard rename(temp, path) == 0 else { let e = failure(path); unlink(temp); throw e }
        if durable { syncDirectory(parent(of: path)) }
        return true
    }

    /// The same for a file given as pieces written one after the other (a large document
    /// written by several threads), with no copy joining them. With `durable: false` (output
    /// made again from the records, such as the export) nothing is fsynced: the rename alone
    /// keeps readers from ever seeing half a file.
    @discardableResult
    public static func write(pieces: [[UInt8]], to path: String, durable: Bool = true) throws(WriteError) -> Bool {
        if case .success(let existing) = FileAccess.read(path), holds(existing, pieces) { return false }
        let temp = try writeTemporary(pieces, beside: path, durable: durable)
        guard rename(temp, path) == 0 else { let e = failure(path); unlink(temp); throw e }
        if durable { syncDirectory(parent(of: path)) }
        return true
    }

    /// Whether `bytes` are the pieces one after the other.
    static func holds(_ bytes: [UInt8], _ pieces: [[UInt8]]) -> Bool {
        guard bytes.count == pieces.reduce(0, { $0 + $1.count }) else { return false }
        var at = 0
        for piece in pieces {
            guard bytes[at..<at + piece.count].elementsEqual(piece) else { return false }
            at += piece.count
        }
        return true
    }

    /// Writes in place (no temporary file, no fsync): for output that can be rebuilt. A new
    /// inode per file (temp and rename) made the portal's 20,000 files cost seconds on ext4.
    static func overwrite(_ bytes: [UInt8], at path: String) throws(WriteError) -> Bool {
        var fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        if fd < 0, errno == ENOENT {
            try makeDirectories(parent(of: path))
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        }
        guard fd >= 0 else { throw failure(path) }
        defer { close(fd) }
        guard FileAccess.writeAll(fd, bytes) else { throw failure(path) }
        return true
    }

    /// Prefix of temporary files; a crash before their rename leaves them behind, and
    /// ``Transaction/recover(root:)`` removes them.
    public static let temporaryPrefix = ".roster-tmp-"

    /// Writes and fsyncs `bytes` to a new temporary file in the directory of `path`; returns its path.
    static func writeTemporary(_ bytes: [UInt8], beside path: String, durable: Bool = true) throws(WriteError) -> String {
        try writeTemporary([bytes], beside: path, durable: durable)
    }

    static func writeTemporary(_ pieces: [[UInt8]], beside path: String, durable: Bool = true) throws(WriteError) -> String {
        let directory = parent(of: path)
        try makeDirectories(directory)
        let name = path.split(separator: "/").last.map(String.init) ?? "file"
        let temp = directory + "/" + temporaryPrefix + "\(getpid())-" + name
        // Made anew, never opened through a link: a link planted at the temporary name (it is
        // predictable) was followed, and what it pointed to truncated and written. A file left
        // there (a run of the same pid that stopped) or a link is removed first, itself.
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC
        var fd = open(temp, flags, 0o644)
        if fd < 0, errno == EEXIST {
            unlink(temp)
            fd = open(temp, flags, 0o644)
        }
        guard fd >= 0 else { throw failure(path) }
        for bytes in pieces where !FileAccess.writeAll(fd, bytes) {
            let e = failure(path)
            close(fd)
            unlink(temp)
            throw e
        }
        if durable, fsync(fd) != 0 { let e = failure(path); close(fd); unlink(temp); throw e }
        close(fd)
        return temp
    }

    /// Removes a file and makes the removal durable.
    public static func remove(_ path: String) throws(WriteError) {
        guard unlink(path) == 0 || errno == ENOENT else { throw failure(path) }
        syncDirectory(parent(of: path))
    }

    static func failure(_ path: String) -> WriteError {
        WriteError(path: path, reason: String(cString: strerror(errno)))
    }

    public static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    public static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    public static func makeDirectories(_ directory: String) throws(WriteError) {
        var info = stat()
        if stat(directory, &info) == 0 { return }
        try makeDirectories(parent(of: directory))
        guard mkdir(directory, 0o755) == 0 || errno == EEXIST else { throw failure(directory) }
    }
}
