import ArgumentParser
import Foundation
import RosterCore
import RosterSite

extension Roster {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "build",
            abstract: "Render the read-only admin portal (or a Markdown catalogue) as a static site.",
            discussion: """
                Validates the records first: with an error, nothing is built. A symbolic link under \
                data/, content/ or site-templates/, a docs page whose name is not a plain slug, or a link \
                inside the output folder is refused too, as is an output folder that holds files of \
                roster export or roster notify (access.json, scim/, sent.log, .eml: full e-mails the \
                portal would publish); every check comes before the first write, so a refused build \
                changes no file in the output folder. Then renders, from \
                site-templates/ (Mustache) and content/ (Markdown through cmark):

                  index.html, orgs/index.html (and orgs/page-N.html, 100 orgs a page),
                  orgs/<org-id>/index.html, shares/index.html, shares/<share-id>/index.html,
                  registrations/index.html, docs/<slug>/index.html, api/orgs.json,
                  api/orgs/<org-id>.json, api/shares.json, 404.html, assets/,
                  search-index.json and search/ (the Consumer Orgs index in pieces)

                All links are relative, so the site works from file:// and from any sub-path. E-mails \
                are shown redacted unless portal.showEmails is true. Builds are incremental: pages of \
                records that did not change are not rendered again, and files whose bytes would not \
                change are not rewritten.

                --format markdown writes the catalogue (overview, orgs, one page per org, shares) as \
                Markdown that reads well in a git host's file browser.

                Examples:
                  roster build                      # _site/index.html
                  roster build --format markdown --out catalogue
                """
        )

        @OptionGroup var root: RootOptions

        @Option(help: "The output folder.") var out: String = "_site"

        @Option(help: "html or markdown.") var format: PortalBuilder.Format = .html

        @OptionGroup var today: TodayOption

        @Flag(name: .shortAndLong, help: "Print nothing but errors.") var quiet = false

        @Flag(
            help: ArgumentHelp(
                "Neither read nor save the decoded records in .roster-cache/.",
                discussion: "A build saves the records it decoded there, so that the next reads only the files that changed."))
        var noCache = false

        func run() throws {
            let started = Date()
            let output = URL(fileURLWithPath: out, relativeTo: URL(fileURLWithPath: root.path + "/")).standardizedFileURL.path
            if let refusal = OutputFolder.refusal(root: root.path, output: output) ?? OutputFolder.heldPrivateFiles(output: output) {
                printError("roster: refused: \(refusal); nothing was written")
                throw ExitCode(1)
            }
            var options = PortalBuilder.Options(root: root.path, output: output, format: format, today: try today.options().today)
            // The process exits once the summary is printed: nothing to gain from freeing the model.
            options.freesMemory = false
            options.keepsRecords = !noCache
            let quiet = quiet
            var builder = PortalBuilder(options: options) { line in if !quiet { printError(line) } }
            // For the benchmarks (bench/build.sh): the time of every part of every step, however short.
            builder.allTimings = ProcessInfo.processInfo.environment["ROSTER_BUILD_TIMINGS"] == "1"
            let report: PortalBuilder.Report
            do {
                report = try builder.build()
            } catch {
                printError(error.description)
                printError("roster build: stopped in step \(error.step)")
                throw ExitCode(1)
            }
            let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
            let entry = output + (format == .html ? "/index.html" : "/README.md")
            if report.upToDate {
                print("nothing changed since the last build (\(report.files) files) in \(seconds) s: \(entry)")
            } else {
                let warnings = report.warnings.count
                print(
                    "built \(report.files) files (\(report.rendered) rendered, \(report.reused) unchanged records skipped, \(report.written) written, \(report.removed) removed) in \(seconds) s\(warnings > 0 ? ", \(Plural.count(warnings, "warning")) (roster validate)" : "")"
                )
                print("open \(entry)")
            }
        }
    }
}

extension PortalBuilder.Format: ExpressibleByArgument {}
