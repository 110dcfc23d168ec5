import Foundation

/// One run of a verb that changes records: check the project, take the change lock (unless a
/// dry run), recover an interrupted change, plan, and write. It prints nothing: the
/// ``ChangeRun`` it returns holds what to print, so the executable only prints it.
public struct ChangeSession: Sendable {
    public var root: String
    /// Plan and show the diff, write nothing, take no lock.
    public var dryRun: Bool
    /// Seconds to wait for another run's lock.
    public var lockWait: Double
    /// "as ana@provider.example (from --actor)": said first when an operation records the actor.
    public var actorNote: String?

    public init(root: String, dryRun: Bool = false, lockWait: Double = 5, actorNote: String? = nil) {
        self.root = root
        self.dryRun = dryRun
        self.lockWait = lockWait
        self.actorNote = actorNote
    }

    /// Runs `operations` as one change at `context`'s time; never throws, a refusal is a run too.
    public func run(_ operations: [Change], context: ChangeContext) -> ChangeRun {
        guard FileManager.default.fileExists(atPath: root + "/" + Snapshot.marketplacePath) else {
            return .refused("no \(Snapshot.marketplacePath) under \(root); run `roster init` or pass --root DIR")
        }
        var recovered: [String] = []
        var lock: ChangeLock?
        if !dryRun {
            do {
                lock = try ChangeLock.take(root: root, wait: lockWait)
            } catch {
                return .refused("refused: \(error)")
            }
            recovered = lock?.recovered.map { "roster: \($0)" } ?? []
        }
        defer { lock?.release() }
        let snapshot = RecordStore.load(root: root)
        var run = plannedRun(operations, on: snapshot, context: context)
        run.errors = recovered + run.errors
        return run
    }

    /// Plans the change on `snapshot` and, unless a dry run, writes it (the lock is held).
    func plannedRun(_ operations: [Change], on snapshot: Snapshot, context: ChangeContext) -> ChangeRun {
        let plan: ChangePlan
        do {
            plan = try ChangeEngine.plan(operations, on: snapshot, context: context)
        } catch {
            // A refusal that lists findings is several lines of escaped findings; any other is one line.
            var run = ChangeRun.refused(
                "refused: " + TerminalText.escape(error.description, keepingLineBreaks: !error.findings.isEmpty))
            if error.findings.count > 10 { run.errors.append("  ... and \(error.findings.count - 10) more; run `roster validate`") }
            run.snapshot = snapshot
            return run
        }
        var run = ChangeRun(outcome: dryRun ? .dryRun : .written, plan: plan, snapshot: snapshot)
        if let actorNote, operations.contains(where: \.recordsActor) { run.say(actorNote) }
        for note in plan.notes { run.say(note) }
        if dryRun {
            run.showDryRun(plan)
            return run
        }
        do {
            try Transaction.commit(plan.files, root: root)
        } catch {
            run.outcome = .failed
            run.errors.append("roster: \(error)")
            return run
        }
        run.showWritten(plan)
        return run
    }
}
