import Foundation

/// The findings of the per-org rules from earlier validations, kept by a long-running process
/// (`roster serve`): an org file whose bytes did not change keeps its findings, already located,
/// and only changed orgs are checked again. Everything is checked again when the settings or
/// the day change, since per-org rules read them, and when a share file changes, since an app
/// may only use the shares its org consumes (`app-share`). Rules across records always run in full.
public final class ValidationMemo: @unchecked Sendable {
    struct Entry {
        var bytes: [UInt8]
        var findings: [Finding]
    }

    private var entries: [String: Entry] = [:]
    private var settingsBytes: [UInt8]?
    private var shares: UInt64?
    private var today: CalendarDate?
    private let lock = NSLock()

    public init() {}

    /// Forgets every entry unless the settings file, the shares and the day are those of the entries.
    func prepare(settings: [UInt8]?, shares: UInt64, today: CalendarDate) {
        lock.lock()
        defer { lock.unlock() }
        if settings != settingsBytes || shares != self.shares || today != self.today {
            entries = [:]
            settingsBytes = settings
            self.shares = shares
            self.today = today
        }
    }

    /// What per-org findings read of the share files (each share's path and bytes), as one
    /// number: an org's app may only use shares the org consumes.
    public static func sharesKey(_ snapshot: Snapshot) -> UInt64 {
        var h = FNV1a()
        for share in snapshot.shares {
            h.add(share.path)
            if let bytes = snapshot.sources[share.path] { h.add(bytes) } else { h.add(String(describing: share.record)) }
        }
        return h.value
    }

    /// The located findings of `path` when it held exactly `bytes` (the same buffer, when the
    /// record cache reused the file, compares in constant time).
    func findings(_ path: String, bytes: [UInt8]?) -> [Finding]? {
        guard let bytes else { return nil }
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[path], entry.bytes == bytes else { return nil }
        return entry.findings
    }

    func store(_ results: [(path: String, bytes: [UInt8], findings: [Finding])], keep paths: Set<String>) {
        lock.lock()
        defer { lock.unlock() }
        entries = entries.filter { paths.contains($0.key) }
        for r in results { entries[r.path] = Entry(bytes: r.bytes, findings: r.findings) }
    }
}
