import ArgumentParser
import Foundation
import RosterCore
import RosterSync

extension Roster {
    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            abstract: "Make a SCIM 2.0 service provider mirror who may connect (plan, then --apply).",
            discussion: """
                Reads the service provider's Users and Groups (paging with startIndex/count, filtered to \
                roster's own), compares them with the export (roster help export) and prints the plan: \
                the counts, then one line per resource:

                  + create user|group ...
                  ~ update user|group ...: the attributes that change
                  - deactivate user ...: active: false (also a user the records no longer list)
                  x delete user|group ... (only with --prune)

                roster touches only what it created: users it marks with userType "roster" and groups \
                whose externalId is org:<id> or org:<id>/team:<team-id>. Everything else on the server is \
                left alone, even a user whose e-mail a member has.

                With --apply, creates (POST), updates (PATCH, or PUT when the server's \
                ServiceProviderConfig says it does not support PATCH), then group memberships; at most \
                --concurrency requests at a time, each with a timeout, retried on 429 and 5xx (honouring \
                Retry-After) and on network errors. Each failure is printed with its resource and the \
                server's detail. A second --apply plans nothing.

                --deadline (default 3600 seconds) bounds the whole run: after it no request is sent \
                or retried (one under way finishes within its --timeout) and the sync stops with exit \
                1. While reading, nothing was changed; during --apply, each change not sent is printed \
                ("not sent: " and its plan line) with the counts applied, failed and not sent: running \
                again applies the rest.

                A plan that removes more than guards.maxRemovalFraction of what roster owns on the \
                server is refused unless --allow-mass-removal: of its users, or of those of them who \
                are active, deactivated or deleted; of the entitlements its active users hold, taken \
                away; of its groups that have members, deleted (--prune) or emptied.

                A listing that claims (totalResults) or holds more than --max-listing resources is \
                refused with nothing changed: a server that keeps listing fresh ids would keep roster \
                reading for ever. The default, 100000 or ten times the users and groups in the records \
                if more, leaves room for the users and groups the records no longer name.

                The bearer token is read from the environment variable --token-env (default \
                ROSTER_SCIM_TOKEN), never from the command line, and never printed. https certificates \
                are verified; plain http is accepted only for 127.0.0.1, ::1 and localhost.

                An https service provider is reached through the http proxy in https_proxy (or \
                HTTPS_PROXY, http://[user:password@]host[:port]) unless no_proxy names its host; the \
                proxy tunnels TLS (CONNECT), so it sees neither the token nor the records. A loopback \
                (plain http) address never goes through a proxy.

                Exit codes: 0 nothing to do or applied, 2 a plan with changes and no --apply, 1 refused \
                or failed (the reason is printed), 64 bad usage.

                Examples:
                  ROSTER_SCIM_TOKEN=... roster sync --scim https://idp.example/scim/v2
                  ROSTER_SCIM_TOKEN=... roster sync --scim https://idp.example/scim/v2 --apply
                """
        )

        @OptionGroup var root: RootOptions
        @Option(help: ArgumentHelp("The service provider's SCIM base URL.", valueName: "url")) var scim: String
        @Option(help: ArgumentHelp("The environment variable that holds the bearer token.", valueName: "name"))
        var tokenEnv = "ROSTER_SCIM_TOKEN"
        @OptionGroup var today: TodayOption
        @Flag(help: "Make the changes (default: print the plan only).") var apply = false
        @Flag(help: "Delete users and groups roster created that the records no longer name (default: deactivate / empty them).") var prune = false
        @Flag(help: "Allow a plan that deactivates or deletes more than guards.maxRemovalFraction of roster's users.") var allowMassRemoval = false
        @Option(help: "Requests in flight at most.") var concurrency = 8
        @Option(help: ArgumentHelp("Seconds before one request times out.", valueName: "seconds")) var timeout = 30.0
        @Option(
            help: ArgumentHelp(
                "The most resources one listing of Users or Groups may hold (default: 100000, or ten times the users and groups in the records if more).",
                valueName: "count"))
        var maxListing: Int?
        @Option(
            help: ArgumentHelp(
                "Seconds after which the sync sends no more requests and stops, reporting what it applied and what not.",
                valueName: "seconds"))
        var deadline = 3600.0

        func validate() throws {
            guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 64") }
            guard timeout > 0 && timeout <= 600 else { throw ValidationError("--timeout must be between 0 and 600 seconds") }
            if let maxListing, maxListing < 1 { throw ValidationError("--max-listing must be at least 1") }
            guard deadline > 0 && deadline <= 86400 else { throw ValidationError("--deadline must be between 0 and 86400 seconds") }
        }

        func run() async throws {
            let day = try today.options().today
            let base: URL
            do { base = try SCIMEndpoint.check(scim) } catch { throw ValidationError(error.description) }
            // The variable's name is echoed only when it is the default: a token pasted by mistake
            // as --token-env must not reach a CI log.
            let named = tokenEnv == "ROSTER_SCIM_TOKEN" ? "ROSTER_SCIM_TOKEN" : "the variable --token-env names"
            guard let token = ProcessInfo.processInfo.environment[tokenEnv], !token.isEmpty else {
                throw ValidationError("\(named) is not set: put the SCIM bearer token in it (from your CI's secret store)")
            }
            guard !token.contains(where: { $0.isNewline || $0 == "\0" }) else {
                throw ValidationError("\(named) holds a line break; it must hold the token alone")
            }
            let (model, settings) = try loadAccessModel(root: root.path, on: day)
            var options = SyncRun.Options()
            options.apply = apply
            options.prune = prune
            options.allowMassRemoval = allowMassRemoval
            options.maxRemovalFraction = settings.guards.maxRemovalFraction
            options.concurrency = concurrency
            options.timeout = timeout
            options.maxListing = maxListing
            options.deadline = deadline
            do { options.proxy = try SCIMProxy.from(environment: ProcessInfo.processInfo.environment, for: base) } catch {
                throw ValidationError(error.description)
            }
            let sync = SyncRun(base: base, token: token, options: options)
            let code = await sync.run(model, out: { writeOut($0 + "\n") }, err: { printError($0) })
            if code != 0 { throw ExitCode(code) }
        }
    }
}
