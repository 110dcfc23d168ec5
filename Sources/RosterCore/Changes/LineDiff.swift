/// A unified diff of two texts, line by line, for `--dry-run`. Record files are small, so the
/// plain longest-common-subsequence table is fast enough and simple to trust.
public enum LineDiff {
    public static func unified(old: String, new: String, path: String, context: Int = 2) -> String {
        let a = old.isEmpty ? [] : old.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        let b = new.isEmpty ? [] : new.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        let ops = edits(a, b)
        guard ops.contains(where: { $0.kind != " " }) else { return "" }
        var out = "--- \(old.isEmpty ? "/dev/null" : "a/" + path)\n+++ \(new.isEmpty ? "/dev/null" : "b/" + path)\n"
        // Group changed lines with `context` lines around them into hunks.
        var k = 0
        while k < ops.count {
            guard ops[k].kind != " " else { k += 1; continue }
            let start = max(0, k - context)
            var end = k
            var lastChange = k
            while end < ops.count, end - lastChange <= 2 * context {
                if ops[end].kind != " " { lastChange = end }
                end += 1
            }
            end = min(ops.count, lastChange + context + 1)
            let hunk = ops[start..<end]
            let oldStart = (hunk.first?.oldLine ?? 0), newStart = (hunk.first?.newLine ?? 0)
            let oldCount = hunk.filter { $0.kind != "+" }.count, newCount = hunk.filter { $0.kind != "-" }.count
            out += "@@ -\(oldCount == 0 ? oldStart : oldStart + 1),\(oldCount) +\(newCount == 0 ? newStart : newStart + 1),\(newCount) @@\n"
            for op in hunk { out += "\(op.kind)\(op.text)\n" }
            k = end
        }
        return out
    }

    struct Edit {
        var kind: Character
        var text: String
        /// Lines of the old and new text before this one.
        var oldLine: Int
        var newLine: Int
    }

    static func edits(_ a: [String], _ b: [String]) -> [Edit] {
        let n = a.count, m = b.count
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        if n > 0, m > 0 {
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
                }
            }
        }
        var out: [Edit] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                out.append(Edit(kind: " ", text: a[i], oldLine: i, newLine: j)); i += 1; j += 1
            } else if i < n, j == m || lcs[i + 1][j] >= lcs[i][j + 1] {
                out.append(Edit(kind: "-", text: a[i], oldLine: i, newLine: j)); i += 1
            } else {
                out.append(Edit(kind: "+", text: b[j], oldLine: i, newLine: j)); j += 1
            }
        }
        return out
    }
}
