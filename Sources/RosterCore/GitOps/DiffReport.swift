/// `roster diff` output: text for a terminal, Markdown for a pull-request comment, JSON for tools.
public enum DiffReport {
    public enum Format: String, Sendable, CaseIterable {
        case text, markdown, json
    }

    public static func render(_ c: Comparison, format: Format, warnings: [Finding] = []) -> String {
        switch format {
        case .text: text(c)
        case .markdown: markdown(c, warnings: warnings)
        case .json: json(c)
        }
    }

    static let groups = ["orgs", "members", "teams", "shares", "settings"]

    public static func counts(_ events: [ChangeEvent]) -> [(group: String, count: Int)] {
        groups.map { g in (g, events.filter { $0.kind.group == g }.count) }.filter { $0.count > 0 }
    }

    static func text(_ c: Comparison) -> String {
        guard !c.events.isEmpty else { return "no changes to records between \(c.baseLabel) and \(c.headLabel)\n" }
        var out = "\(c.events.count) change\(c.events.count == 1 ? "" : "s") between \(c.baseLabel) and \(c.headLabel):\n"
        for e in c.events { out += "  \(symbol(e.kind)) \(e.summary)\n" }
        return out
    }

    static func symbol(_ kind: ChangeEvent.Kind) -> String {
        switch kind {
        case .orgCreated, .registrationRequested, .memberInvited, .teamCreated, .shareCreated, .shareLinked: "+"
        case .orgDeleted, .memberRemoved, .teamDeleted, .shareDeleted, .shareUnlinked: "-"
        default: "~"
        }
    }

    /// Text safe in a Markdown table cell or line: Markdown's special characters escaped,
    /// line breaks flattened, so record text cannot break the layout.
    public static func cell(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "" }
        var out = ""
        for ch in text {
            switch ch {
            case "|", "\\", "`", "*", "_", "[", "]", "<", ">", "#": out += "\\\(ch)"
            case "\n", "\r": out += " "
            default: out.append(ch)
            }
        }
        return out
    }

    static func markdown(_ c: Comparison, warnings: [Finding]) -> String {
        guard !c.events.isEmpty else { return "**roster**: no changes to records (\(c.baseLabel) → \(c.headLabel)).\n" }
        let summary = counts(c.events).map { "\($0.count) \($0.group)" }.joined(separator: ", ")
        var out = "**roster**: \(c.events.count) change\(c.events.count == 1 ? "" : "s") (\(summary)), \(c.baseLabel) → \(c.headLabel).\n"
        for group in groups {
            let events = c.events.filter { $0.kind.group == group }
            guard !events.isEmpty else { continue }
            out += "\n### \(group.prefix(1).uppercased() + group.dropFirst()) (\(events.count))\n\n"
            out += "| change | org | subject | from | to |\n|---|---|---|---|---|\n"
            for e in events {
                let subject = e.email ?? e.team.map { "team " + $0 } ?? e.share.map { "share " + $0 } ?? e.detail
                out += "| \(cell(e.kind.rawValue)) | \(cell(e.org)) | \(cell(subject)) | \(cell(e.from)) | \(cell(e.to ?? (e.kind == .teamMembersChanged || e.kind == .orgRejected || e.kind == .settingsChanged ? e.detail : nil))) |\n"
            }
        }
        if !warnings.isEmpty {
            out += "\n### Warnings (\(warnings.count))\n\n"
            for w in warnings.prefix(50) { out += "- `\(w.path):\(w.line)` \(cell(w.message)) [\(w.rule)]\n" }
        }
        return out
    }

    /// `{"base", "head", "counts", "events": [{kind, path, org, share, team, email, from, to, detail}]}`;
    /// absent fields are left out.
    static func json(_ c: Comparison) -> String {
        func s(_ v: String) -> JSONNode { JSONNode(.string(v)) }
        let events = c.events.map { e -> JSONNode in
            var members = [JSONMember(key: "kind", node: s(e.kind.rawValue)), JSONMember(key: "path", node: s(e.path))]
            for (key, value) in [("org", e.org), ("share", e.share), ("team", e.team), ("email", e.email), ("from", e.from), ("to", e.to), ("detail", e.detail)] {
                if let value { members.append(JSONMember(key: key, node: s(value))) }
            }
            return JSONNode(.object(members))
        }
        let counts = counts(c.events).map { JSONMember(key: $0.group, node: JSONNode(.number(String($0.count)))) }
        return JSONWriter.canonical(JSONNode(.object([
            JSONMember(key: "base", node: s(c.baseCommit)),
            JSONMember(key: "head", node: c.headCommit.map(s) ?? JSONNode(.null)),
            JSONMember(key: "counts", node: JSONNode(.object(counts))),
            JSONMember(key: "events", node: JSONNode(.array(events))),
        ])))
    }
}
