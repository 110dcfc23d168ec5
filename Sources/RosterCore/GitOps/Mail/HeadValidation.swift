/// The records of one revision, read with git and validated as `roster validate` would: what
/// `roster notify` checks before it writes anything, so that every id and e-mail a message or a
/// file name is made of has passed validation.
public enum HeadValidation {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The findings (errors and warnings) of the records at `commit`, and how many files were read.
    public static func findings(root: String, commit: String, options: ValidationOptions = .init()) throws -> (findings: [Finding], files: Int) {
        let (snapshot, files) = try load(root: root, commit: commit)
        return (Validator.validate(snapshot, options: options), files)
    }

    /// Every record at `commit`, as a snapshot (with the findings of reading them), and how many files were read.
    public static func load(root: String, commit: String) throws -> (snapshot: Snapshot, files: Int) {
        let entries = try listData(root: root, commit: commit)
        var extra: [Finding] = []
        var paths: [String] = []
        for (mode, path) in entries {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            let direct = isRecordPath(path)
            if mode == "120000" {
                extra.append(refusal(LoaderRule.symlink.id, path, "record files are regular files; a symbolic link is not followed"))
            } else if direct {
                paths.append(path)
            } else if name.hasSuffix(".json") {
                // `git diff` sees files in sub-folders: they would raise events without being records.
                extra.append(
                    refusal(
                        "record-location", path,
                        "a record lives directly in \(Snapshot.orgsDirectory)/ or \(Snapshot.sharesDirectory)/; move or remove this file"))
            }
        }
        // In batches: ChildProcess writes a request of more than a pipe's 64 KB in one blocking
        // write while git waits for its answer to be read (about 1,500 paths).
        let reader = GitReader(root: root)
        var blobs: [String: [UInt8]?] = [:]
        for start in stride(from: 0, to: paths.count, by: 1000) {
            blobs.merge(try reader.files(Array(paths[start..<min(paths.count, start + 1000)]), at: commit)) { $1 }
        }
        let state = RevisionState(files: blobs)
        var snapshot = Snapshot(marketplace: state.settings, sources: state.sources, loadFindings: state.findings + extra)
        snapshot.orgs = state.orgs.map { OrgFile(path: $0.key, record: $0.value) }.sorted { $0.path < $1.path }
        snapshot.shares = state.shares.map { ShareFile(path: $0.key, record: $0.value) }.sorted { $0.path < $1.path }
        if state.settings == nil, !paths.contains(Snapshot.marketplacePath) {
            snapshot.loadFindings.append(
                refusal(LoaderRule.missingField.id, Snapshot.marketplacePath, "the revision has no \(Snapshot.marketplacePath)"))
        }
        return (snapshot, paths.count)
    }

    /// `data/marketplace.json`, `data/orgs/<name>.json` or `data/shares/<name>.json`.
    static func isRecordPath(_ path: String) -> Bool {
        if path == Snapshot.marketplacePath { return true }
        for dir in [Snapshot.orgsDirectory, Snapshot.sharesDirectory] where path.hasPrefix(dir + "/") {
            let rest = path.dropFirst(dir.count + 1)
            return rest.hasSuffix(".json") && !rest.contains("/")
        }
        return false
    }

    static func refusal(_ rule: String, _ path: String, _ message: String) -> Finding {
        Finding(path: path, pointer: nil, line: 1, column: 1, severity: .error, rule: rule, message: message)
    }

    /// (mode, path) of every file under the record folders at `commit`.
    static func listData(root: String, commit: String) throws(Failure) -> [(String, String)] {
        let args = [
            "git", "-C", root, "ls-tree", "-r", "-z", "--full-tree", commit, "--",
            Snapshot.marketplacePath, Snapshot.orgsDirectory, Snapshot.sharesDirectory,
        ]
        guard let result = ChildProcess.run(args) else { throw Failure(description: "cannot run git; is it installed?") }
        guard result.status == 0 else {
            throw Failure(description: "git ls-tree failed: \(String(decoding: result.stderr, as: UTF8.self))")
        }
        return result.stdout.split(separator: 0).compactMap { entry in
            // "<mode> <type> <id>\t<path>"
            guard let tab = entry.firstIndex(of: 0x09) else { return nil }
            let mode = String(decoding: entry[entry.startIndex..<tab].prefix { $0 != 0x20 }, as: UTF8.self)
            return (mode, String(decoding: entry[(tab + 1)...], as: UTF8.self))
        }
    }
}
