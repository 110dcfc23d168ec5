import ArgumentParser

@main
struct Roster: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "Keep an API marketplace's consumer organizations as code.",
        discussion: """
        Orgs, teams, memberships and shares live as JSON files under data/ in a git repository.
        roster validates them, formats them canonically, and (in later verbs) changes them,
        checks pull requests and renders the portal.

        Exit codes: 0 success, 1 refused or invalid (the reason is printed), 64 bad usage.
        """,
        version: "0.1.0",
        subcommands: [Validate.self, Build.self, Diff.self, Check.self, Notify.self, Serve.self, Fmt.self, Migrate.self, Init.self, Org.self, Member.self, TeamCommand.self, ShareCommand.self, Apply.self, Unlock.self]
    )
}
