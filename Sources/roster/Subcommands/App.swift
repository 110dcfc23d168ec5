import ArgumentParser
import RosterCore

extension Roster {
    struct App: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "app",
            abstract: "Create and delete the apps a team shares, and the shares they use.",
            discussion: """
                An app belongs to a team of an org: every member of the team (or of the org, with \
                --visibility org) can use it and its credentials. No secret is ever written here: the \
                credentials live in the gateway, keyed by the org's id and the app's id.
                """,
            subcommands: [Create.self, Delete.self, AddShare.self, RemoveShare.self]
        )

        struct Create: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "create",
                abstract: "Create an app for a team; it may use shares the org consumes today.",
                discussion: """
                    Records who created it (--actor) and when. A super admin of the org, or a member of \
                    the team, may propose it by pull request.

                    Example: roster app create initech "TPS dashboard" --team tps-reports --share weather-daily
                    """)
            @Argument(help: "The org's id.") var org: String
            @Argument(help: "The app's name (2 to 100 characters).") var name: String
            @Option(help: "The team that owns it.") var team: String
            @Option(name: .customLong("share"), help: ArgumentHelp("A share the app uses (repeatable).", valueName: "share")) var shares: [String] =
                []
            @Option(help: "team (its team's members use it) or org (every member).") var visibility: AppVisibility = .team
            @Option(help: "The app's id; default: derived from the name.") var id: String?
            @Option(help: "What the app does.") var description: String?
            @OptionGroup var options: ChangeOptions
            func run() throws {
                try runChange(
                    [.appCreate(org: org, name: name, id: id, team: team, shares: shares, visibility: visibility, description: description)], options)
            }
        }

        struct Delete: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "delete", abstract: "Delete an app (remove its credentials from the gateway too).",
                discussion: """
                    Its team and the org's shares stay. roster keeps no secret, so it cannot revoke \
                    the app's credentials: the gateway must. Refused for an app the org does not have.

                    Example:
                      roster app delete initech tps-dashboard   # the gateway must revoke its keys
                    """)
            @Argument(help: "The org's id.") var org: String
            @Argument(help: "The app's id.") var app: String
            @OptionGroup var options: ChangeOptions
            func run() throws { try runChange([.appDelete(org: org, app: app)], options) }
        }

        struct AddShare: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add-share", abstract: "Let an app use a share the org consumes.",
                discussion: """
                    Refused for a share the org does not consume: a provider admin links it first \
                    (`roster share add-org`).

                    Example:
                      # skynet-maps may use weather-daily too, which cyberdyne-systems consumes:
                      roster app add-share cyberdyne-systems skynet-maps weather-daily
                    """)
            @Argument(help: "The org's id.") var org: String
            @Argument(help: "The app's id.") var app: String
            @Argument(help: "The share's id.") var share: String
            @OptionGroup var options: ChangeOptions
            func run() throws { try runChange([.appAddShare(org: org, app: app, share: share)], options) }
        }

        struct RemoveShare: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "remove-share", abstract: "Stop an app from using a share.",
                discussion: """
                    The org keeps consuming the share. Refused when the app does not use it.

                    Example:
                      roster app remove-share initech tps-dashboard weather-daily
                    """)
            @Argument(help: "The org's id.") var org: String
            @Argument(help: "The app's id.") var app: String
            @Argument(help: "The share's id.") var share: String
            @OptionGroup var options: ChangeOptions
            func run() throws { try runChange([.appRemoveShare(org: org, app: app, share: share)], options) }
        }
    }
}

extension AppVisibility: ExpressibleByArgument {}
