import Foundation

/// Why a revision given on the command line cannot be read, said so that the user can fix it:
/// git's own `rev-parse --verify --quiet` answers only with exit 1. Asked only after a
/// comparison failed, so the normal path costs nothing.
public enum RevisionProblem {
    /// A message naming the first of `revisions` that is not a commit of the repository at
    /// `root` and what to do about it; nil when every one is a commit.
    public static func explain(root: String, revisions: [String]) -> String? {
        guard let missing = revisions.first(where: { !isCommit($0, root: root) }) else { return nil }
        let name = Quote.value(missing)
        if missing.hasPrefix("-") {
            return "\(name) is not a commit of this repository: a revision cannot start with '-' (is an option misplaced?)"
        }
        guard answer(["rev-parse", "--is-inside-work-tree"], root: root) == "true" else {
            return "\(root) is not inside a git repository, so \(name) names no commit; run roster in the repository's work tree or pass --root DIR"
        }
        if answer(["rev-parse", "--is-shallow-repository"], root: root) == "true" {
            return "\(name) is not a commit of this clone, which is shallow (CI checkouts usually are): fetch the base first, "
                + "for example `git fetch --no-tags --depth=1 origin \(Quote.bare(missing))`, or check out with fetch-depth: 0"
        }
        return "\(name) is not a commit of this repository: check its spelling (`git branch -a`, `git log --oneline`), "
            + "or fetch it first (`git fetch origin \(Quote.bare(missing))`)"
    }

    static func isCommit(_ revision: String, root: String) -> Bool {
        // "--end-of-options": a revision that starts with "-" is not read as an option.
        ChildProcess.run(["git", "-C", root, "rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"])?.status == 0
    }

    static func answer(_ arguments: [String], root: String) -> String? {
        guard let out = ChildProcess.run(["git", "-C", root] + arguments), out.status == 0 else { return nil }
        return String(decoding: out.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
