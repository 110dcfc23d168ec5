import ArgumentParser
import RosterCore

extension Roster {
    struct Member: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "member",
            abstract: "Invite, remove and edit the members of an org.",
            subcommands: [Invite.self, Resend.self, Remove.self, SetRole.self, Edit.self, Activate.self]
        )

        struct Invite: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "invite",
                abstract: "Invite a user to an org; they join its default team (and --team).",
                discussion: """
                    The e-mail is stored in lower case. Refused for a pending or rejected org, for a user \
                    who is already invited or active, and for a user of another org (one org per user). \
                    Records who invited (--actor) and when the invitation expires (expiresAt: now plus \
                    the settings' invitations.expireAfterDays, default 14). Once merged, `roster notify` \
                    e-mails the invitee how to accept.

                    Example:
                      roster member invite initech peter@initech.example \\
                        --first Peter --last Gibbons --role team-member --team tps-reports
                    """)
            @Argument(help: "The org's id.") var org: String
            @Argument(help: "The user's e-mail.") var email: String
            @Option(help: "First name.") var first: String
            @Option(help: "Last name.") var last: String
            @Option(help: "super-admin or team-member.") var role: Role
            @Option(help: "A team to join besides the default team.") var team: String?
            @Option(help: ArgumentHelp("Their login on the git host, so `roster check --actor @LOGIN` knows them.", valueName: "login")) var handle:
                String?
            @OptionGroup var options: ChangeOptions
            func run() throws {
                try runChange([.memberInvite(org: org, email: email, first: first, last: last, role: role, team: team, handle: handle)], options)
            }
        }

        struct Remove: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "remove",
                abstract: "Remove a member from an org and from all its teams.",
                discussion: "The last super admin cannot be removed. Example: roster member remove initech milton.waddams@initech.example")
            @Argument(help: "The org's id.") var org: String
            @Argument(help: "The member's e-mail.") var email: String
            @OptionGroup var options: ChangeOptions
            func run() throws { try runChange([.memberRemove(org: org, email: email)], options) }
        }

        struct SetRole: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "set-role",
                abstract: "Change a member's role.",
                discussion: """
                    The last super admin cannot be demoted.

                    Example: roster member set-role initech peter.gibbons@initech.example super-admin
                    """)
            @Argument(help: "The org's id.") var org: String
            @Argument(help: "The member's e-mail.") var email: String
            @Argument(help: "super-admin or team-member.") var role: Role
            @OptionGroup var options: ChangeOptions
            func run() throws { try runChange([.memberSetRole(org: org, email: email, role: role)], options) }
        }

        struct Edit: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "edit", abstract: "Change a member's first or last name, or their git-host handle.",
                discussion: """
                    Only the fields given change; the e-mail, role and teams stay (`member set-role` \
                    changes the role). Refused with none of --first, --last and --handle, and for an \
                    e-mail that is not a member of the org.

                    Examples:
                      # Peter's last name:
                      roster member edit initech peter.gibbons@initech.example --last Gibbons-Ruiz
                      # his login on the git host, so `roster check --actor @pgibbons` knows him:
                      roster member edit initech peter.gibbons@initech.example --handle pgibbons
                    """)
            @Argument(help: "The org's id.") var org: String
            @Argument(help: "The member's e-mail.") var email: String
            @Option(help: "New first name.") var first: String?
            @Option(help: "New last name.") var last: String?
            @Option(help: ArgumentHelp("Their login on the git host (`roster check --actor @LOGIN`).", valueName: "login")) var handle: String?
            @OptionGroup var options: ChangeOptions
            func run() throws { try runChange([.memberEdit(org: org, email: email, first: first, last: last, handle: handle)], options) }
        }

        struct Resend: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "resend",
                abstract: "Send a new invitation to a member who has not accepted: new time, inviter and expiry.",
                discussion: """
                    The way out of an expired invitation (rule invitation-expired), besides `member remove`. \
                    Once merged, `roster notify` sends the new invitation e-mail.

                    Example: roster member resend initech nina.brown@initech.example
                    """)
            @Argument(help: "The org's id.") var org: String
            @Argument(help: "The invitee's e-mail.") var email: String
            @OptionGroup var options: ChangeOptions
            func run() throws { try runChange([.memberResend(org: org, email: email)], options) }
        }

        struct Activate: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "activate",
                abstract: "Accept an invitation: the member becomes active (acceptedAt records when).",
                discussion: """
                    The invitee runs it in a pull request of their own; `roster check --actor @LOGIN` allows \
                    exactly this change of their own entry. Refused once the invitation expired.

                    Example: roster member activate initech nina.brown@initech.example
                    """)
            @Argument(help: "The org's id.") var org: String
            @Argument(help: "The member's e-mail.") var email: String
            @OptionGroup var options: ChangeOptions
            func run() throws { try runChange([.memberActivate(org: org, email: email)], options) }
        }
    }
}
