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
    func changeContext() throws -> ChangeContext {
        let now: String
        if let fixed = ProcessInfo.processInfo.environment["ROSTER_NOW"] {
            guard Formats.timestamp(fixed) != nil else { throw ValidationError("ROSTER_NOW must be a timestamp such as 2026-01-31T09:00:00Z") }
            now = fixed
        } else {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime]
            now = formatter.string(from: Date())
        }
        return ChangeContext(actor: try resolvedActor()?.email, now: now, today: Formats.timestamp(now)!)
    }
}

/// Loads, plans, validates and (unless --dry-run) writes a change under the repository lock.
/// Exit 0 when done, 1 when refused; the reason goes to standard error.
func runChange(_ operations: [Change], _ options: ChangeOptions) throws {
    let root = options.root.path
    let context = try options.changeContext()
    guard FileManager.default.fileExists(atPath: root + "/" + Snapshot.marketplacePath) else {
        printError("roster: no \(Snapshot.marketplacePath) under \(root); run `roster init` or pass --root DIR")
        throw ExitCode(1)
    }
    let lock = options.dryRun ? nil : try takeChangeLock(root: root)
    defer { lock?.release() }
    let snapshot = RecordStore.load(root: root)
    let plan: ChangePlan
    do {
        plan = try ChangeEngine.plan(operations, on: snapshot, context: context)
    } catch {
        // A refusal that lists findings is several lines of escaped findings; any other is one line.
        printError("roster: refused: " + TerminalText.escape(error.description, keepingLineBreaks: !error.findings.isEmpty))
        if error.findings.count > 10 { printError("  ... and \(error.findings.count - 10) more; run `roster validate`") }
        throw ExitCode(1)
    }
    if operations.contains(where: \.recordsActor), let (actor, source) = try options.resolvedActor() {
        printValueLine("as \(actor) (from \(source))")
    }
    for note in plan.notes { printValueLine(note) }
    if options.dryRun {
        for file in plan.files {
            printValueLine(
                file.isDeletion ? "would delete \(file.path)" : file.old == nil ? "would create \(file.path)" : "would change \(file.path)")
        }
        for file in plan.files {
            // Canonical JSON escapes C0 controls in strings but not C1 or bidi overrides.
            let diff = LineDiff.unified(
                old: String(decoding: file.old ?? [], as: UTF8.self), new: String(decoding: file.new ?? [], as: UTF8.self), path: file.path)
            print(TerminalText.escape(diff, keepingLineBreaks: true), terminator: "")
        }
        if plan.isEmpty { print("nothing would change") }
        print("dry run: nothing written")
        return
    }
    do {
        try Transaction.commit(plan.files, root: root)
    } catch {
        printError("roster: \(error)")
        throw ExitCode(1)
    }
    for file in plan.files {
        printValueLine(file.isDeletion ? "deleted \(file.path)" : file.old == nil ? "created \(file.path)" : "updated \(file.path)")
    }
    for warning in plan.warnings { print(FindingReport.textLine(warning)) }
    lock?.release()
    // As in `validate`: skip tearing down two large snapshots; the process ends here.
    withExtendedLifetime((snapshot, plan)) { exitNow(0) }
}

extension Role: ExpressibleByArgument {}
