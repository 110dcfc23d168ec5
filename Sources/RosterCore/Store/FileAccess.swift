#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading the repository's files, the POSIX way, without ever following a symbolic link:
/// `O_NOFOLLOW` on the file, and folders opened one step at a time with `O_NOFOLLOW` relative
/// to their parent, so no link is followed between a check and the read that trusts it.
public enum FileAccess {
    /// Why a file or folder could not be read.
    public enum ReadError: Error, Equatable, Sendable {
        case symbolicLink
        case notRegularFile
        case system(String)
    }

    /// What an entry of a folder is, as `lstat` sees it (a link is never followed).
    public enum EntryKind: Sendable, Equatable {
        case file, folder, symbolicLink, other
    }

    /// Reads the file at `path`; a link as its last component is refused.
    public static func read(_ path: String) -> Result<[UInt8], ReadError> {
        read(in: AT_FDCWD, path)
    }

    /// Reads `name` inside the open folder `folder`, not following a link.
    public static func read(in folder: Int32, _ name: String) -> Result<[UInt8], ReadError> {
        readStamped(in: folder, name).map(\.bytes)
    }

    /// ``read(in:_:)``, with the size, time and inode `fstat` saw, so a later reader can tell
    /// whether the file is still the one that was read.
    static func readStamped(in folder: Int32, _ name: String) -> Result<(bytes: [UInt8], stamp: RecordCache.Stamp), ReadError> {
        let fd = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 {
            let code = errno
            if code == ELOOP { return .failure(.symbolicLink) }
            return .failure(.system(String(cString: strerror(code))))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.system(String(cString: strerror(errno)))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.notRegularFile) }
        let stamp = RecordCache.Stamp(info)
        return readAll(fd, size: Int(info.st_size)).map { ($0, stamp) }
    }

    /// One read of the size fstat gives (plus one byte to see the end of file), into memory
    /// that is not zero-filled first. Only that size, read whole, ends there: a file that grew
    /// meanwhile, or a read that returned less (one read stops at 2 GB; some file systems and
    /// pipes return what they have), is read on in chunks to the end of file. A short read
    /// taken for the end of file handed on the first part of a file as all of it.
    static func readAll(_ fd: Int32, size: Int) -> Result<[UInt8], ReadError> {
        var failed = false
        var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            var n: Int
            repeat { n = Glibc.read(fd, buffer.baseAddress!, size + 1) } while n < 0 && errno == EINTR
            failed = n < 0
            count = max(n, 0)
        }
        if failed { return .failure(.system(String(cString: strerror(errno)))) }
        if bytes.count == size { return .success(bytes) }
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBufferPointer { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n < 0 { return .failure(.system(String(cString: strerror(errno)))) }
            if n == 0 { return .success(bytes) }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }

    /// Writes all of `bytes` to `fd`, at `offset` (`pwrite`) or where the file is (`write`),
    /// again after a signal interrupted it; false when a write fails (`errno` says why).
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int? = nil) -> Bool {
        var done = 0
        while done < bytes.count {
            let n =
                if let offset { pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done)) } else {
                    write(fd, bytes.baseAddress! + done, bytes.count - done)
                }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return false }
            done += n
        }
        return true
    }

    public static func writeAll(_ fd: Int32, _ bytes: [UInt8], at offset: Int? = nil) -> Bool {
        bytes.withUnsafeBytes { writeAll(fd, $0, at: offset) }
    }

    /// Opens the folder `relative` (slash-separated, inside `root`) one component at a time,
    /// refusing a symbolic link at any step. `root` itself is the user's choice and is followed.
    /// The caller closes the descriptor.
    public static func openFolder(root: String, _ relative: String) -> Result<Int32, ReadError> {
        var fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(.system(String(cString: strerror(errno)))) }
        for part in relative.split(separator: "/") {
            let next = openStep(fd, String(part))
            close(fd)
            switch next {
            case .success(let child): fd = child
            case .failure: return next
            }
        }
        return .success(fd)
    }

    /// Opens the folder `name` inside `parent`, never through a link.
    /// Opens the folder `relative` (slash-separated) under the open folder `parent`, one
    /// component at a time, refusing a symbolic link at any step; nil when it cannot be opened
    /// so. (`O_NOFOLLOW` on the whole path guards only its last component.) The caller closes
    /// the descriptor.
    public static func openFolder(in parent: Int32, _ relative: String) -> Int32? {
        var fd = parent
        for part in relative.split(separator: "/") {
            let next = openStep(fd, String(part))
            if fd != parent { close(fd) }
            guard case .success(let child) = next else { return nil }
            fd = child
        }
        return fd == parent ? dup(parent) : fd
    }

    static func openStep(_ parent: Int32, _ name: String) -> Result<Int32, ReadError> {
        let fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if fd >= 0 { return .success(fd) }
        let code = errno
        if code == ELOOP || kind(in: parent, name) == .symbolicLink { return .failure(.symbolicLink) }
        if code == ENOTDIR { return .failure(.notRegularFile) }
        return .failure(.system(String(cString: strerror(code))))
    }

    /// Names and kinds of the entries of an open folder, sorted by name ("." and ".." left out).
    public static func entries(in folder: Int32) -> [(name: String, kind: EntryKind)] {
        let copy = dup(folder)
        guard copy >= 0, let dir = fdopendir(copy) else { if copy >= 0 { close(copy) }; return [] }
        defer { closedir(dir) }
        rewinddir(dir)
        var out: [(name: String, kind: EntryKind)] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            // The folder entry's type spares one lstat per file; some file systems leave it unknown.
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): out.append((name, .file))
            case Int32(DT_DIR): out.append((name, .folder))
            case Int32(DT_LNK): out.append((name, .symbolicLink))
            case Int32(DT_UNKNOWN): out.append((name, kind(in: folder, name)))
            default: out.append((name, .other))
            }
        }
        return out.sorted { $0.name < $1.name }
    }

    /// What `name` inside `folder` is, without following a link; `.other` when it is missing.
    static func kind(in folder: Int32, _ name: String) -> EntryKind {
        var info = stat()
        guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    /// Names of the entries of a directory, sorted; empty when it does not exist.
    static func list(_ directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// A directory, not followed through a symbolic link.
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}
