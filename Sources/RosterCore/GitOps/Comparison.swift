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
        let (baseCommit, headCommit) = try reader.commits(base, head)
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
        let (baseFiles, headFiles) = try read(list, tree, base: baseCommit, head: headCommit, reader)
        let baseState = RevisionState(files: baseFiles)
        let headState = headFiles.map(RevisionState.init(files:)) ?? RevisionState.workingTree(root: root, paths: list)
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

    /// The files of `list` on both sides (the head's nil for the working tree) in one
    /// `cat-file`: a changed file by the object ids the diff named, any other by `REV:path`
    /// (the settings and deletion records, in small folders; the same bytes on both sides).
    static func read(
        _ list: [String], _ tree: [TreeChange], base: String, head: String?, _ reader: GitReader
    ) throws(GitReader.Failure) -> (base: [String: [UInt8]?], head: [String: [UInt8]?]?) {
        let changed = Dictionary(tree.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        var names: [String] = []
        var slots: [(path: String, base: Int?, head: Int?)] = []
        func ask(_ name: String?) -> Int? {
            guard let name else { return nil }
            names.append(name)
            return names.count - 1
        }
        for path in list {
            if let c = changed[path] {
                slots.append((path, ask(c.baseObject), head == nil ? nil : ask(c.headObject)))
            } else {
                let both = ask(base + ":" + path)
                slots.append((path, both, both))
            }
        }
        guard let blobs = try reader.objects(names) else {
            // A path git cannot be asked for by name (a line break in it): each side listed.
            return (try reader.files(list, at: base), try head.map { h throws(GitReader.Failure) in try reader.files(list, at: h) })
        }
        var baseFiles: [String: [UInt8]?] = [:], headFiles: [String: [UInt8]?] = [:]
        for slot in slots {
            baseFiles[slot.path] = .some(slot.base.flatMap { blobs[$0] })
            headFiles[slot.path] = .some(slot.head.flatMap { blobs[$0] })
        }
        return (baseFiles, head == nil ? nil : headFiles)
    }
}
