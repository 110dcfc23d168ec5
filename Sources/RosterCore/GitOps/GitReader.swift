import Foundation

/// Reads records from git revisions with `git` itself (`diff --name-only`, `ls-tree`,
/// `cat-file --batch`), never by parsing `.git`. One `cat-file` process serves every file.
public struct GitReader: Sendable {
    public let root: String

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public init(root: String) {
        self.root = root
    }

    /// Runs git and returns its standard output; a failure carries git's own message, or
    /// `quietFailure` when git exits 1 (what `--quiet` commands say when they find nothing).
    func git(_ arguments: [String], input: Data? = nil, quietFailure: Failure? = nil) throws(Failure) -> Data {
        guard let result = ChildProcess.run(["git", "-C", root] + arguments, input: input.map { Array($0) } ?? []) else {
            throw Failure(message: "cannot run git; is it installed?")
        }
        if result.status == 1, let quietFailure { throw quietFailure }
        guard result.status == 0 else {
            let text = String(decoding: result.stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(message: "git \(arguments.prefix(2).joined(separator: " ")) failed: \(text.isEmpty ? "exit \(result.status)" : text)")
        }
        return Data(result.stdout)
    }

    /// The full commit id a revision names.
    public func commit(_ revision: String) throws(Failure) -> String {
        let notACommit = Failure(message: "\(revision) is not a commit of this repository; name a branch, tag or commit id")
        // "--end-of-options": "-x" is a revision (that does not exist), never an option;
        // RevisionProblem says why such a name cannot be a commit.
        let out = try git(["rev-parse", "--verify", "--quiet", "--end-of-options", "\(revision)^{commit}"], quietFailure: notACommit)
        let id = String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !id.isEmpty else { throw notACommit }
        return id
    }

    /// The committer date of a commit, RFC 3339.
    public func date(of commit: String) throws(Failure) -> String {
        String(decoding: try git(["show", "-s", "--format=%cI", commit]), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Record files under `data/orgs` at a revision (names only).
    public func listOrgFiles(at revision: String) throws(Failure) -> [String] {
        try listFiles(Snapshot.orgsDirectory, at: revision)
    }

    /// The `.json` files directly in `directory` at a revision (names only).
    public func listFiles(_ directory: String, at revision: String) throws(Failure) -> [String] {
        split(try git(["ls-tree", "-z", "--name-only", revision, directory + "/"])).filter { $0.hasSuffix(".json") }
    }

    func split(_ data: Data) -> [String] {
        data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.filter { !$0.isEmpty }
    }

    /// The bytes of `paths` at `revision`; a path that does not exist there maps to nil.
    /// One `ls-tree` finds the blob ids, one `cat-file --batch` reads them: asking cat-file for
    /// `REV:path` made git walk (and inflate) the 10,000-entry tree of data/orgs for every file.
    public func files(_ paths: [String], at revision: String) throws(Failure) -> [String: [UInt8]?] {
        guard !paths.isEmpty else { return [:] }
        var ids: [String: String] = [:]
        for entry in split(try git(["ls-tree", "-z", "--full-tree", revision, "--"] + paths)) {
            // "<mode> blob <id>\t<path>"
            guard let tab = entry.firstIndex(of: "\t") else { continue }
            let fields = entry[..<tab].split(separator: " ")
            if fields.count == 3, fields[1] == "blob" { ids[String(entry[entry.index(after: tab)...])] = String(fields[2]) }
        }
        let wanted = paths.filter { ids[$0] != nil }
        var result: [String: [UInt8]?] = [:]
        for path in paths where ids[path] == nil { result[path] = .some(nil) }
        guard !wanted.isEmpty else { return result }
        let request = wanted.map { ids[$0]! + "\n" }.joined()
        let out = Array(try git(["cat-file", "--batch"], input: Data(request.utf8)))
        var i = 0
        for path in wanted {
            guard let newline = out[i...].firstIndex(of: 0x0A) else { break }
            let header = String(decoding: out[i..<newline], as: UTF8.self)
            i = newline + 1
            guard let sizeText = header.split(separator: " ").last, let size = Int(sizeText), i + size <= out.count else {
                throw Failure(message: "unexpected answer from git cat-file: \(header)")
            }
            result[path] = Array(out[i..<(i + size)])
            i += size + 1
        }
        return result
    }
}
