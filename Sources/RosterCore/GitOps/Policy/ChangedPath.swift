/// One path a pull request changes, with what changed in it: the list a reviewer reads beside
/// the semantic diff, which has no event for a member's handle, a file outside `data/`, or a
/// file's mode, so a change the policy allows is never one the reviewer cannot see.
public struct ChangedPath: Sendable, Equatable {
    public var path: String
    /// "added", "deleted", "added (symbolic link)", "mode 100644 → 100755", or empty when only
    /// the content changed.
    public var what: String
    /// For a JSON file under `data/` that parses on both sides: each changed field, as
    /// `/members[bob@acme.example]/handle (added)`.
    public var fields: [String]

    /// The first `limit` changed paths of `c`, in path order.
    public static func list(_ c: Comparison, limit: Int) -> [ChangedPath] {
        c.tree.prefix(limit).map { change in
            ChangedPath(path: change.path, what: what(change), fields: fields(change.path, c))
        }
    }

    static func what(_ change: TreeChange) -> String {
        switch (change.baseMode, change.headMode) {
        case (nil, let mode): "added" + kind(mode)
        case (let mode, nil): "deleted" + kind(mode)
        case (let old?, let new?) where old != new: "mode \(old) → \(new)"
        default: ""
        }
    }

    static func kind(_ mode: String?) -> String {
        switch mode {
        case TreeChange.symbolicLink: " (symbolic link)"
        case TreeChange.submodule: " (submodule)"
        case "100755": " (executable)"
        default: ""
        }
    }

    static func fields(_ path: String, _ c: Comparison) -> [String] {
        guard path.hasPrefix("data/"), path.hasSuffix(".json"),
            let old = c.base.sources[path].flatMap({ JSONParser.parse($0).root }),
            let new = c.head.sources[path].flatMap({ JSONParser.parse($0).root })
        else { return [] }
        return FieldChange.between(old, new).map { "\($0.location) (\($0.kind.rawValue))" }
    }

    /// `- path: what; field (kind), ...` for a Markdown list, record text escaped.
    public var markdown: String {
        let shown = fields.prefix(20).map(MarkdownText.inline)
        let more = fields.count > 20 ? ["… and \(fields.count - 20) more fields"] : []
        var parts = what.isEmpty ? [] : [what]
        if !fields.isEmpty { parts.append((shown + more).joined(separator: ", ")) }
        if parts.isEmpty { parts = ["modified"] }
        return "- \(MarkdownText.inline(path)): \(parts.joined(separator: "; "))"
    }
}
