#if canImport(Glibc)
    import Glibc
#endif
import Foundation

/// Decoded record files kept between loads by a long-running process (`roster serve`), keyed
/// by path and checked against the file's size, modification time and inode.
public final class RecordCache: @unchecked Sendable {
    struct Stamp: Equatable, Sendable {
        var size: Int
        var seconds: Int
        var nanoseconds: Int
        var inode: UInt

        init(_ info: stat) {
            size = Int(info.st_size)
            seconds = info.st_mtim.tv_sec
            nanoseconds = info.st_mtim.tv_nsec
            inode = UInt(info.st_ino)
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
