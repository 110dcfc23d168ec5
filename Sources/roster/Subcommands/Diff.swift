import ArgumentParser
import Foundation
import RosterCore

extension Roster {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "Show what changes between two revisions, as events (not line diffs).",
            discussion: """
                Compares BASE (default HEAD) with HEAD (default: the working tree, untracked files \
                included), reading both with git itself. Events: org created / renamed / enabled / \
                disabled / approved / rejected / deleted, registration requested, member invited / \
                activated / removed / role changed / renamed, team created / deleted / membership \
                changed, share created / deleted, org linked to / unlinked from a share, access end date \
                changed, settings changed.

                --format markdown writes a pull-request comment: a summary line, a table per kind, the \
                warnings that apply, and the access impact ("3 users lose access to share S"), by the \
                access rule `roster export` and `roster sync` apply, on --today. --format json writes {"base", "head", "counts", "events": [{"kind", \
                "path", "org", "share", "team", "email", "from", "to", "detail"}]} (absent fields are \
                left out; "head" is null for the working tree).

                With --exit-code: 0 no change, 2 changes, 1 error.

                Examples:
                  roster diff                           # HEAD vs the working tree
                  roster diff origin/main HEAD --format markdown
                """)

        @OptionGroup var root: RootOptions
        @Argument(help: "The base revision.") var base: String = "HEAD"
        @Argument(help: "The head revision; default: the working tree.") var head: String?
        @Option(help: "text, markdown or json.") var format: DiffReport.Format = .text
        @Flag(help: "Exit 2 when there are changes, 0 when there are none.") var exitCode = false
        @OptionGroup var today: TodayOption

        func run() throws {
            let comparison: Comparison
            do {
                comparison = try Comparison.load(root: root.path, base: base, head: head)
            } catch {
                printError(
                    "roster: " + (RevisionProblem.explain(root: root.path, revisions: [base] + (head.map { [$0] } ?? [])) ?? error.description))
                throw ExitCode(1)
            }
            for finding in comparison.head.findings + comparison.base.findings {
                printError(FindingReport.textLine(finding))
            }
            let warnings = format == .markdown ? comparison.headWarnings() : []
            var access = ""
            if format == .markdown {
                let day = try today.options().today
                do {
                    access = try AccessImpact.between(comparison, on: day).markdown(day: day)
                } catch {
                    printError("roster: \(error)")
                    throw ExitCode(1)
                }
            }
            print(DiffReport.render(comparison, format: format, warnings: warnings, access: access), terminator: "")
            if exitCode, !comparison.events.isEmpty { throw ExitCode(2) }
        }
    }
}

extension DiffReport.Format: ExpressibleByArgument {}
