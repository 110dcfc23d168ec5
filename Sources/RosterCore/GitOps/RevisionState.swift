#if canImport(Glibc)
    import Glibc
#endif
import Foundation

/// The records of the files a comparison needs, on one side (a revision or the working tree).
/// Only changed files are read, plus the settings: comparing 10,000 orgs where 100 changed reads
/// about 100 files per side.
public struct RevisionState: Sendable {
    public var settings: MarketplaceSettings?
    public var orgs: [String: OrgRecord] = [:]
    public var shares: [String: ShareRecord] = [:]
    /// Problems reading the files (a revision with invalid JSON, say).
    public var findings: [Finding] = []
    /// The bytes read, by path.
    public var sources: [String: [UInt8]] = [:]

    /// Decodes `files` (path -> bytes, nil when the file does not exist on this side).
    public init(files: [String: [UInt8]?]) {
        for (path, bytes) in files.sorted(by: { $0.key < $1.key }) {
            guard let bytes else { continue }
            sources[path] = bytes
            let kind: RecordKind
            if path == Snapshot.marketplacePath {
                kind = .marketplace
            } else if path.hasPrefix(Snapshot.orgsDirectory + "/"), path.hasSuffix(".json") {
                kind = .org
            } else if path.hasPrefix(Snapshot.sharesDirectory + "/"), path.hasSuffix(".json") {
                kind = .share
            } else {
                continue
            }
            let result = RecordStore.decode(path: path, bytes: bytes, kind: kind)
            findings += FindingLocator.locate(result.findings.filter { $0.severity == .error }, sources: [path: bytes])
            if let m = result.marketplace { settings = m }
            if let o = result.org { orgs[path] = o.record }
            if let s = result.share { shares[path] = s.record }
        }
    }

    /// Reads `paths` from the working tree under `root`, following no symbolic link at any
    /// step: a folder replaced by a link (`data/orgs -> /elsewhere`) must not make the
    /// comparison read, and the summary show, files outside the repository.
    public static func workingTree(root: String, paths: [String]) -> RevisionState {
        var files: [String: [UInt8]?] = [:]
        for (folder, inFolder) in Dictionary(grouping: paths, by: folderOf) {
            let fd: Int32? = if case .success(let fd) = FileAccess.openFolder(root: root, folder) { fd } else { nil }
            for path in inFolder {
                let name = String(path.dropFirst(folder.isEmpty ? 0 : folder.utf8.count + 1))
                if let fd, case .success(let bytes) = FileAccess.read(in: fd, name) { files[path] = bytes } else { files[path] = .some(nil) }
            }
            if let fd { close(fd) }
        }
        return RevisionState(files: files)
    }

    /// `data/orgs` for `data/orgs/acme.json`; empty for a file at the top.
    static func folderOf(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    }
}
