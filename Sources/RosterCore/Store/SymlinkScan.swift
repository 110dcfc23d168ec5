#if canImport(Glibc)
    import Glibc
#endif

/// Finds symbolic links in the folders roster reads and writes. A committed link in
/// `site-templates/assets/` would publish `/etc/passwd` in the portal, and `data/orgs ->
/// /elsewhere` would have changes write outside the repository, so every link there, to a
/// file or a folder, is an error: `validate`, `check`, the verbs, `fmt`, `build` and `serve`
/// refuse it (the loader adds these findings to every snapshot).
public enum SymlinkScan {
    /// The folders of a repository that roster reads: records, docs, templates.
    public static let folders = ["data", "content", "site-templates"]

    public static let rule = LoaderRule.symlink.id

    /// One finding (rule `symlink`, at 1:1) for each symbolic link in ``folders`` under `root`,
    /// the folders themselves included, sorted by path. `listed` holds the entries of folders
    /// (by path, `data/orgs`) the caller has listed already: the loader lists the record folders
    /// once for both (100,000 names read and sorted twice were a tenth of `validate`'s start).
    public static func findings(root: String, listed: [String: [(name: String, kind: FileAccess.EntryKind)]] = [:]) -> [Finding] {
        var out: [Finding] = []
        guard case .success(let rootFD) = FileAccess.openFolder(root: root, "") else { return [] }
        defer { close(rootFD) }
        for folder in folders {
            switch FileAccess.kind(in: rootFD, folder) {
            case .symbolicLink: out.append(finding(folder, folder: true))
            case .folder:
                guard case .success(let fd) = FileAccess.openStep(rootFD, folder) else {
                    out.append(finding(folder, folder: true))
                    continue
                }
                walk(fd, prefix: folder, listed: listed) { path, kind in
                    if kind == .symbolicLink { out.append(finding(path, folder: false)) }
                }
                close(fd)
            default: continue
            }
        }
        return out.sorted { $0.path < $1.path }
    }

    static func finding(_ path: String, folder: Bool) -> Finding {
        let what = folder ? "the folder \(path)/ is a symbolic link" : "this is a symbolic link"
        return Finding(
            path: path, pointer: nil, line: 1, column: 1, rule: rule,
            message:
                "\(what); roster follows no link under data/, content/ or site-templates/ (it could read or write outside the repository): replace the link with the file or folder itself"
        )
    }

    /// Calls `visit` with the path (below `prefix`) and kind of every entry under the open
    /// folder `folder`, depth first in name order, entering folders without following links.
    static func walk(
        _ folder: Int32, prefix: String, listed: [String: [(name: String, kind: FileAccess.EntryKind)]] = [:],
        _ visit: (String, FileAccess.EntryKind) -> Void
    ) {
        for (name, kind) in listed[prefix] ?? FileAccess.entries(in: folder) {
            let path = prefix + "/" + name
            visit(path, kind)
            guard kind == .folder, case .success(let child) = FileAccess.openStep(folder, name) else { continue }
            walk(child, prefix: path, listed: listed, visit)
            close(child)
        }
    }
}

extension FileAccess {
    /// A regular file read from a folder tree, with its path relative to the tree's folder.
    public struct TreeFile: Sendable {
        public var path: String
        public var bytes: [UInt8]
    }

    /// A file or folder of a tree that could not be read, with its path relative to the root.
    public struct TreeFailure: Error, Sendable {
        public var path: String
        public var reason: ReadError
    }

    /// Every regular file under the folder `relative` of `root`, sorted by path, read without
    /// following a link: a link (or a device, a pipe) anywhere in the tree, the folder itself
    /// included, is a failure naming it, and nothing is returned.
    public static func readTree(root: String, _ relative: String) -> Result<[TreeFile], TreeFailure> {
        let folder: Int32
        switch openFolder(root: root, relative) {
        case .success(let fd): folder = fd
        case .failure(let reason): return .failure(TreeFailure(path: relative, reason: reason))
        }
        defer { close(folder) }
        var files: [TreeFile] = []
        var failure: TreeFailure?
        func read(_ fd: Int32, _ prefix: String) {
            for (name, kind) in entries(in: fd) where failure == nil {
                let path = prefix.isEmpty ? name : prefix + "/" + name
                switch kind {
                case .file:
                    switch FileAccess.read(in: fd, name) {
                    case .success(let bytes): files.append(TreeFile(path: path, bytes: bytes))
                    case .failure(let reason): failure = TreeFailure(path: relative + "/" + path, reason: reason)
                    }
                case .folder:
                    switch openStep(fd, name) {
                    case .success(let child): read(child, path); close(child)
                    case .failure(let reason): failure = TreeFailure(path: relative + "/" + path, reason: reason)
                    }
                case .symbolicLink: failure = TreeFailure(path: relative + "/" + path, reason: .symbolicLink)
                case .other: failure = TreeFailure(path: relative + "/" + path, reason: .notRegularFile)
                }
            }
        }
        read(folder, "")
        if let failure { return .failure(failure) }
        return .success(files.sorted { $0.path < $1.path })
    }
}
