import Foundation
import Synchronization

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
        // Each read waits on its own git process: the two sides are read side by side.
        let (baseCommit, headCommit) = try sideBySide(
            { () throws(GitReader.Failure) in try reader.commit(base) },
            { () throws(GitReader.Failure) in try head.map { rev throws(GitReader.Failure) in try reader.commit(rev) } })
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
        let (baseState, headState) = try sideBySide(
            { () throws(GitReader.Failure) in RevisionState(files: try reader.files(list, at: baseCommit)) },
            { () throws(GitReader.Failure) in
                guard let headCommit else { return RevisionState.workingTree(root: root, paths: list) }
                return RevisionState(files: try reader.files(list, at: headCommit))
            })
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

/// Runs two independent reads at once and gives both results, or the first one's failure
/// (then the second's): each mostly waits on a git process of its own.
func sideBySide<A: Sendable, B: Sendable>(
    _ first: @Sendable () throws(GitReader.Failure) -> A, _ second: @Sendable () throws(GitReader.Failure) -> B
) throws(GitReader.Failure) -> (A, B) {
    let results = Mutex<(Result<A, GitReader.Failure>?, Result<B, GitReader.Failure>?)>((nil, nil))
    DispatchQueue.concurrentPerform(iterations: 2) { k in
        if k == 0 {
            let r = Result { () throws(GitReader.Failure) in try first() }
            results.withLock { $0.0 = r }
        } else {
            let r = Result { () throws(GitReader.Failure) in try second() }
            results.withLock { $0.1 = r }
        }
    }
    let (a, b) = results.withLock { $0 }
    return (try a!.get(), try b!.get())
}
