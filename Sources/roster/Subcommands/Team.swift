import ArgumentParser
import RosterCore

extension Roster {
    struct Team: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "team",
            abstract: "Create and delete teams; add and remove their members.",
            subcommands: [Create.self, Delete.self, Add.self, Remove.self]
        )

        struct Create: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "create",
                abstract: "Create a team in an org.",
                discussion: "Example: roster team create initech \"TPS reports\"")
            @Argument(help: "The org's id.") var org: String
            @Argument(help: "The team's name (2 to 100 characters).") var name: String
            @Option(help: "The team's id; default: derived from the name.") var id: String?
            @OptionGroup var options: ChangeOptions
            func run() throws { try runChange([.teamCreate(org: org, name: name, id: id)], options) }
        }

        struct Delete: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "delete", abstract: "Delete a team (never the default team).",
                discussion: """
                    Its members stay in the org and in its other teams. Refused for the default team \
                    and for a team that owns an app: delete the app first.

                    Examples:
                      roster team delete acme-logistics billing   # its 2 members stay in the org
                      roster team delete initech tps-reports      # refused: it owns tps-dashboard
                    """)
            @Argument(help: "The org's id.") var org: String
            @Argument(help: "The team's id.") var team: String
            @OptionGroup var options: ChangeOptions
            func run() throws { try runChange([.teamDelete(org: org, team: team)], options) }
        }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add", abstract: "Add a member of the org to a team.",
                discussion: """
                    Refused for an e-mail that is not a member of the org (`roster member invite` \
                    makes one) or is in the team already.

                    Example:
                      # Milton joins the TPS reports team:
                      roster team add initech tps-reports milton.waddams@initech.example
                    """)
            @Argument(help: "The org's id.") var org: String
            @Argument(help: "The team's id.") var team: String
            @Argument(help: "The member's e-mail.") var email: String
            @OptionGroup var options: ChangeOptions
            func run() throws { try runChange([.teamAdd(org: org, team: team, email: email)], options) }
        }

        struct Remove: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "remove", abstract: "Remove a member from a team (they stay in the org).",
                discussion: """
                    They stay in the org's other teams too; `roster member remove` takes them out of \
                    the org. Refused when they are not in the team.

                    Example:
                      # Peter leaves TPS reports; he stays in initech and its team "everyone":
                      roster team remove initech tps-reports peter.gibbons@initech.example
                    """)
            @Argument(help: "The org's id.") var org: String
            @Argument(help: "The team's id.") var team: String
            @Argument(help: "The member's e-mail.") var email: String
            @OptionGroup var options: ChangeOptions
            func run() throws { try runChange([.teamRemove(org: org, team: team, email: email)], options) }
        }
    }
}
