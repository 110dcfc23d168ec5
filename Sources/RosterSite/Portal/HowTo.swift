import RosterCore
import RosterTemplates

/// "How to change this": the exact commands for an org, shown on its page and by `roster org show`.
public enum HowTo {
    /// A step: what it does, and its command as pieces of text with the org's id and its name
    /// (quoted for a shell) put in. The same for every org of a status, so made once: the org
    /// page writes the pieces into the page with no text made for each of 10,000 orgs.
    struct Step: Sendable {
        enum Piece: Sendable {
            case text(String)
            case id
            case quotedName
        }

        let label: String
        let pieces: [Piece]

        init(_ label: String, _ pieces: Piece...) {
            (self.label, self.pieces) = (label, pieces)
        }

        /// The command for `org`.
        func command(for org: OrgRecord) -> String {
            var out = ByteSink(capacity: 128)
            write(for: org, escaped: false, into: &out)
            return String(decoding: out.bytes, as: UTF8.self)
        }

        /// The command for `org`, written into a page (escaped when asked).
        func write(for org: OrgRecord, escaped: Bool, into out: inout ByteSink) {
            for piece in pieces {
                switch piece {
                case .text(let text): TemplateOutput.text(text, escaped: escaped, into: &out)
                case .id: TemplateOutput.text(org.id, escaped: escaped, into: &out)
                case .quotedName: TemplateOutput.text(shellQuoted(org.name), escaped: escaped, into: &out)
                }
            }
        }
    }

    /// What one can do to an org in `status`, each with its command.
    static func plan(for status: OrgStatus) -> [Step] {
        switch status {
        case .pending: pending
        case .enabled: enabled
        case .disabled: disabled
        case .rejected: always
        }
    }

    static let pending =
        [
            Step("Approve the registration", .text("roster org approve "), .id),
            Step("Reject it, with a reason", .text("roster org reject "), .id, .text(" --reason '...'")),
        ] + always
    static let enabled =
        [
            Step("Disable it (users can no longer connect)", .text("roster org disable "), .id),
            Step("Invite a member", .text("roster member invite "), .id, .text(" EMAIL --first FIRST --last LAST --role team-member")),
            Step("Give it access to a share", .text("roster share add-org SHARE-ID "), .id),
            Step("End its access to a share", .text("roster share remove-org SHARE-ID "), .id),
        ] + always
    static let disabled =
        [
            Step("Enable it again", .text("roster org enable "), .id),
            // What `validate` warns about (disabled-org-shared) until it is done.
            Step("End its access to a share", .text("roster share remove-org SHARE-ID "), .id),
        ] + always
    static let always = [
        Step("Rename it", .text("roster org rename "), .id, .text(" 'NEW NAME'")),
        Step("Delete it (see the impact first)", .text("roster org delete "), .id, .text(" --confirm "), .quotedName, .text(" --dry-run")),
    ]

    /// What one can do to the org in its status, each with its command.
    public static func steps(for org: OrgRecord) -> [(label: String, command: String)] {
        plan(for: org.status).map { ($0.label, $0.command(for: org)) }
    }

    /// Single-quoted for a POSIX shell, whatever the name holds.
    static func shellQuoted(_ text: String) -> String {
        // Most names hold no quote: no Foundation search for them (one per org page).
        guard text.utf8.contains(0x27) else { return "'" + text + "'" }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
