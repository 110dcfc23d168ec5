#if canImport(Glibc)
    import Glibc
#endif
import Foundation

/// Decoded record files kept between loads by a long-running process (`roster serve`), keyed
/// by path and checked against the file's size, modification and change times and inode.
public final class RecordCache: @unchecked Sendable {
    /// What `stat` says of a file, enough to tell it changed: a write changes its modification
    /// time, and a modification time set back (`touch -d`) changes its change time, which
    /// nobody can set back.
    public struct Stamp: Equatable, Sendable {
        var size: Int
        var seconds: Int
        var nanoseconds: Int
        var changeSeconds: Int
        var changeNanoseconds: Int
        var inode: UInt

        public init(_ info: stat) {
            size = Int(info.st_size)
            seconds = info.st_mtim.tv_sec
            nanoseconds = info.st_mtim.tv_nsec
            changeSeconds = info.st_ctim.tv_sec
            changeNanoseconds = info.st_ctim.tv_nsec
            inode = UInt(info.st_ino)
        }

        init(size: Int, seconds: Int, nanoseconds: Int, changeSeconds: Int, changeNanoseconds: Int, inode: UInt) {
            (self.size, self.seconds, self.nanoseconds) = (size, seconds, nanoseconds)
            (self.changeSeconds, self.changeNanoseconds, self.inode) = (changeSeconds, changeNanoseconds, inode)
        }

        /// The later of the two times, in nanoseconds since 1970.
        var latest: Int64 {
            max(Int64(seconds) * 1_000_000_000 + Int64(nanoseconds), Int64(changeSeconds) * 1_000_000_000 + Int64(changeNanoseconds))
        }
    }

    typealias Entries = [String: (stamp: Stamp, result: RecordStore.FileResult)]
    private var entries: Entries = [:]
    private let lock = NSLock()

    public init() {}

    static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return Stamp(info)
    }

    /// The entries as they are now: a load looks files up in this copy without taking a lock
    /// per file, then stores what it read again with ``store(_:)``.
    func current() -> Entries {
        lock.withLock { entries }
    }

    /// Replaces the entries with those of the files just loaded (files gone are forgotten).
    func store(_ loaded: Entries) {
        lock.withLock { entries = loaded }
    }
}
