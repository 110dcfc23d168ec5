import RosterCore
import RosterSite

/// `roster org show` as text: what the org's portal page shows, in sections. Record text is
/// escaped (``TerminalTable`` cells and ``TerminalText``); e-mails in full, as in the records.
struct OrgSheet {
    var catalogue: Catalogue
    var file: OrgFile
    var root: String

    func render(colour: Bool) -> String {
        let org = file.record
        let links = catalogue.linksOfOrg[org.id] ?? []
        var out = [TerminalText.escape(org.name) + "  (" + org.id + ")"]
        func field(_ label: String, _ value: String) {
            out.append((label + ":").padding(toLength: 14, withPad: " ", startingAt: 0) + TerminalText.escape(value))
        }
        let word = colour ? "\u{1B}[\(StatusColour.code(org.status))m\(org.status.rawValue)\u{1B}[0m" : org.status.rawValue
        out.append("Status:       " + word + (org.connectionBlocker(on: catalogue.today).map { " (\($0))" } ?? ""))
        if !org.usersCanConnect(on: catalogue.today), !links.isEmpty {
            field(
                "Note",
                "still linked to \(Plural.count(links.count, "share")), which its users cannot use while it is \(org.status.rawValue)")
        }
        field("Created", String(org.createdAt.prefix(10)))
        if let at = org.statusChangedAt { field("Changed", "\(at.prefix(10))" + (org.statusChangedBy.map { " by \($0)" } ?? "")) }
        field("Users", "\(org.userCount) active, \(org.invitationCount) invited")
        if let r = org.registration {
            var text = "requested by \(r.requestedBy) on \(r.requestedAt.prefix(10))"
            if let d = r.decision {
                text += "; \(d.rawValue)" + (r.decidedBy.map { " by \($0)" } ?? "") + (r.decidedAt.map { " on \($0.prefix(10))" } ?? "")
            }
            if let reason = r.reason { text += ": " + reason }
            field("Registration", text)
        }
        out.append(section("Teams", org.teams.count, teams(org)))
        out.append(section("Members", org.members.count, members(org)))
        var shares = TerminalTable(headers: ["NAME", "ID", "SINCE", "UNTIL"])
        shares.rows = links.map { [.init($0.share.name), .init($0.share.id), .init($0.link.since), .init($0.link.until ?? "")] }
        out.append(section("Shares", links.count, shares.render(colour: colour)))
        let history = GitHistory.load(root: root, head: GitHistory.head(root: root)).commits(touching: file.path).prefix(10)
        var log = TerminalTable(headers: ["DATE", "COMMIT", "AUTHOR", "SUBJECT"])
        log.rows = history.map { [.init(String($0.date.prefix(10))), .init(String($0.hash.prefix(8))), .init($0.author), .init($0.subject)] }
        out.append(section("History", history.count, log.render(colour: colour)))
        let steps = HowTo.steps(for: org).map { "  # \($0.label)\n  \(TerminalText.escape($0.command))" }
        out.append("\nHow to change it:\n" + steps.joined(separator: "\n"))
        return out.joined(separator: "\n") + "\n"
    }

    func section(_ title: String, _ count: Int, _ table: String) -> String {
        guard count > 0 else { return "\n\(title): none" }
        return "\n\(title) (\(count)):\n"
            + table.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "  " + $0 }.joined(separator: "\n")
    }

    func teams(_ org: OrgRecord) -> String {
        var table = TerminalTable(headers: ["NAME", "ID", "MEMBERS"], numeric: [2])
        table.rows = org.teams.sorted { NaturalOrder.less($0.name, $1.name) }.map { team in
            [.init(team.name + (team.isDefault ? " (default)" : "")), .init(team.id), .init(String(team.members.count))]
        }
        return table.render(colour: false)
    }

    func members(_ org: OrgRecord) -> String {
        let teamsOf = Dictionary(grouping: org.teams.flatMap { t in t.members.map { ($0, t.id) } }, by: \.0).mapValues { $0.map(\.1).sorted() }
        var table = TerminalTable(headers: ["EMAIL", "NAME", "ROLE", "STATE", "TEAMS", "INVITED"])
        table.rows = org.members.sorted { $0.email < $1.email }.map { m in
            [
                .init(m.email), .init("\(m.firstName) \(m.lastName)"), .init(m.role.rawValue), .init(m.state.rawValue),
                .init((teamsOf[m.email] ?? []).joined(separator: ",")), .init(String(m.invitedAt.prefix(10))),
            ]
        }
        return table.render(colour: false)
    }
}
