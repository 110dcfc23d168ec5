import RosterCore

/// `roster build --format markdown`: the catalogue as Markdown pages that read well in a git
/// host's file browser. Every record value goes through ``MarkdownText`` (table cells, headings,
/// list items, link text) and every link destination through `MarkdownText.destination`, so
/// record text cannot break a table, open a fence or raw HTML, or start a line of its own.
enum MarkdownCatalogue {
    static func jobs(_ m: PortalModel) -> [PortalBuilder.Job] {
        var jobs: [PortalBuilder.Job] = [
            .init(path: "README.md", key: nil) { bytes(overview(m)) },
            .init(path: "orgs/README.md", key: nil) { bytes(orgs(m)) },
            .init(path: "shares/README.md", key: nil) { bytes(shares(m)) },
        ]
        for org in m.snapshot.orgs {
            jobs.append(.init(path: "orgs/\(org.record.id).md", key: nil) { bytes(self.org(m, org.record)) })
        }
        for share in m.snapshot.shares {
            jobs.append(.init(path: "shares/\(share.record.id).md", key: nil) { bytes(self.share(m, share.record)) })
        }
        return jobs
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    static func cell(_ text: String) -> String { MarkdownText.cell(text) }

    static func link(_ id: String) -> String { MarkdownText.destination(id) }

    /// The day of a timestamp; its first ten characters are record text too.
    static func day(_ timestamp: String?) -> String { cell(Labels.day(timestamp)) }

    static func overview(_ m: PortalModel) -> String {
        var out = "# \(cell(m.siteTitle))\n\n"
        out += "| orgs | teams | users | shares |\n|---:|---:|---:|---:|\n"
        out += "| \(m.snapshot.orgs.count) | \(m.teamCount) | \(m.userCount) | \(m.snapshot.shares.count) |\n\n"
        out += "| status | orgs |\n|---|---:|\n"
        for s in OrgStatus.allCases { out += "| \(Labels.status(s)) | \(m.snapshot.orgs.filter { $0.record.status == s }.count) |\n" }
        out += "\n- [Consumer orgs](orgs/README.md)\n- [Shares](shares/README.md)\n"
        let pending = m.pendingRegistrations
        if !pending.isEmpty {
            out += "\n## Pending registrations\n\n| org | requested by | requested |\n|---|---|---|\n"
            for org in pending {
                out +=
                    "| [\(cell(org.name))](orgs/\(link(org.id)).md) | \(cell(m.email(org.registration?.requestedBy ?? ""))) | \(day(org.registration?.requestedAt)) |\n"
            }
        }
        return out
    }

    static func orgs(_ m: PortalModel) -> String {
        var out = "# Consumer orgs\n\n| org | status | teams | users | shares | created |\n|---|---|---:|---:|---:|---|\n"
        for i in m.orgOrder {
            let o = m.snapshot.orgs[i].record
            out +=
                "| [\(cell(o.name))](\(link(o.id)).md) | \(Labels.status(o.status)) | \(o.teams.count) | \(o.userCount) | \((m.sharesOfOrg[o.id] ?? []).count) | \(day(o.createdAt)) |\n"
        }
        return out
    }

    static func org(_ m: PortalModel, _ o: OrgRecord) -> String {
        var out = "# \(cell(o.name))\n\n[All orgs](README.md)\n\n"
        out += "- **Id**: \(MarkdownText.code(o.id))\n- **Status**: \(Labels.status(o.status))\n- **Created**: \(day(o.createdAt))\n"
        if let until = o.until { out += "- **Ends**: \(cell(until))\(o.isExpired(on: m.today) ? " (expired)" : "")\n" }
        if let r = o.registration {
            out += "- **Registration**: requested by \(cell(m.email(r.requestedBy))) on \(day(r.requestedAt))"
            if let d = r.decision { out += ", \(d.rawValue) on \(day(r.decidedAt))" }
            if let reason = r.reason { out += " (\(cell(m.email.text(reason))))" }
            out += "\n"
        }
        out += "\n## Members\n\n| name | e-mail | role | state |\n|---|---|---|---|\n"
        for mem in o.members.sorted(by: { $0.email < $1.email }) {
            out +=
                "| \(cell(mem.firstName)) \(cell(mem.lastName)) | \(cell(m.email(mem.email))) | \(Labels.role(mem.role)) | \(Labels.state(mem.state)) |\n"
        }
        out += "\n## Teams\n\n| team | members |\n|---|---|\n"
        for t in o.teams.sorted(by: { $0.id < $1.id }) {
            out += "| \(cell(t.name))\(t.isDefault ? " (default)" : "") | \(t.members.sorted().map { cell(m.email($0)) }.joined(separator: ", ")) |\n"
        }
        let shares = m.sharesOfOrg[o.id] ?? []
        out += "\n## Shares\n\n"
        if shares.isEmpty { out += "None.\n" }
        for s in shares {
            out +=
                "- [\(cell(s.share.name))](../shares/\(link(s.share.id)).md) since \(cell(s.link.since))\(s.link.until.map { " until \(cell($0))" } ?? "")\n"
        }
        return out + apps(m, o)
    }

    /// The org's apps with their team and who can use them; nothing when it has none.
    static func apps(_ m: PortalModel, _ o: OrgRecord) -> String {
        guard !o.apps.isEmpty else { return "" }
        var out =
            "\n## Apps\n\nCredentials live in the gateway, keyed by org and app id.\n\n| app | team | who can use it | shares |\n|---|---|---|---|\n"
        for app in o.apps.sorted(by: { $0.id < $1.id }) {
            let team = o.teams.first { $0.id == app.team }?.name ?? app.team
            let who = app.visibility == .org ? "every member" : "members of \(cell(team))"
            out +=
                "| \(cell(app.name)) (\(MarkdownText.code(app.id))) | \(cell(team)) | \(who): \(o.users(of: app).map { cell(m.email($0)) }.joined(separator: ", ")) | \(app.shares.sorted().map(cell).joined(separator: ", ")) |\n"
        }
        return out
    }

    static func shares(_ m: PortalModel) -> String {
        var out = "# Shares\n\n| share | consumers | description |\n|---|---:|---|\n"
        for s in m.snapshot.shares.sorted(by: { $0.record.name < $1.record.name }) {
            out +=
                "| [\(cell(s.record.name))](\(link(s.record.id)).md) | \(s.record.consumers.count) | \(cell(m.email.text(s.record.description))) |\n"
        }
        return out
    }

    static func share(_ m: PortalModel, _ s: ShareRecord) -> String {
        var out = "# \(cell(s.name))\n\n[All shares](README.md)\n\n\(MarkdownText.inline(m.email.text(s.description)))\n\n## Consumers\n\n"
        out += "| org | since | until |\n|---|---|---|\n"
        for c in s.consumers {
            out += "| [\(cell(m.orgNames[c.org] ?? c.org))](../orgs/\(link(c.org)).md) | \(cell(c.since)) | \(cell(c.until ?? "")) |\n"
        }
        return out
    }
}
