import ArgumentParser
import Foundation
import RosterCore

extension Roster {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write who may connect and to which shares, for the systems that enforce it.",
            discussion: """
                Writes, in the output folder:

                  access.json        {"date", "orgs": [{"id", "name", "status", "active", "shares"}],
                                     "users": [{"email", "org", "role", "active", "teams", "shares"}],
                                     "apps": []}
                  scim/Users.json    a SCIM 2.0 ListResponse of one User per member
                  scim/Groups.json   a SCIM 2.0 ListResponse of one Group per org and per team

                A user is active when their org is enabled and their membership is active; they have a \
                share when, in addition, the share lists their org with since <= the day < until. Users \
                of disabled, pending or rejected orgs and invited members are listed with active: false \
                and no shares. The bytes are deterministic: the same records and day give the same files.

                The files hold full e-mails, so the output folder may not be the repository root, nor \
                inside _site/ (or any folder a portal build wrote), data/, content/, site-templates/ or \
                schemas/, nor a symbolic link: such a folder is refused (exit 1) and nothing is written. \
                The records are validated first; with an error nothing is written (exit 1).

                Examples:
                  roster export --out /tmp/access
                  roster export --out /tmp/access --today 2026-01-31
                """
        )

        @OptionGroup var root: RootOptions
        @Option(help: ArgumentHelp("The output folder (outside the repository's folders).", valueName: "dir")) var out: String
        @OptionGroup var today: TodayOption

        func run() throws {
            let day = try today.options().today
            let output = URL(fileURLWithPath: out, relativeTo: URL(fileURLWithPath: root.path + "/")).standardizedFileURL.path
            // Nothing here compares with the files' bytes: they are dropped once decoded.
            let snapshot = RecordStore.load(root: root.path, keepSources: false)
            let destination = Result { () throws(ExportDestination.Refusal) in
                try ExportDestination.check(output: output, root: root.path, files: AccessExport.paths)
            }
            // The files do not depend on the findings: they are written beside their places while
            // the records are validated, and put in place only when there is no error.
            let (errors, staged) = concurrently(
                { recordErrors(snapshot, on: day) },
                { () -> Result<(StagedExport, AccessExport.Summary), AtomicWriter.WriteError>? in
                    guard case .success(let folder) = destination else { return nil }
                    return Result { () throws(AtomicWriter.WriteError) in
                        let staged = try StagedExport(folder: folder, paths: AccessExport.paths)
                        return (staged, AccessExport.write(snapshot, on: day, to: staged))
                    }
                })
            if !errors.isEmpty, case .success(let (files, _))? = staged { files.abandon() }
            try refuseInvalid(errors)
            do {
                let folder = try destination.get()
                guard let written = try staged?.get() else { return }
                let (files, summary) = written
                try files.commit()
                print(
                    "exported \(summary.users) users (\(summary.activeUsers) active) of \(summary.orgs) orgs for \(day) to \(folder): \(AccessExport.paths.joined(separator: ", "))"
                )
                // Freeing the records (a tenth of a second for 10,000 orgs) is left to the end
                // of the process, which comes right after.
                withExtendedLifetime(snapshot) { exitNow(0) }
            } catch let refusal as ExportDestination.Refusal {
                printError("roster export: \(refusal)")
                throw ExitCode(1)
            } catch {
                printError("roster export: \(error)")
                throw ExitCode(1)
            }
        }
    }
}

/// The access model of the records under `root` on `day`, after validation: an invalid store
/// (an unreadable org file above all, whose users would otherwise vanish and lose access) is
/// refused with its errors, exit 1. The settings come along (the sync's guard reads them).
func loadAccessModel(root: String, on day: CalendarDate) throws -> (AccessModel, MarketplaceSettings) {
    let snapshot = RecordStore.load(root: root, keepSources: false)
    try refuseInvalid(recordErrors(snapshot, on: day))
    return (AccessModel(snapshot, on: day), snapshot.settings)
}

/// The errors (not the warnings) `roster validate` finds in `snapshot`; warnings are not even made.
func recordErrors(_ snapshot: Snapshot, on day: CalendarDate) -> [Finding] {
    Validator.validate(snapshot, options: ValidationOptions(today: day, errorsOnly: true))
}

/// Prints the errors and exits 1 when there is one: nothing is exported from invalid records.
func refuseInvalid(_ errors: [Finding]) throws {
    guard errors.isEmpty else {
        for finding in errors { printError(FindingReport.textLine(finding)) }
        printError("roster: \(Plural.count(errors.count, "error")) in the records (roster validate); nothing exported")
        throw ExitCode(1)
    }
}
