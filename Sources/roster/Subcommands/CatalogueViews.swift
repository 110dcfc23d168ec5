import ArgumentParser
import Foundation
import RosterCore

extension OrgStatus: ExpressibleByArgument {}

/// The records of the project for a view; a missing marketplace is refused (1), files that do
/// not load are named on standard error and left out.
func loadCatalogue(_ root: RootOptions, _ today: TodayOption) throws -> Catalogue {
    let path = root.path
    guard FileManager.default.fileExists(atPath: path + "/" + Snapshot.marketplacePath) else {
        printError("roster: no \(Snapshot.marketplacePath) under \(path); run `roster init` or pass --root DIR")
        throw ExitCode(1)
    }
    let snapshot = RecordStore.load(root: path)
    let unreadable = snapshot.unreadableOrgIDs.count + snapshot.unreadableShareIDs.count
    if unreadable > 0 {
        printError(
            "roster: \(Plural.count(unreadable, "record file")) could not be read and \(unreadable == 1 ? "is" : "are") left out; `roster validate` says why"
        )
    }
    return Catalogue(snapshot, today: try today.options().today)
}

/// A record the user named that does not exist: refused (1), with the closest id.
func noSuch(_ kind: String, _ id: String, among ids: [String]) -> ExitCode {
    let guess = Suggestion.closest(to: id, in: ids).map { "; did you mean \($0)?" } ?? ""
    printError("roster: there is no \(kind) \(Quote.value(id))\(guess) (`roster \(kind) list` lists them)")
    return ExitCode(1)
}

extension Roster.Org {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the consumer orgs: name, id, status, teams, users, shares, created.",
            discussion: """
                Sorted by name (Org 2 before Org 10). Users are members who accepted their \
                invitation; open invitations are counted apart. --format json prints the same rows \
                with full values.

                Examples:
                  roster org list
                  roster org list --status disabled --format json
                """)
        @OptionGroup var root: RootOptions
        @OptionGroup var today: TodayOption
        @Option(help: "Only orgs of this status: pending, rejected, enabled or disabled.") var status: OrgStatus?
        @Option(help: "table or json.") var format: ViewFormat = .table

        func run() throws {
            let catalogue = try loadCatalogue(root, today)
            let rows = catalogue.orgs(status: status)
            if format == .json { return writeOut(catalogue.orgsJSON(rows)) }
            guard !rows.isEmpty else { return print(status.map { "no \($0.rawValue) orgs" } ?? "no orgs") }
            var table = TerminalTable(headers: ["NAME", "ID", "STATUS", "TEAMS", "USERS", "INVITED", "SHARES", "CREATED"], numeric: [3, 4, 5, 6])
            table.rows = rows.map { row in
                [
                    .init(row.name), .init(row.id), .init(row.status.rawValue, colour: StatusColour.code(row.status)),
                    .init(String(row.teams)), .init(String(row.users)), .init(String(row.invitations)),
                    .init(String(row.shares.count)), .init(String(row.createdAt.prefix(10))),
                ]
            }
            writeOut(table.render(colour: stdoutIsTerminal))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show one org as its portal page does: status, registration, teams, members, shares, history, commands.",
            discussion: "Example: roster org show acme-logistics")
        @OptionGroup var root: RootOptions
        @OptionGroup var today: TodayOption
        @Argument(help: "The org's id.") var org: String
        @Option(help: "table or json.") var format: ViewFormat = .table

        func run() throws {
            let catalogue = try loadCatalogue(root, today)
            guard let file = catalogue.snapshot.orgs.first(where: { $0.record.id == org }) else {
                throw noSuch("org", org, among: catalogue.snapshot.orgs.map(\.record.id))
            }
            if format == .json { return writeOut(catalogue.orgJSON(file.record)) }
            writeOut(OrgSheet(catalogue: catalogue, file: file, root: root.path).render(colour: stdoutIsTerminal))
        }
    }
}
