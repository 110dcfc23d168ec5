import ArgumentParser
import RosterCore

extension Roster {
    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unlock",
            abstract: "Clear a stale lock and complete an interrupted change.",
            discussion: """
                A roster run that changes records holds .roster.lock (pid, host, time). If the process \
                was killed, the lock stays and later changes are refused with a message naming it. \
                `roster unlock` removes a lock whose process is gone (--force removes any lock), then \
                completes a change that was interrupted after its commit point, or discards the \
                temporary files of one interrupted before it, so every file is wholly old or wholly new. \
                A journal (.roster-journal) that names anything but the record files a change writes \
                is refused, with nothing moved or deleted: inspect it and remove it by hand. Without \
                --force, unlock refuses (exit 1) a lock whose holder still runs or runs on another host.

                Examples:
                  roster unlock           # clear a dead run's lock; finish or undo its change
                  roster unlock --force   # any lock: make sure its holder is really gone first
                """)

        @OptionGroup var root: RootOptions
        @Flag(help: "Remove the lock even if its holder seems alive.") var force = false

        func run() throws {
            report(ChangeLock.unlock(root: root.path, force: force))
        }
    }
}
