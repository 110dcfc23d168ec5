/// What `roster fmt` and `roster migrate` do, as values the CLI prints: under the change lock,
/// rewrite record files in canonical form (every file, or those of an older schemaVersion).
/// A file with load errors is never rewritten, and a symbolic link anywhere roster reads makes
/// either write nothing, as it makes the verbs.
public enum RecordRewrite {
    /// `roster fmt`: with `check`, nothing is written and the files not in canonical form are
    /// listed (exit 1 when there are any); otherwise they are rewritten under the change lock.
    /// A file with errors is named and left as it is (exit 1).
    public static func format(root: String, check: Bool, lockWait: Double) -> RunOutcome {
        var outcome = RunOutcome()
        // Writing takes the change lock, like the verbs: a verb's change made meanwhile would
        // otherwise be overwritten by this run's older copy of the file.
        let lock: ChangeLock?
        do throws(ChangeLock.Refusal) {
            lock = check ? nil : try ChangeLock.take(root: root, wait: lockWait)
        } catch {
            return refused(error)
        }
        defer { lock?.release() }
        outcome.errors += lock?.recovered.map { "roster: \($0)" } ?? []
        let snapshot = RecordStore.load(root: root)
        if !check, let links = linkRefusal(snapshot, verb: "fmt") { return merged(outcome, links) }
        let differences = Formatter.differences(snapshot)
        let broken = Formatter.unformattable(snapshot)
        outcome.errors += broken.map { "\(TerminalText.escape($0)): not formatted: it has errors; run `roster validate` to see them" }
        if check {
            outcome.output += differences.map { "\(TerminalText.escape($0.path)): not in canonical form\n" }.joined()
            if differences.isEmpty && broken.isEmpty {
                outcome.output += "all \(snapshot.sources.count) record files are canonical\n"
            } else {
                outcome.output += "\(Plural.count(differences.count, "file")) to format; run `roster fmt`\n"
                outcome.exitCode = 1
            }
            return outcome
        }
        outcome = write(differences, root: root, into: outcome) { "formatted \(TerminalText.escape($0.path))" }
        if differences.isEmpty { outcome.output += "nothing to format\n" }
        if !broken.isEmpty { outcome.exitCode = 1 }
        return outcome
    }

    /// `roster migrate`: under the change lock, rewrites the files of an older schemaVersion in
    /// the current format; nothing is written when any file has an error.
    public static func migrate(root: String, lockWait: Double) -> RunOutcome {
        var outcome = RunOutcome()
        let lock: ChangeLock
        do throws(ChangeLock.Refusal) {
            lock = try ChangeLock.take(root: root, wait: lockWait)
        } catch {
            return refused(error)
        }
        defer { lock.release() }
        outcome.errors += lock.recovered.map { "roster: \($0)" }
        let snapshot = RecordStore.load(root: root)
        let errors = snapshot.loadFindings.filter { $0.severity == .error }
        if !errors.isEmpty {
            let located = FindingLocator.locate(errors, sources: snapshot.sources)
            outcome.output += FindingReport.render(located, format: .text)
            outcome.errors.append("migrate: nothing written; fix the errors above first")
            outcome.exitCode = 1
            return outcome
        }
        let targets = Formatter.differences(snapshot).filter { snapshot.outdatedPaths.contains($0.path) }
        outcome = write(targets, root: root, into: outcome) {
            "migrated \(TerminalText.escape($0.path)) to schemaVersion \(currentSchemaVersion)"
        }
        if targets.isEmpty {
            outcome.output += "every file is at schemaVersion \(currentSchemaVersion); nothing to migrate\n"
        }
        return outcome
    }

    /// Writes each file atomically, saying so; the first failure stops the run (exit 1).
    private static func write(
        _ files: [Formatter.Difference], root: String, into outcome: RunOutcome, saying line: (Formatter.Difference) -> String
    ) -> RunOutcome {
        var outcome = outcome
        for file in files {
            do throws(AtomicWriter.WriteError) {
                try AtomicWriter.write(file.canonical, to: root + "/" + file.path)
            } catch {
                outcome.errors.append("roster: \(error)")
                outcome.exitCode = 1
                return outcome
            }
            outcome.output += line(file) + "\n"
        }
        return outcome
    }

    /// The symbolic links the loader found, reported with the refusal, or nil when there are none.
    private static func linkRefusal(_ snapshot: Snapshot, verb: String) -> RunOutcome? {
        let links = snapshot.loadFindings.filter { $0.rule == SymlinkScan.rule }
        guard !links.isEmpty else { return nil }
        return RunOutcome(
            output: FindingReport.render(links, format: .text),
            errors: ["\(verb): nothing written; replace the symbolic links above with the files themselves first"],
            exitCode: 1)
    }

    private static func refused(_ refusal: ChangeLock.Refusal) -> RunOutcome {
        RunOutcome(errors: ["roster: refused: \(refusal)"], exitCode: 1)
    }

    private static func merged(_ earlier: RunOutcome, _ later: RunOutcome) -> RunOutcome {
        RunOutcome(output: earlier.output + later.output, errors: earlier.errors + later.errors, exitCode: later.exitCode)
    }
}
