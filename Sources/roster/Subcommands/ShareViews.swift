import ArgumentParser
import RosterCore

extension Roster.Share {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the shares: name, id, consumers, and how many of them cannot connect.",
            discussion: "Examples: roster share list; roster share list --format json")
        @OptionGroup var root: RootOptions
        @OptionGroup var today: TodayOption
        @Option(help: "table or json.") var format: ViewFormat = .table

        func run() throws {
            let catalogue = try loadCatalogue(root, today)
            let rows = catalogue.shares()
            if format == .json { return writeOut(catalogue.sharesJSON(rows)) }
            guard !rows.isEmpty else { return print("no shares") }
            var table = TerminalTable(headers: ["NAME", "ID", "CONSUMERS", "CANNOT CONNECT", "DESCRIPTION"], numeric: [2, 3])
            table.rows = rows.map { row in
                [
                    .init(row.name), .init(row.id), .init(String(row.consumers)),
                    .init(String(row.blocked), colour: row.blocked > 0 ? "31" : nil),
                    .init(row.description.count > 60 ? row.description.prefix(59) + "…" : row.description),
                ]
            }
            writeOut(table.render(colour: stdoutIsTerminal))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show one share and its consumers, marking those whose users have no access to it today.",
            discussion: "Example: roster share show weather-daily")
        @OptionGroup var root: RootOptions
        @OptionGroup var today: TodayOption
        @Argument(help: "The share's id.") var share: String
        @Option(help: "table or json.") var format: ViewFormat = .table

        func run() throws {
            let catalogue = try loadCatalogue(root, today)
            guard let record = catalogue.snapshot.shares.first(where: { $0.record.id == share })?.record else {
                throw noSuch("share", share, among: catalogue.snapshot.shares.map(\.record.id))
            }
            if format == .json { return writeOut(catalogue.shareJSON(record)) }
            let colour = stdoutIsTerminal
            var lines = [TerminalText.escape(record.name) + "  (" + record.id + ")"]
            if !record.description.isEmpty { lines.append(TerminalText.escape(record.description)) }
            let consumers = catalogue.consumers(of: record)
            // "yes" only when the org admits its users and the link is open today, as the export
            // and the sync grant it; else why not (the org first, then the link's dates).
            var table = TerminalTable(headers: ["ORG", "ID", "STATUS", "SINCE", "UNTIL", "ACCESS TODAY"])
            table.rows = consumers.map { link, org in
                var blocker: String? = "the org does not exist"
                if let org { blocker = org.connectionBlocker(on: catalogue.today) ?? link.closedReason(on: catalogue.today) }
                return [
                    .init(org?.name ?? "(no such org)"), .init(link.org),
                    .init(org?.status.rawValue ?? "", colour: org.map { StatusColour.code($0.status) }),
                    .init(link.since), .init(link.until ?? ""),
                    blocker.map { .init("no: " + $0, colour: "31") } ?? .init("yes"),
                ]
            }
            lines.append(
                consumers.isEmpty
                    ? "\nConsumers: none"
                    : "\nConsumers (\(consumers.count)):\n"
                        + table.render(colour: colour).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            writeOut(lines.joined(separator: "\n") + "\n")
        }
    }
}
