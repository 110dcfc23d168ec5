#if canImport(Glibc)
    import Glibc
#endif
import Foundation

/// The lock that keeps two roster runs from changing a repository at once: `.roster.lock` in
/// the project root, created exclusively, holding the pid, host and time of its holder.
public struct RepositoryLock: Sendable {
    public static let fileName = ".roster.lock"

    /// Who holds a lock.
    public struct Holder: Sendable, Equatable, CustomStringConvertible {
        public var pid: Int32
        public var host: String
        public var since: String

        /// A holder on this host whose process is gone: its lock is stale.
        public var isStale: Bool {
            guard host == RepositoryLock.hostName else { return false }
            return kill(pid, 0) != 0 && errno == ESRCH
        }

        public var description: String { "process \(pid) on \(host) since \(since)" }
    }

    public enum Failure: Error, Sendable, CustomStringConvertible {
        case held(Holder)
        case stale(Holder)
        /// The lock file is there but says no holder (empty, garbled, unreadable, a link).
        case unreadable
        case io(String)

        public var description: String {
            switch self {
            case .held(let h):
                "the repository is locked by \(h) (another roster is changing it); try again when it is done (if that process is gone, `roster unlock --force` removes the lock)"
            case .stale(let h):
                "the repository is locked by \(h), which is no longer running; run `roster unlock` to clear the stale lock (it also completes an interrupted change)"
            case .unreadable:
                "the lock file \(RepositoryLock.fileName) names no holder (it is empty, garbled or unreadable; a roster killed while taking the lock leaves one): if no other roster is running, run `roster unlock` to remove it"
            case .io(let reason): "cannot create \(RepositoryLock.fileName): \(reason)"
            }
        }
    }

    public let path: String

    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        gethostname(&buffer, buffer.count - 1)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Takes the lock, waiting up to `timeout` seconds for another holder to finish. A lock
    /// file that names no holder is given the same wait (a holder writes its line right after
    /// creating the file), then reported: never an endless wait.
    public static func acquire(root: String, timeout: Double = 5) throws(Failure) -> RepositoryLock {
        let path = root + "/" + fileName
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if fd >= 0 {
                let stamp = ISO8601DateFormatter().string(from: Date())
                let text = "\(getpid()) \(hostName) \(stamp)\n"
                _ = text.withCString { write(fd, $0, strlen($0)) }
                fsync(fd)
                close(fd)
                AtomicWriter.syncDirectory(root)
                return RepositoryLock(path: path)
            }
            guard errno == EEXIST else { throw .io(String(cString: strerror(errno))) }
            let holder = holder(root: root)
            if let holder, holder.isStale {
                // The holder may have released the lock and exited since its file was read (a
                // change that just finished): stale only while the file still names it.
                if Self.holder(root: root) == holder { throw .stale(holder) }
                continue
            }
            if Date() >= deadline { throw holder.map { .held($0) } ?? .unreadable }
            usleep(holder == nil ? 10_000 : 20_000)
        }
    }

    /// The current holder, if the lock file exists and names one: `<pid> <host> <time>`.
    public static func holder(root: String) -> Holder? {
        guard case .success(let bytes) = FileAccess.read(root + "/" + fileName), bytes.count < 1024 else { return nil }
        let parts = String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        guard parts.count == 3, let pid = Int32(parts[0]), pid > 0 else { return nil }
        return Holder(pid: pid, host: parts[1], since: parts[2])
    }

    /// Whether `.roster.lock` is there at all (readable or not, a link or not).
    public static func isPresent(root: String) -> Bool {
        FileAccess.exists(root + "/" + fileName)
    }

    public func release() {
        unlink(path)
    }

    /// Removes a lock whose holder is gone. Refuses a live holder unless `force`.
    public static func clear(root: String, force: Bool) throws(Failure) -> Holder? {
        guard let holder = holder(root: root) else {
            if FileAccess.exists(root + "/" + fileName) { unlink(root + "/" + fileName) }
            return nil
        }
        if !holder.isStale, !force { throw .held(holder) }
        unlink(root + "/" + fileName)
        return holder
    }
}
