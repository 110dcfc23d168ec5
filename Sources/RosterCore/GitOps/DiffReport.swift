/// `roster diff` output: text for a terminal, Markdown for a pull-request comment, JSON for tools.
public enum DiffReport {
    public enum Format: String, Sendable, CaseIterable {
        case text, markdown, json
    }

    /// `access` (Markdown only): the access impact of the change, ``AccessImpact``'s section.
    public static func render(_ c: Comparison, format: Format, warnings: [Finding] = [], access: String = "") -> String {
        switch format {
        case .text: text(c)
        case .markdown: markdown(c, warnings: warnings) + access
        case .json: json(c)
        }
    }

    static let groups = ["orgs", "members", "teams", "shares", "settings"]

    public static func counts(_ events: [ChangeEvent]) -> [(group: String, count: Int)] {
        groups.map { g in (g, events.filter { $0.kind.group == g }.count) }.filter { $0.count > 0 }
    }

    /// The events counted by group for people, each noun agreeing with its number:
    /// `3 orgs, 1 member, 1 share` (the groups' names are plural: "1 shares" read wrong).
    static func countSummary(_ events: [ChangeEvent]) -> String {
        counts(events).map { Plural.count($0.count, String($0.group.dropLast())) }.joined(separator: ", ")
    }

    /// One line per event; record text in a summary is shown with its control characters
    /// escaped, so it cannot break a line or start one.
    static func text(_ c: Comparison) -> String {
        let base = TerminalText.escape(c.baseLabel), head = TerminalText.escape(c.headLabel)
        guard !c.events.isEmpty else { return "no changes to records between \(base) and \(head)\n" }
        var out = "\(Plural.count(c.events.count, "change")) between \(base) and \(head):\n"
        for e in c.events { out += "  \(symbol(e.kind)) \(TerminalText.escape(e.summary))\n" }
        return out
    }

    static func symbol(_ kind: ChangeEvent.Kind) -> String {
        switch kind {
        case .orgCreated, .registrationRequested, .memberInvited, .teamCreated, .shareCreated, .shareLinked: "+"
        case .orgDeleted, .memberRemoved, .teamDeleted, .shareDeleted, .shareUnlinked: "-"
        default: "~"
        }
    }

    /// Every record value goes through ``MarkdownText``: a table row keeps its cells, and no
    /// value opens a code fence, raw HTML or a line of its own.
    static func markdown(_ c: Comparison, warnings: [Finding]) -> String {
        let cell = MarkdownText.cell
        let labels = "\(MarkdownText.inline(c.baseLabel)) → \(MarkdownText.inline(c.headLabel))"
        guard !c.events.isEmpty else { return "**roster**: no changes to records (\(labels)).\n" }
        var out = "**roster**: \(Plural.count(c.events.count, "change")) (\(countSummary(c.events))), \(labels).\n"
        for group in groups {
            let events = c.events.filter { $0.kind.group == group }
            guard !events.isEmpty else { continue }
            out += "\n### \(group.prefix(1).uppercased() + group.dropFirst()) (\(events.count))\n\n"
            out += "| change | org | subject | from | to |\n|---|---|---|---|---|\n"
            for e in events {
                let subject = e.email ?? e.team.map { "team " + $0 } ?? e.share.map { "share " + $0 } ?? e.detail
                out +=
                    "| \(cell(e.kind.rawValue)) | \(cell(e.org)) | \(cell(subject)) | \(cell(e.from)) | \(cell(e.to ?? (e.kind == .teamMembersChanged || e.kind == .orgRejected || e.kind == .settingsChanged ? e.detail : nil))) |\n"
            }
        }
        if !warnings.isEmpty {
            out += "\n### Warnings (\(warnings.count))\n\n"
            for w in warnings.prefix(50) {
                out += "- \(MarkdownText.code("\(w.path):\(w.line)")) \(MarkdownText.inline(w.message)) [\(MarkdownText.inline(w.rule))]\n"
            }
        }
        return out
    }

    /// `{"base", "head", "counts", "events": [{kind, path, org, share, team, email, from, to, detail}]}`;
    /// absent fields are left out.
    static func json(_ c: Comparison) -> String {
        func s(_ v: String) -> JSONNode { JSONNode(.string(v)) }
        let events = c.events.map { e -> JSONNode in
            var members = [JSONMember(key: "kind", node: s(e.kind.rawValue)), JSONMember(key: "path", node: s(e.path))]
            for (key, value) in [
                ("org", e.org), ("share", e.share), ("team", e.team), ("email", e.email), ("from", e.from), ("to", e.to), ("detail", e.detail),
            ] {
                if let value { members.append(JSONMember(key: key, node: s(value))) }
            }
            return JSONNode(.object(members))
        }
        let counts = counts(c.events).map { JSONMember(key: $0.group, node: JSONNode(.number(String($0.count)))) }
        return JSONWriter.canonical(
            JSONNode(
                .object([
                    JSONMember(key: "base", node: s(c.baseCommit)),
                    JSONMember(key: "head", node: c.headCommit.map(s) ?? JSONNode(.null)),
                    JSONMember(key: "counts", node: JSONNode(.object(counts))),
                    JSONMember(key: "events", node: JSONNode(.array(events))),
                ])))
    }
}
