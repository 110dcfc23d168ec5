#if canImport(Glibc)
    import Glibc
#endif
import Foundation

/// Watches folders with inotify (no polling loop) and calls back once changes have been quiet
/// for a moment, so several quick saves give one rebuild.
public final class ChangeWatcher: @unchecked Sendable {
    let root: String
    let folders: [String]
    let quiet: Int32
    let onChange: @Sendable () -> Void
    private var fd: Int32 = -1
    private var watches: [Int32: String] = [:]
    /// Held while `onChange` (or `first`) runs; ``stop()`` takes it to wait for a running build.
    private let building = NSLock()
    /// Set by ``stop()`` under `building`: no call starts after it.
    private var stopped = false

    /// `quiet`: milliseconds without events before `onChange` runs.
    public init(root: String, folders: [String], quiet: Int32 = 50, onChange: @escaping @Sendable () -> Void) {
        self.root = root
        self.folders = folders
        self.quiet = quiet
        self.onChange = onChange
    }

    /// Starts watching, then runs `first` on the watcher's thread before waiting for changes:
    /// a change saved while `first` runs (the first build) is seen and gives one more call.
    public func start(first: (@Sendable () -> Void)? = nil) {
        fd = inotify_init1(Int32(IN_CLOEXEC))
        guard fd >= 0 else { first.map { f in Thread { [self] in guarded(f) }.start() }; return }
        for folder in folders { watch(root + "/" + folder) }
        let thread = Thread { [self] in
            if let first { guarded(first) }
            run()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Waits for a build that is running, and makes sure no other starts: the server stops
    /// before its output folder is removed, and a build still writing (its manifest last) would
    /// put the folder back.
    public func stop() {
        building.lock()
        stopped = true
        building.unlock()
    }

    /// Runs `call` unless the watcher was stopped; false when it was.
    @discardableResult
    private func guarded(_ call: () -> Void) -> Bool {
        building.lock()
        defer { building.unlock() }
        guard !stopped else { return false }
        call()
        return true
    }

    static let mask = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF)

    /// Adds a watch for a folder and its subfolders (inotify is not recursive).
    func watch(_ path: String) {
        let wd = inotify_add_watch(fd, path, Self.mask)
        if wd >= 0 { watches[wd] = path }
        // lstat, not a followed link: `content/x -> /` must not add a watch on every folder of
        // the system (the build refuses the link; a change to it is seen in its folder).
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] where !name.hasPrefix(".") {
            var info = stat()
            if lstat(path + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { watch(path + "/" + name) }
        }
    }

    func run() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var pending = false
        while true {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&p, 1, pending ? quiet : -1)
            if ready < 0 { if errno == EINTR { continue } else { return } }
            if ready == 0 {
                pending = false
                guard guarded(onChange) else { return }
                continue
            }
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            guard n > 0 else { continue }
            var offset = 0
            while offset + 16 <= n {
                let (wd, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    (
                        raw.load(fromByteOffset: offset, as: Int32.self), raw.load(fromByteOffset: offset + 4, as: UInt32.self),
                        Int(raw.load(fromByteOffset: offset + 12, as: UInt32.self))
                    )
                }
                if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, let parent = watches[wd] {
                    let nameBytes = buffer[(offset + 16)..<(offset + 16 + length)].prefix { $0 != 0 }
                    watch(parent + "/" + String(decoding: nameBytes, as: UTF8.self))
                }
                offset += 16 + length
            }
            pending = true
        }
    }
}
