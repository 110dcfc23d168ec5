import ArgumentParser
import Foundation
import RosterCore
import RosterSite

extension Roster {
    struct Notify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "notify",
            abstract: "Write (and send) the e-mails that the changes between two revisions call for.",
            discussion: """
                Events and their e-mails: member invited (to the invitee), registration requested (to \
                the provider admins: notifications.adminRecipients, else admins), registration approved \
                or rejected (to the requester, with the reason), role changed and member removed (to the \
                member), org disabled or enabled (to the org's super admins).

                Messages are rendered from site-templates/emails/<kind>.mustache (the first line is \
                `Subject: ...`) and emails/layout.html.mustache, and written to --outbox as RFC 5322 \
                .eml files (From: notifications.sender, To, Subject, Date of the head commit, a \
                Message-ID derived from the event itself: who, which invitation, registration or \
                membership, and when, never the commit or the file name; text and HTML parts in UTF-8). \
                The same event always gives the same message, whatever range it is found in.

                The records at --head are validated first; notify refuses an invalid head with the \
                findings and writes nothing.

                --send pipes each message to a sendmail-compatible command (--sendmail, default \
                `sendmail -t -i`); a message counts as sent when the command read all of it and exited \
                with 0. The outbox's sent.log ledger lists the Message-IDs sent: a later run, over any \
                range, sends nothing twice (nor rewrites its file), and a message whose send failed is \
                sent by the next run. Keep the outbox between runs (CI: a cache or an artifact). Exit 1 if \
                a send failed.

                The messages carry full e-mail addresses: --outbox is refused (exit 1, nothing written) \
                inside the portal's output (_site/ or any folder a build wrote), data/, content/, \
                site-templates/, schemas/, the repository root itself, or when it is a symbolic link.

                Example (CI, after merge): roster notify --base HEAD~1 --outbox outbox --send
                """)

        @OptionGroup var root: RootOptions
        @Option(help: "The revision before the changes.") var base: String
        @Option(help: "The revision after them.") var head: String = "HEAD"
        @Option(help: ArgumentHelp("Where to write the .eml files.", valueName: "dir")) var outbox: String
        @Flag(help: "Send the messages not sent yet.") var send = false
        @Option(help: ArgumentHelp("The sendmail-compatible command, run by /bin/sh.", valueName: "cmd")) var sendmail: String = "sendmail -t -i"

        func run() throws {
            // A mail command that exits early must give an error, not kill roster.
            signal(SIGPIPE, SIG_IGN)
            let messages: [EmailMessage]
            do {
                switch try NotifyPlan.prepare(root: root.path, base: base, head: head) {
                case .invalidHead(let commit, let findings, let files):
                    printError(FindingReport.render(findings, format: .text, filesChecked: files).trimmingCharacters(in: .newlines))
                    printError(
                        "roster: notify refuses \(head) (\(commit.prefix(12))): its records are invalid; nothing was written. Fix them and run notify again."
                    )
                    throw ExitCode(1)
                case .noSender:
                    printError("roster: set notifications.sender in data/marketplace.json: e-mails need a From address")
                    throw ExitCode(1)
                case .messages(let composed):
                    messages = composed
                }
            } catch let error as ExitCode {
                throw error
            } catch {
                printError("roster: \(error)")
                throw ExitCode(1)
            }
            // The messages carry full e-mail addresses: never where the portal is published, in
            // the repository's sources or its root, or through a link (as for `roster export`).
            let folder: String
            do {
                folder = try ExportDestination.check(
                    output: URL(fileURLWithPath: outbox, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath + "/"))
                        .standardizedFileURL.path,
                    root: URL(fileURLWithPath: root.path).standardizedFileURL.path, files: [], holding: "the outbox", example: "/tmp/outbox")
            } catch {
                printError("roster notify: \(error)")
                throw ExitCode(1)
            }
            let box = Outbox(directory: folder)
            do {
                let ledger = try box.sent()
                // A message already sent keeps the file it was sent as.
                let fresh = messages.filter { !box.wasSent($0, ledger: ledger) }
                for message in fresh { try box.write(message) }
                print(
                    "\(Plural.count(fresh.count, "message")) in \(box.directory)\(fresh.count == messages.count ? "" : " (\(messages.count - fresh.count) sent before)")"
                )
                guard send else { return }
                let result = try box.send(fresh, command: sendmail)
                print("sent \(result.sent.count), already sent \(result.skipped.count + messages.count - fresh.count), failed \(result.failed.count)")
                for failure in result.failed {
                    printError("roster: not sent: \(failure.message): \(failure.reason); it will be retried on the next run")
                }
                if let problem = result.ledgerFailure { printError("roster: \(problem)") }
                if !result.failed.isEmpty || result.ledgerFailure != nil { throw ExitCode(1) }
            } catch let error as Outbox.Failure {
                printError("roster: \(error)")
                throw ExitCode(1)
            }
        }

    }
}
