import RosterCore
import RosterTemplates

/// What `roster notify` does before it writes anything: validate the records at the head, find
/// the events between the revisions, and compose one message per e-mail they call for.
public enum NotifyPlan {
    public enum Outcome: Sendable {
        /// The head's records are invalid: nothing may be written.
        case invalidHead(commit: String, findings: [Finding], files: Int)
        /// Neither notifications.sender nor a provider admin gives a valid From address.
        case noSender
        /// The messages, each once, in the order of the events.
        case messages([EmailMessage])
    }

    public static func prepare(root: String, base: String, head: String) throws -> Outcome {
        let reader = GitReader(root: root)
        let commit = try reader.commit(head)
        // Every id and e-mail a message or a file name is made of must have passed validation.
        // Dates (an expired invitation) are judged as of the head commit, so a later run for an
        // older merge sends what that merge called for.
        let day = try reader.date(of: commit)
        let (head, files) = try HeadValidation.load(root: root, commit: commit)
        let findings = Validator.validate(head, options: ValidationOptions(today: Formats.timestamp(day) ?? .today()))
        let errors = findings.filter { $0.severity == .error }
        guard errors.isEmpty else { return .invalidHead(commit: commit, findings: errors, files: files) }
        let comparison = try Comparison.load(root: root, base: base, head: commit)
        let date = try reader.date(of: commit)
        let templates = try TemplateSet.load(directory: root + "/site-templates", required: [])
        let settings = comparison.head.settings ?? comparison.base.settings ?? MarketplaceSettings(providerName: "")
        guard let sender = settings.notifications.sender ?? settings.admins.first, Formats.isValidEmail(sender) else { return .noSender }
        var seen = Set<String>()
        return .messages(
            try NotificationPlanner.notifications(for: comparison, today: Formats.timestamp(date), head: head).compactMap { n in
                let message = try EmailMessage.compose(n, templates: templates, from: sender, date: date)
                return seen.insert(message.messageID).inserted ? message : nil
            })
    }
}
