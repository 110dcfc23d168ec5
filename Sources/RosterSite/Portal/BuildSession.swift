import Foundation
import RosterCore

/// What a long-running preview (`roster serve`) keeps between builds of the same output
/// folder, so a rebuild after one change costs little: decoded records, the per-org findings,
/// the git history of the same HEAD, fingerprints of record files, and the last manifest in
/// memory. The files that manifest lists were written by this session's builds, so they are
/// trusted to be there (a manifest read from the folder is checked file by file).
public final class BuildSession: @unchecked Sendable {
    let records = RecordCache()
    let validation = ValidationMemo()
    private let lock = NSLock()
    private var manifest: BuildManifest?
    /// The paths of `manifest`'s files, made when first asked after a build.
    private var written: Set<String>?
    private var unsaved = false
    private var history: GitHistory?
    private var fingerprints: [String: (bytes: [UInt8], value: UInt64)] = [:]

    public init() {}

    func lastManifest() -> BuildManifest? {
        lock.withLock { manifest }
    }

    func finished(_ manifest: BuildManifest) {
        lock.withLock {
            self.manifest = manifest
            written = nil
            unsaved = true
        }
    }

    /// Whether the last build of this session that finished wrote `path` (relative to the output
    /// folder, as the manifest lists it): the preview serves these files and nothing else that
    /// is in the folder. False until a build finished; a failed build keeps the last good list.
    public func wrote(_ path: String) -> Bool {
        lock.withLock {
            guard let manifest else { return false }
            let files = written ?? Set(manifest.files)
            written = files
            return files.contains(path)
        }
    }

    /// The manifest of the last build if it is not on disk yet (written once the reload has
    /// gone out), nil otherwise.
    func takeUnsavedManifest() -> BuildManifest? {
        lock.withLock {
            defer { unsaved = false }
            return unsaved ? manifest : nil
        }
    }

    /// The fingerprint of a record file's bytes, hashed again only when they changed (the
    /// same buffer, from the record cache, compares in constant time).
    func fingerprint(_ path: String, _ bytes: [UInt8]) -> UInt64 {
        if let known = lock.withLock({ fingerprints[path] }), known.bytes == bytes { return known.value }
        let value = PortalBuilder.fingerprint(bytes)
        lock.withLock { fingerprints[path] = (bytes, value) }
        return value
    }

    func history(head: String, load: () -> GitHistory) -> GitHistory {
        if let cached = lock.withLock({ history }), cached.head == head { return cached }
        let loaded = load()
        lock.withLock { history = loaded }
        return loaded
    }
}
