/// The change lock every run that writes records holds (the verbs, `apply`, `fmt`, `migrate`),
/// taken with an interrupted change completed or discarded first, so a run starts from files
/// that are each wholly old or wholly new.
public struct ChangeLock: Sendable {
    /// The lock itself; ``release()`` gives it up.
    public let lock: RepositoryLock
    /// What recovering an interrupted change did, one line each, for standard error.
    public let recovered: [String]

    /// Why the lock was not taken: a held, stale or unreadable lock, or a journal roster did not
    /// write (then the lock is released again and nothing was moved).
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Takes the lock under `root`, waiting up to `wait` seconds for another holder, then recovers.
    public static func take(root: String, wait: Double) throws(Refusal) -> ChangeLock {
        let lock: RepositoryLock
        do {
            lock = try RepositoryLock.acquire(root: root, timeout: wait)
        } catch {
            throw Refusal(description: error.description)
        }
        do {
            return ChangeLock(lock: lock, recovered: try Transaction.recover(root: root))
        } catch {
            lock.release()
            throw Refusal(description: error.description)
        }
    }

    /// Gives the lock up (once: a second release could remove the lock of a later run).
    public func release() { lock.release() }

    /// `roster unlock`: removes a lock whose process is gone (any lock with `force`), then
    /// completes or discards an interrupted change, so every file is wholly old or wholly new.
    public static func unlock(root: String, force: Bool) -> RunOutcome {
        var outcome = RunOutcome()
        let nameless = RepositoryLock.isPresent(root: root) && RepositoryLock.holder(root: root) == nil
        do throws(RepositoryLock.Failure) {
            if let holder = try RepositoryLock.clear(root: root, force: force) {
                outcome.output += "removed the lock of \(holder)\n"
            } else if nameless {
                outcome.output += "removed \(RepositoryLock.fileName), which named no holder\n"
            }
        } catch {
            return RunOutcome(errors: ["roster: refused: \(error); pass --force if you are sure it is gone"], exitCode: 1)
        }
        do throws(Refusal) {
            let lock = try take(root: root, wait: 0)
            defer { lock.release() }
            outcome.output += lock.recovered.isEmpty ? "no interrupted change\n" : lock.recovered.map { $0 + "\n" }.joined()
        } catch {
            return RunOutcome(output: outcome.output, errors: ["roster: refused: \(error)"], exitCode: 1)
        }
        return outcome
    }
}
