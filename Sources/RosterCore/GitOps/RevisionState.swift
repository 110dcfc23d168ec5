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
            if path == Snapshot.marketplacePath { kind = .marketplace }
            else if path.hasPrefix(Snapshot.orgsDirectory + "/"), path.hasSuffix(".json") { kind = .org }
            else if path.hasPrefix(Snapshot.sharesDirectory + "/"), path.hasSuffix(".json") { kind = .share }
            else { continue }
            let result = RecordStore.decode(path: path, bytes: bytes, kind: kind)
            findings += FindingLocator.locate(result.findings.filter { $0.severity == .error }, sources: [path: bytes])
            if let m = result.marketplace { settings = m }
            if let o = result.org { orgs[path] = o.record }
            if let s = result.share { shares[path] = s.record }
        }
    }

    /// Reads `paths` from the working tree under `root`.
    public static func workingTree(root: String, paths: [String]) -> RevisionState {
        var files: [String: [UInt8]?] = [:]
        for path in paths {
            if case .success(let bytes) = FileAccess.read(root + "/" + path) { files[path] = bytes } else { files[path] = .some(nil) }
        }
        return RevisionState(files: files)
    }
}
