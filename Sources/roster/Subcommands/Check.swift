import ArgumentParser
import Foundation
import RosterCore

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "What CI runs on a pull request: validation, guards and policy.",
        discussion: """
        1. validates the head (the working tree) fully;
        2. guards, measured against the base's settings: removing more than
           guards.maxRemovalFraction of an org's members, of all orgs, or of a
           share's consumers (and more than one) is refused unless
           --allow-mass-removal; deleting an org without the confirmation
           `roster org delete` records is refused;
        3. policy, with --actor: a provider admin (in the base's marketplace.json)
           may change anything; a super admin of an org (in the base) only its
           members and teams; a team member nothing; anyone else only a
           registration request for a new org.

        Each refusal names the actor, the record, the event and the rule. Exit 0 allowed, 1 \
        refused. --format github writes annotations; --summary FILE writes the Markdown summary \
        (the semantic diff and the verdict) for a pull-request comment.

        Example (CI):
          roster check --base origin/main --actor "$PR_AUTHOR_EMAIL" \\
            --summary summary.md --format github
        """)

    @OptionGroup var root: RootOptions
    @Option(help: "The base revision the pull request targets.") var base: String
    @Option(help: ArgumentHelp("Who proposes the change; default $ROSTER_ACTOR. Without it, policy is not checked.", valueName: "email"))
    var actor: String?
    @Flag(help: "Allow removing more than guards.maxRemovalFraction.") var allowMassRemoval = false
    @Option(help: "text or github.") var format: FindingReport.Format = .text
    @Option(help: ArgumentHelp("Write a Markdown summary here.", valueName: "file")) var summary: String?
    @Option(help: ArgumentHelp("Measure ages from this day, YYYY-MM-DD.", valueName: "date")) var today: String?

    func run() throws {
        let options = try validationOptions(today)
        let who = (actor ?? ProcessInfo.processInfo.environment["ROSTER_ACTOR"]).map { $0.lowercased() }
        let snapshot = RecordStore.load(root: root.path)
        var findings = Validator.validate(snapshot, options: options)
        let comparison: Comparison
        do {
            comparison = try Comparison.load(root: root.path, base: base, head: nil)
            let check = PullRequestCheck(comparison: comparison, allowMassRemoval: allowMassRemoval)
            findings += try check.guards()
            if let who, !who.isEmpty { findings += try check.policy(actor: who) }
        } catch {
            printError("roster: \(error)")
            throw ExitCode(1)
        }
        findings.sort(by: Finding.reportOrder)
        let errors = findings.filter { $0.severity == .error }
        print(FindingReport.render(findings, format: format == .json ? .text : format, color: stdoutIsTerminal, filesChecked: snapshot.sources.count), terminator: "")
        let verdict = errors.isEmpty ? "allowed" : "refused"
        if let summary {
            let changed = Set(comparison.paths)
            var text = DiffReport.render(comparison, format: .markdown, warnings: findings.filter { $0.severity == .warning && changed.contains($0.path) })
            text += "\n### Check: \(verdict)\n\n"
            if errors.isEmpty {
                text += "Validation, guards\(who == nil ? "" : " and policy (\(who!))") pass.\n"
            } else {
                for e in errors.prefix(50) { text += "- `\(e.path):\(e.line)` \(e.message) [\(e.rule)]\n" }
            }
            try Data(text.utf8).write(to: URL(fileURLWithPath: summary))
        }
        print("check: \(verdict) (\(comparison.events.count) change\(comparison.events.count == 1 ? "" : "s") against \(comparison.baseLabel))")
        if !errors.isEmpty { throw ExitCode(1) }
    }
}
