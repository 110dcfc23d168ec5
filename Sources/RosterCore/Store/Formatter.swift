/// `roster fmt` and `roster migrate`: the canonical bytes of every record file.
public enum Formatter {
    /// A file whose bytes differ from its canonical form.
    public struct Difference: Sendable, Equatable {
        public var path: String
        public var canonical: [UInt8]
    }

    /// The canonical form of every readable record file that is not canonical yet.
    /// Files with load errors are left out: their problems must be fixed by hand first, since
    /// rewriting them would drop what roster cannot read (an unknown field, say).
    public static func differences(_ snapshot: Snapshot) -> [Difference] {
        let broken = Set(snapshot.loadFindings.filter { $0.severity == .error }.map(\.path))
        var out: [Difference] = []
        func consider(_ path: String, _ canonical: [UInt8]) {
            guard !broken.contains(path), snapshot.sources[path] != canonical else { return }
            out.append(Difference(path: path, canonical: canonical))
        }
        if let m = snapshot.marketplace { consider(Snapshot.marketplacePath, RecordEncoder.canonicalBytes(m)) }
        for org in snapshot.orgs { consider(org.path, RecordEncoder.canonicalBytes(org.record)) }
        for share in snapshot.shares { consider(share.path, RecordEncoder.canonicalBytes(share.record)) }
        return out.sorted { $0.path < $1.path }
    }

    /// Paths of files with load errors, which `fmt` cannot rewrite.
    public static func unformattable(_ snapshot: Snapshot) -> [String] {
        Array(Set(snapshot.loadFindings.filter { $0.severity == .error }.map(\.path))).sorted()
    }
}
