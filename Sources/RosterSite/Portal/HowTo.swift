import RosterCore
import RosterTemplates

/// "How to change this": the exact commands for an org, shown on its page and by `roster org show`.
public enum HowTo {
    static func commands(for org: OrgRecord) -> [TemplateFields] {
        steps(for: org).map { [.label: .string($0.label), .command: .string($0.command)] }
    }

    /// What one can do to the org in its status, each with its command.
    public static func steps(for org: OrgRecord) -> [(label: String, command: String)] {
        let id = org.id
        var out: [(label: String, command: String)] = []
        switch org.status {
        case .pending:
            out.append(("Approve the registration", "roster org approve \(id)"))
            out.append(("Reject it, with a reason", "roster org reject \(id) --reason '...'"))
        case .enabled:
            out.append(("Disable it (users can no longer connect)", "roster org disable \(id)"))
            out.append(("Invite a member", "roster member invite \(id) EMAIL --first FIRST --last LAST --role team-member"))
            out.append(("Give it access to a share", "roster share add-org SHARE-ID \(id)"))
            out.append(("End its access to a share", "roster share remove-org SHARE-ID \(id)"))
        case .disabled:
            out.append(("Enable it again", "roster org enable \(id)"))
            // What `validate` warns about (disabled-org-shared) until it is done.
            out.append(("End its access to a share", "roster share remove-org SHARE-ID \(id)"))
        case .rejected:
            break
        }
        out.append(("Rename it", "roster org rename \(id) 'NEW NAME'"))
        out.append(("Delete it (see the impact first)", "roster org delete \(id) --confirm \(shellQuoted(org.name)) --dry-run"))
        return out
    }

    /// Single-quoted for a POSIX shell, whatever the name holds.
    static func shellQuoted(_ text: String) -> String {
        // Most names hold no quote: no Foundation search for them (one per org page).
        guard text.utf8.contains(0x27) else { return "'" + text + "'" }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
