import ArgumentParser
import Foundation
import RosterCore

/// How long a run waits for another roster to release the change lock: `$ROSTER_LOCK_WAIT`
/// seconds, default 5 (tests set it lower).
func lockWait() throws -> Double {
    guard let text = ProcessInfo.processInfo.environment["ROSTER_LOCK_WAIT"] else { return 5 }
    guard let seconds = Double(text), seconds >= 0, seconds <= 3600 else {
        throw ValidationError("ROSTER_LOCK_WAIT must be a number of seconds from 0 to 3600, not \"\(text)\"")
    }
    return seconds
}

/// Takes the change lock (``ChangeLock``) and says what recovering an interrupted change did.
/// A refusal (a held, stale or unreadable lock, a journal roster did not write) prints its
/// reason and exits 1.
func takeChangeLock(root: String) throws -> ChangeLock {
    let wait = try lockWait()
    do {
        let lock = try ChangeLock.take(root: root, wait: wait)
        for line in lock.recovered { printError("roster: \(line)") }
        return lock
    } catch {
        printError("roster: refused: \(error)")
        throw ExitCode(1)
    }
}
