import ArgumentParser
import Foundation
import RosterCore
import RosterSite

struct Notify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write (and send) the e-mails that the changes between two revisions call for.",
        discussion: """
        Events and their e-mails: member invited (to the invitee), registration requested (to \
        the provider admins: notifications.adminRecipients, else admins), registration approved \
        or rejected (to the requester, with the reason), role changed and member removed (to the \
        member), org disabled or enabled (to the org's super admins).

        Messages are rendered from site-templates/emails/<kind>.mustache (the first line is \
        `Subject: ...`) and emails/layout.html.mustache, and written to --outbox as RFC 5322 \
        .eml files (From: notifications.sender, To, Subject, Date of the head commit, a \
        Message-ID derived from the event and the head commit, text and HTML parts in UTF-8). \
        The same revisions always give the same files.

        --send pipes each message to a sendmail-compatible command (--sendmail, default \
        `sendmail -t -i`). The outbox's sent.log ledger lists the Message-IDs sent: a re-run sends \
        nothing twice, and a message whose send failed is sent by the next run. Exit 1 if a send \
        failed.

        Example (CI, after merge): roster notify --base HEAD~1 --outbox outbox --send
        """)

    @OptionGroup var root: RootOptions
    @Option(help: "The revision before the changes.") var base: String
    @Option(help: "The revision after them.") var head: String = "HEAD"
    @Option(help: ArgumentHelp("Where to write the .eml files.", valueName: "dir")) var outbox: String
    @Flag(help: "Send the messages not sent yet.") var send = false
    @Option(help: ArgumentHelp("The sendmail-compatible command, run by /bin/sh.", valueName: "cmd")) var sendmail: String = "sendmail -t -i"

    func run() throws {
        let rootPath = root.path
        let messages: [EmailMessage]
        do {
            let comparison = try Comparison.load(root: rootPath, base: base, head: head)
            let reader = GitReader(root: rootPath)
            let commit = try reader.commit(head)
            let date = try reader.date(of: commit)
            let templates = try TemplateSet.load(directory: rootPath + "/site-templates", required: [])
            let settings = comparison.head.settings ?? comparison.base.settings ?? MarketplaceSettings(providerName: "")
            guard let sender = settings.notifications.sender ?? settings.admins.first else {
                printError("roster: set notifications.sender in data/marketplace.json: e-mails need a From address")
                throw ExitCode(1)
            }
            messages = try NotificationPlanner.notifications(for: comparison).map { n in
                try EmailMessage.compose(n, templates: templates, from: sender, commit: commit, date: date)
            }
        } catch let error as ExitCode {
            throw error
        } catch {
            printError("roster: \(error)")
            throw ExitCode(1)
        }
        let box = Outbox(directory: URL(fileURLWithPath: outbox, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath + "/")).standardizedFileURL.path)
        for message in messages { try box.write(message) }
        print("\(messages.count) message\(messages.count == 1 ? "" : "s") in \(box.directory)")
        guard send else { return }
        let result = box.send(messages, command: sendmail)
        print("sent \(result.sent.count), already sent \(result.skipped.count), failed \(result.failed.count)")
        for failure in result.failed { printError("roster: not sent: \(failure.file): \(failure.reason); it will be retried on the next run") }
        if !result.failed.isEmpty { throw ExitCode(1) }
    }
}
