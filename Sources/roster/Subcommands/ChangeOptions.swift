import ArgumentParser
import Foundation
import RosterCore

/// Options every verb that changes records takes.
struct ChangeOptions: ParsableArguments {
    @OptionGroup var root: RootOptions

    @Option(
        help: ArgumentHelp(
            "Who makes the change, recorded in invitedBy, decidedBy, statusChangedBy. Default: $ROSTER_ACTOR, else git's user.email.",
            valueName: "email"))
    var actor: String?

    @Flag(help: "Print what would change (files and a diff) and write nothing.")
    var dryRun = false

    /// `--actor`, else `$ROSTER_ACTOR`, else `git config user.email`, lower-cased and checked,
    /// with where it came from (the verb says so when it records the actor).
    func resolvedActor() throws -> (email: String, source: String)? {
        let given: (String, String)? =
            if let actor { (actor, "--actor") } else if let env = ProcessInfo.processInfo.environment["ROSTER_ACTOR"], !env.isEmpty {
                (env, "$ROSTER_ACTOR")
            } else { nil }
        guard let (raw, source) = given else {
            return GitReader(root: root.path).configuredEmail().map { ($0, "git config user.email") }
        }
        let email = raw.lowercased()
        guard Formats.isValidEmail(email) else { throw ValidationError("\(source) must be an e-mail address, not \"\(raw)\"") }
        return (email, source)
    }

    /// The time of the change: now, or `$ROSTER_NOW` (an RFC 3339 timestamp) for reproducible runs.
    func changeTime() throws -> String {
        if let fixed = ProcessInfo.processInfo.environment["ROSTER_NOW"] {
            guard Formats.timestamp(fixed) != nil else { throw ValidationError("ROSTER_NOW must be a timestamp such as 2026-01-31T09:00:00Z") }
            return fixed
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }
}
