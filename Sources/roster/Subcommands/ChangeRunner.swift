import ArgumentParser
import Foundation
import RosterCore

/// Runs a change (``ChangeSession``) and prints what it says. Exit 0 when done, 1 when
/// refused; the reason goes to standard error.
func runChange(_ operations: [Change], _ options: ChangeOptions) throws {
    let now = try options.changeTime()
    let actor = try options.resolvedActor()
    let context = ChangeContext(actor: actor?.email, now: now, today: Formats.timestamp(now)!)
    let actorNote = actor.map { "as \($0.email) (from \($0.source))" }
    let session = ChangeSession(
        root: options.root.path, dryRun: options.dryRun, lockWait: options.dryRun ? 0 : try lockWait(), actorNote: actorNote)
    let run = session.run(operations, context: context)
    for line in run.errors { printError(line) }
    writeOut(run.output)
    // As in `validate`: skip tearing down two large snapshots; the process ends here.
    withExtendedLifetime(run) { exitNow(run.exitCode) }
}

extension Role: ExpressibleByArgument {}

/// How long a run waits for another roster to release the change lock: `$ROSTER_LOCK_WAIT`
/// seconds, default 5 (tests set it lower).
func lockWait() throws -> Double {
    guard let text = ProcessInfo.processInfo.environment["ROSTER_LOCK_WAIT"] else { return 5 }
    guard let seconds = Double(text), seconds >= 0, seconds <= 3600 else {
        throw ValidationError("ROSTER_LOCK_WAIT must be a number of seconds from 0 to 3600, not \"\(text)\"")
    }
    return seconds
}

/// Prints what ``RecordRewrite`` (`fmt`, `migrate`) says and exits with its code.
func report(_ outcome: RunOutcome) {
    for line in outcome.errors { printError(line) }
    writeOut(outcome.output)
    if outcome.exitCode != 0 { exitNow(outcome.exitCode) }
}
