import ArgumentParser
import RosterCore

extension Roster {
    struct Share: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "share",
            abstract: "List and show shares; create and delete them; link orgs to them.",
            subcommands: [List.self, Show.self, Create.self, Delete.self, AddOrg.self, RemoveOrg.self]
        )

        struct Create: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "create",
                abstract: "Create a share.",
                discussion: "Example: roster share create \"Freight rates\" --description \"Daily spot rates\"")
            @Argument(help: "The share's name (3 to 64 characters, unique).") var name: String
            @Option(help: "The share's id; default: derived from the name.") var id: String?
            @Option(help: "What the share holds.") var description: String?
            @OptionGroup var options: ChangeOptions
            func run() throws { try runChange([.shareCreate(name: name, id: id, description: description)], options) }
        }

        struct Delete: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "delete", abstract: "Delete a share; prints the orgs that lose access.",
                discussion: """
                    Also takes the share out of every app that uses it. No confirmation is asked: try \
                    it with --dry-run first. In a pull request, `roster check` refuses removing more \
                    than guards.maxRemovalFraction of a share's consumers (and more than one) unless \
                    --allow-mass-removal.

                    Examples:
                      roster share delete claims-api --dry-run   # who loses access, and a diff
                      roster share delete claims-api             # 2 orgs and an app lose it
                    """)
            @Argument(help: "The share's id.") var share: String
            @OptionGroup var options: ChangeOptions
            func run() throws { try runChange([.shareDelete(share: share)], options) }
        }

        struct AddOrg: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add-org",
                abstract: "Give an approved org access to a share, from today; or create a new org and link it.",
                discussion: """
                    --new-org NAME creates the org (enabled, with its default team) and links it in one \
                    change, as a share's "Create new" does; give either ORG or --new-org.

                    Examples:
                      roster share add-org weather-daily initech --until 2027-06-30
                      roster share add-org weather-daily --new-org "Soylent Analytics"
                    """)
            @Argument(help: "The share's id.") var share: String
            @Argument(help: "The org's id (an existing org).") var org: String?
            @Option(name: .customLong("new-org"), help: ArgumentHelp("Create an org with this name and link it.", valueName: "name")) var newOrg:
                String?
            @Option(help: "With --new-org: the new org's id; default: derived from the name.") var id: String?
            @Option(help: "The first day without access (access ends before it), YYYY-MM-DD.") var until: String?
            @OptionGroup var options: ChangeOptions

            /// A malformed date is bad usage (64), as a malformed --today is; a date in the past is
            /// a refusal (1), since it depends on the day the change is made.
            func validate() throws {
                if (org == nil) == (newOrg == nil) { throw ValidationError("give either ORG (an existing org) or --new-org NAME (an org to create)") }
                if id != nil, newOrg == nil { throw ValidationError("--id names the org --new-org creates") }
                if let until, Formats.date(until) == nil {
                    throw ValidationError("--until must be a date such as 2026-12-31, not \"\(until)\"")
                }
            }

            func run() throws {
                if let newOrg {
                    try runChange([.shareAddNewOrg(share: share, name: newOrg, id: id, until: until)], options)
                } else if let org {
                    try runChange([.shareAddOrg(share: share, org: org, until: until)], options)
                }
            }
        }

        struct RemoveOrg: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "remove-org", abstract: "End an org's access to a share.",
                discussion: """
                    At once, and the org's apps stop using the share. Refused when the org does not \
                    consume it. In a pull request, `roster check` refuses removing more than \
                    guards.maxRemovalFraction of a share's consumers (and more than one) unless \
                    --allow-mass-removal.

                    Example:
                      roster share remove-org weather-daily initech   # tps-dashboard loses it too
                    """)
            @Argument(help: "The share's id.") var share: String
            @Argument(help: "The org's id.") var org: String
            @OptionGroup var options: ChangeOptions
            func run() throws { try runChange([.shareRemoveOrg(share: share, org: org)], options) }
        }
    }
}
