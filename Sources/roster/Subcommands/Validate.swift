import ArgumentParser
import Foundation
import RosterCore

extension Roster {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Check every record and report all problems.",
            discussion: """
                Reads data/marketplace.json, data/orgs/*.json and data/shares/*.json, collects every \
                problem, and prints each as

                  path:line:column: error|warning: message [rule-id]

                followed by a count. Exits 1 when there is at least one error, 0 otherwise (warnings \
                alone do not fail). `--list-rules` prints every rule id with what it checks.

                Examples:
                  roster validate
                  roster validate --format github        # annotations in a GitHub Actions log
                  # the errors alone, as JSON:
                  roster validate --format json | jq '.[] | select(.severity == "error")'
                """
        )

        @OptionGroup var root: RootOptions

        @Option(help: "Output format: text, json or github.")
        var format: FindingReport.Format = .text

        @OptionGroup var today: TodayOption

        @Flag(help: "List the rules and exit.")
        var listRules = false

        func run() throws {
            if listRules {
                writeOut(RuleTable.text)
                return
            }
            let options = try today.options()
            let snapshot = RecordStore.load(root: root.path, keepSources: false, validating: options)
            // Freeing a large snapshot takes a while (50 ms for 10,000 orgs) and the process ends
            // right after: keep it alive to the end and exit without tearing it down.
            withExtendedLifetime(snapshot) {
                let findings = Validator.validate(snapshot, options: options)
                writeOut(FindingReport.render(findings, format: format, color: stdoutIsTerminal, filesChecked: snapshot.filesRead))
                exitNow(findings.contains { $0.severity == .error } ? 1 : 0)
            }
        }
    }
}

extension FindingReport.Format: ExpressibleByArgument {}
