import ArgumentParser
import RosterCore

extension Roster {
    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Clear a stale lock and complete an interrupted change.",
            discussion: """
                A roster run that changes records holds .roster.lock (pid, host, time). If the process \
                was killed, the lock stays and later changes are refused with a message naming it. \
                `roster unlock` removes a lock whose process is gone (--force removes any lock), then \
                completes a change that was interrupted after its commit point, or discards the \
                temporary files of one interrupted before it, so every file is wholly old or wholly new. \
                A journal (.roster-journal) that names anything but the record files a change writes \
                is refused, with nothing moved or deleted: inspect it and remove it by hand.
                """)

        @OptionGroup var root: RootOptions
        @Flag(help: "Remove the lock even if its holder seems alive.") var force = false

        func run() throws {
            let path = root.path
            do {
                let nameless = RepositoryLock.isPresent(root: path) && RepositoryLock.holder(root: path) == nil
                if let holder = try RepositoryLock.clear(root: path, force: force) {
                    print("removed the lock of \(holder)")
                } else if nameless {
                    print("removed \(RepositoryLock.fileName), which named no holder")
                }
                let lock = try RepositoryLock.acquire(root: path, timeout: 0)
                defer { lock.release() }
                let done = try Transaction.recover(root: path)
                for line in done { print(line) }
                if done.isEmpty { print("no interrupted change") }
            } catch let failure as RepositoryLock.Failure {
                printError("roster: refused: \(failure); pass --force if you are sure it is gone")
                throw ExitCode(1)
            } catch {
                printError("roster: refused: \(error)")
                throw ExitCode(1)
            }
        }
    }
}
