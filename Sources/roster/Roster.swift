import ArgumentParser
import RosterCore

@main
struct Roster: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "Keep an API marketplace's consumer organizations as code.",
        discussion: """
            Orgs, teams, memberships and shares live as JSON files under data/ in a git repository. \
            roster validates and formats them, changes them safely (org, member, team, share, \
            apply), checks pull requests (diff, check), sends the e-mails merged changes call for \
            (notify), renders the read-only admin portal (build, serve), and tells the systems that \
            enforce access who may connect (export, sync).

            Quick start, in a repository that holds data/ (`roster init` makes one):
              roster validate                  # every problem, as path:line:column: ...
              roster build                     # the portal: open _site/index.html
              roster serve                     # live preview on http://127.0.0.1:8000/
              roster org create "Pied Piper"   # a change: validated first, then written
              roster diff                      # what the working tree changes, as events
              roster check --base HEAD --actor ana.ruiz@meridian.example   # CI's gate

            Exit codes: 0 success, 1 refused or invalid (the reason is printed), 64 bad usage \
            (diff --exit-code and sync also use 2: there are changes).
            """,
        version: "0.1.0",
        subcommands: [
            Validate.self, Build.self, Diff.self, Check.self, Notify.self, Serve.self, Fmt.self, Migrate.self, Init.self, Org.self, Member.self,
            Team.self, Share.self, App.self, Settings.self, Apply.self, Unlock.self, Export.self, Sync.self,
        ]
    )

    /// Parses the command line after ``CommandLineFixups`` (root first, did-you-mean).
    static func main() async {
        do {
            await main(try CommandLineFixups.rearranged(Array(CommandLine.arguments.dropFirst())))
        } catch let error as CommandLineFixups.UnknownVerb {
            printError("roster: " + error.message)
            exitNow(ExitCode.validationFailure.rawValue)
        } catch {
            exitNow(ExitCode.validationFailure.rawValue)
        }
    }
}
