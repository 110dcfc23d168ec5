/// What a ``ChangeSession`` did and what to print about it: standard output already escaped
/// for a terminal, and the lines for standard error.
public struct ChangeRun: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// The plan's files were written.
        case written
        /// Nothing was written: the files and diff that would be are in the output.
        case dryRun
        /// Refused before writing anything: no project, the lock, or the change itself.
        case refused
        /// The change was valid but could not be written; the transaction left every file
        /// wholly old or wholly new.
        case failed
    }

    public var outcome: Outcome
    /// The plan, once the change was planned (not when refused).
    public var plan: ChangePlan?
    /// The records the change was planned on, kept so the caller decides when to free them.
    public var snapshot: Snapshot?
    /// Standard output, every line escaped for a terminal (record text cannot end a line early).
    public var output = ""
    /// Lines for standard error, each a whole message (`roster: ...`).
    public var errors: [String] = []

    /// 0 when written or a dry run, 1 when refused or failed.
    public var exitCode: Int32 { outcome == .written || outcome == .dryRun ? 0 : 1 }
    /// The files written, or those a dry run would write.
    public var files: [FileChange] { outcome == .refused ? [] : plan?.files ?? [] }

    init(outcome: Outcome, plan: ChangePlan? = nil, snapshot: Snapshot? = nil) {
        self.outcome = outcome
        self.plan = plan
        self.snapshot = snapshot
    }

    static func refused(_ message: String) -> ChangeRun {
        var run = ChangeRun(outcome: .refused)
        run.errors = ["roster: " + message]
        return run
    }

    /// One line that may hold record text: every control character in it is shown escaped.
    mutating func say(_ line: String) {
        output += TerminalText.escape(line) + "\n"
    }

    /// What would change: each file, then its diff; nothing is written.
    mutating func showDryRun(_ plan: ChangePlan) {
        for file in plan.files {
            say(file.isDeletion ? "would delete \(file.path)" : file.old == nil ? "would create \(file.path)" : "would change \(file.path)")
        }
        for file in plan.files {
            // Canonical JSON escapes C0 controls in strings but not C1 or bidi overrides.
            let diff = LineDiff.unified(
                old: String(decoding: file.old ?? [], as: UTF8.self), new: String(decoding: file.new ?? [], as: UTF8.self), path: file.path)
            output += TerminalText.escape(diff, keepingLineBreaks: true)
        }
        if plan.isEmpty { output += "nothing would change\n" }
        output += "dry run: nothing written\n"
    }

    /// What changed, then the warnings the change leaves in the files it touched.
    mutating func showWritten(_ plan: ChangePlan) {
        for file in plan.files {
            say(file.isDeletion ? "deleted \(file.path)" : file.old == nil ? "created \(file.path)" : "updated \(file.path)")
        }
        for warning in plan.warnings { output += FindingReport.textLine(warning) + "\n" }
    }
}
