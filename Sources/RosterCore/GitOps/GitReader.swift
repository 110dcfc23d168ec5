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

    /// The commits two revisions name (the second, if any), asked in one `rev-parse`; when
    /// that fails, each is asked alone so the message names the one that is wrong.
    public func commits(_ first: String, _ second: String?) throws(Failure) -> (String, String?) {
        let revisions = [first] + (second.map { [$0] } ?? [])
        try unambiguous(revisions)
        // A name that starts with "-" would be an option here: only `commit` asks for those.
        if !revisions.contains(where: { $0.hasPrefix("-") }), let out = try? git(["rev-parse"] + revisions.map { $0 + "^{commit}" }) {
            let ids = String(decoding: out, as: UTF8.self).split(separator: "\n").map(String.init)
            if ids.count == revisions.count, ids.allSatisfy(Self.isObjectID) {
                return (ids[0], ids.count > 1 ? ids[1] : nil)
            }
        }
        return (try resolve(first), try second.map { rev throws(Failure) in try resolve(rev) })
    }

    /// 40 (SHA-1) or 64 (SHA-256) lower-case hexadecimal digits.
    static func isObjectID(_ text: String) -> Bool {
        (text.utf8.count == 40 || text.utf8.count == 64) && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// The full commit id a revision names.
    public func commit(_ revision: String) throws(Failure) -> String {
        try unambiguous([revision])
        return try resolve(revision)
    }

    /// ``commit(_:)`` of a revision found unambiguous.
    private func resolve(_ revision: String) throws(Failure) -> String {
        let notACommit = Failure(message: "\(revision) is not a commit of this repository; name a branch, tag or commit id")
        // "--end-of-options": "-x" is a revision (that does not exist), never an option;
        // RevisionProblem says why such a name cannot be a commit.
        let out = try git(["rev-parse", "--verify", "--quiet", "--end-of-options", "\(revision)^{commit}"], quietFailure: notACommit)
        let id = String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        // "^HEAD" (a negation) or "A..B" (a range) print other lines than one commit id.
        guard Self.isObjectID(id) else { throw notACommit }
        return id
    }

    /// Refuses a revision whose name means more than one thing to git: a ref under two of the
    /// prefixes git tries (gitrevisions: `refs/`, `refs/tags/`, `refs/heads/`, `refs/remotes/`),
    /// or a ref and an abbreviated object id. git takes the first and only warns, and it tries
    /// tags before remote branches: whoever may push a tag `origin/main` chose the base that
    /// `roster check --base origin/main` judged a pull request against, and their role in it.
    /// The refs of every revision are listed by one `git for-each-ref`.
    func unambiguous(_ revisions: [String]) throws(Failure) {
        // The name before any suffix (`~1`, `^{commit}`, `:path`, `@{1}`).
        let names = revisions.map { revision -> Substring? in
            var name = Substring(revision)
            if let end = name.firstIndex(where: { "^~:".contains($0) }) { name = name[..<end] }
            if let reflog = name.range(of: "@{") { name = name[..<reflog.lowerBound] }
            // HEAD is always the repository's own (git reads $GIT_DIR/HEAD before any ref): it
            // needs no question, and `roster diff`'s defaults ask none.
            guard !name.isEmpty, name != "HEAD", !name.hasPrefix("-"), !name.contains(".."), !Self.isObjectID(String(name)) else { return nil }
            return name
        }
        let asked = names.map { name in
            // A name that starts with refs/ is first a ref of that full name.
            name.map {
                ($0.hasPrefix("refs/") ? [String($0)] : []) + [
                    "refs/\($0)", "refs/tags/\($0)", "refs/heads/\($0)", "refs/remotes/\($0)", "refs/remotes/\($0)/HEAD",
                ]
            } ?? []
        }
        guard asked.contains(where: { !$0.isEmpty }) else { return }
        let listed = Set(
            String(decoding: try git(["for-each-ref", "--format=%(refname)", "--"] + asked.flatMap { $0 }), as: UTF8.self).split(separator: "\n")
                .map(String.init))
        for (revision, (name, asked)) in zip(revisions, zip(names, asked)) {
            guard let name else { continue }
            var meanings = asked.filter(listed.contains)
            // FETCH_HEAD and the like are read before any ref of the same name.
            if name.hasSuffix("_HEAD"), name.allSatisfy({ $0.isUppercase || $0 == "_" }) { meanings.insert(String(name), at: 0) }
            if name.count >= 4, name.allSatisfy(\.isHexDigit),
                let out = try? git(["rev-parse", "--disambiguate=\(name.lowercased())"]), !out.isEmpty
            {
                meanings.append("the abbreviated object id \(name)")
            }
            guard meanings.count > 1 else { continue }
            throw Failure(
                message:
                    "\(Quote.value(revision)) is ambiguous: it names \(meanings.joined(separator: " and ")); pass the one you mean in full (in CI, refs/remotes/origin/BRANCH)"
            )
        }
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

    /// The blobs that `names` name (object ids or `REV:path`), read by one `cat-file --batch`;
    /// nil for a name that names nothing, or something other than a blob (a folder). A name
    /// with a line break cannot be asked this way: nil is returned for the whole request then.
    public func objects(_ names: [String]) throws(Failure) -> [[UInt8]?]? {
        guard !names.isEmpty else { return [] }
        guard !names.contains(where: { $0.contains("\n") || $0.contains("\r") }) else { return nil }
        let out = Array(try git(["cat-file", "--batch"], input: Data(names.map { $0 + "\n" }.joined().utf8)))
        var result: [[UInt8]?] = []
        var i = 0
        for _ in names {
            guard let newline = out[i...].firstIndex(of: 0x0A) else { throw Failure(message: "git cat-file ended early") }
            let header = out[i..<newline].split(separator: 0x20)
            i = newline + 1
            // "<id> <type> <size>", or "<name> missing" / "<name> ambiguous".
            guard header.count == 3, let size = Int(String(decoding: header[2], as: UTF8.self)), i + size <= out.count else {
                result.append(nil)
                continue
            }
            result.append(header[1].elementsEqual("blob".utf8) ? Array(out[i..<(i + size)]) : nil)
            i += size + 1
        }
        return result
    }
}
