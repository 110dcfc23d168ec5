/// Two sides of a change (a base revision and a head revision or the working tree), the files
/// that differ, and the events between them.
public struct Comparison: Sendable {
    public let baseCommit: String
    /// nil: the working tree.
    public let headCommit: String?
    /// Changed paths under `data/` (what the records' events come from).
    public let paths: [String]
    /// Every changed path of the whole tree, with its git modes (what policy judges).
    public let tree: [TreeChange]
    public let base: RevisionState
    public let head: RevisionState
    public let events: [ChangeEvent]
    let reader: GitReader

    public var headLabel: String { headCommit.map { String($0.prefix(12)) } ?? "working tree" }
    public var baseLabel: String { String(baseCommit.prefix(12)) }

    public static func load(root: String, base: String, head: String?) throws(GitReader.Failure) -> Comparison {
        let reader = GitReader(root: root)
        let baseCommit = try reader.commit(base)
        let headCommit = try head.map { rev throws(GitReader.Failure) in try reader.commit(rev) }
        let tree = try reader.treeChanges(base: baseCommit, head: headCommit)
        let paths = tree.map(\.path).filter { $0.hasPrefix("data/") }
        // The settings are read on both sides even when unchanged: guards and policy use them.
        var wanted = Set(paths)
        wanted.insert(Snapshot.marketplacePath)
        // A deleted org must come with its deletion record (roster org delete writes it).
        for path in paths where path.hasPrefix(Snapshot.orgsDirectory + "/") {
            wanted.insert(Tombstone.path(for: RecordStore.fileStem(path)))
        }
        let list = wanted.sorted()
        let baseState = RevisionState(files: try reader.files(list, at: baseCommit))
        let headState: RevisionState
        if let headCommit {
            headState = RevisionState(files: try reader.files(list, at: headCommit))
        } else {
            headState = RevisionState.workingTree(root: root, paths: list)
        }
        let events = SemanticDiff.events(base: baseState, head: headState, paths: paths)
        return Comparison(
            baseCommit: baseCommit, headCommit: headCommit, paths: paths, tree: tree, base: baseState, head: headState,
            events: events, reader: reader)
    }

    /// Warnings validation gives on the head side of the changed files, computed from those
    /// files alone (so a pull-request comment costs no full load).
    public func headWarnings(options: ValidationOptions = .init()) -> [Finding] {
        let changed = Set(paths)
        var snapshot = Snapshot(marketplace: head.settings, sources: head.sources)
        snapshot.orgs = head.orgs.filter { changed.contains($0.key) }.map { OrgFile(path: $0.key, record: $0.value) }.sorted { $0.path < $1.path }
        snapshot.shares = head.shares.filter { changed.contains($0.key) }.map { ShareFile(path: $0.key, record: $0.value) }.sorted {
            $0.path < $1.path
        }
        return Validator.validate(snapshot, options: options).filter { $0.severity == .warning && changed.contains($0.path) }
    }

    /// Bytes of a head-side file (working tree or head revision).
    func headFile(_ path: String) -> [UInt8]? {
        if let headCommit { return (try? reader.files([path], at: headCommit))?[path] ?? nil }
        return RevisionState.workingTree(root: reader.root, paths: [path]).sources[path]
    }
}
