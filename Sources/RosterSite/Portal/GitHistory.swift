import Foundation
import RosterCore

/// The history of record files, from `git log` (one call for the whole repository).
public struct GitHistory: Sendable {
    public struct Commit: Sendable, Equatable {
        public var hash: String
        public var date: String
        public var author: String
        public var subject: String
        public var files: [String]
    }

    /// Newest first.
    public var commits: [Commit]
    public var head: String?

    public static let empty = GitHistory(commits: [], head: nil)

    /// Commits that touched `path`, newest first.
    public func commits(touching path: String) -> [Commit] {
        byFile[path] ?? []
    }

    private var byFile: [String: [Commit]] = [:]

    public init(commits: [Commit], head: String?) {
        self.commits = commits
        self.head = head
        for c in commits { for f in c.files { byFile[f, default: []].append(c) } }
    }

    /// Reads the history of `data/` under `root` up to `head` (from ``head(root:)``); empty
    /// outside a git repository. Runs `git` itself, never parses `.git`.
    public static func load(root: String, head: String?) -> GitHistory {
        guard let head, !head.isEmpty else { return .empty }
        // \u{1E} separates commits, \u{1F} fields; names follow the header line.
        guard let log = run(["log", "--no-renames", "--format=%x1e%H%x1f%aI%x1f%an%x1f%s", "--name-only", "--", "data"], in: root) else {
            return GitHistory(commits: [], head: head)
        }
        var commits: [Commit] = []
        for chunk in log.split(separator: "\u{1E}") {
            let lines = chunk.split(separator: "\n")
            guard let header = lines.first else { continue }
            let fields = header.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else { continue }
            commits.append(
                Commit(
                    hash: fields[0], date: fields[1], author: fields[2], subject: fields[3],
                    files: lines.dropFirst().map(String.init).filter { !$0.isEmpty }))
        }
        return GitHistory(commits: commits, head: head)
    }

    static func run(_ arguments: [String], in directory: String) -> String? {
        guard let result = ChildProcess.run(["git", "-C", directory] + arguments), result.status == 0 else { return nil }
        return String(decoding: result.stdout, as: UTF8.self)
    }
}
