#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Decoded record files kept between loads by a long-running process (`roster serve`), keyed
/// by path and checked against the file's size, modification time and inode.
public final class RecordCache: @unchecked Sendable {
    private var entries: [String: (stamp: String, result: RecordStore.FileResult)] = [:]
    private let lock = NSLock()

    public init() {}

    static func stamp(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0 else { return "" }
        return "\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec):\(info.st_ino)"
    }

    func result(_ path: String, stamp: String) -> RecordStore.FileResult? {
        guard !stamp.isEmpty else { return nil }
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[path], entry.stamp == stamp else { return nil }
        return entry.result
    }

    func store(_ path: String, stamp: String, result: RecordStore.FileResult) {
        guard !stamp.isEmpty else { return }
        lock.lock()
        entries[path] = (stamp, result)
        lock.unlock()
    }
}
