#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a record file, the POSIX way: one open, one fstat, one read. `O_NOFOLLOW` refuses a
/// symbolic link, so a record cannot point at a file outside the repository.
enum FileAccess {
    enum ReadError: Error, Equatable {
        case symbolicLink
        case notRegularFile
        case system(String)
    }

    static func read(_ path: String) -> Result<[UInt8], ReadError> {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 {
            let code = errno
            if code == ELOOP { return .failure(.symbolicLink) }
            return .failure(.system(String(cString: strerror(code))))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.system(String(cString: strerror(errno)))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.notRegularFile) }
        var bytes = [UInt8]()
        var capacity = Int(info.st_size) + 1
        // Files can grow between fstat and read; keep reading until end of file.
        while true {
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: capacity))
            let n = bytes.withUnsafeMutableBufferPointer { buffer in
                Glibc.read(fd, buffer.baseAddress! + start, capacity)
            }
            if n < 0 { return .failure(.system(String(cString: strerror(errno)))) }
            bytes.removeLast(capacity - n)
            if n < capacity { return .success(bytes) }
            capacity = 65536
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

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}
