import ArgumentParser
import RosterCore

extension Roster {
    struct Org: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "org",
            abstract: "List and show consumer orgs; create, rename, enable, disable, delete them; handle registrations.",
            subcommands: [
                List.self, Show.self, Create.self, Rename.self, Enable.self, Disable.self, Delete.self, Register.self, Approve.self, Reject.self,
                SetUntil.self,
            ]
        )

        struct Create: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "create",
                abstract: "Create an enabled consumer org with an empty default team.",
                discussion: """
                    The id is derived from the name ("Acme Logistics" -> acme-logistics) unless --id is \
                    given; an id that exists already is refused, never silently suffixed. Names have 3 \
                    to 64 characters and are unique ignoring case.

                    Example: roster org create "Acme Logistics"
                    """)
            @Argument(help: "The org's name, as people read it.") var name: String
            @Option(help: "The org's id (file name); default: derived from the name.") var id: String?
            @OptionGroup var options: ChangeOptions
            func run() throws { try runChange([.orgCreate(name: name, id: id)], options) }
        }

        struct Rename: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "rename",
                abstract: "Change an org's name (its id stays).",
                discussion: "Example: roster org rename acme-logistics \"Acme Freight\"")
            @Argument(help: "The org's id.") var org: String
            @Argument(help: "The new name.") var name: String
            @OptionGroup var options: ChangeOptions
            func run() throws { try runChange([.orgRename(org: org, name: name)], options) }
        }

        struct Enable: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "enable",
                abstract: "Enable a disabled org: its users can connect again.",
                discussion: "Records who and when (--actor). Example: roster org enable umbrella-research --actor ana.ruiz@meridian.example")
            @Argument(help: "The org's id.") var org: String
            @OptionGroup var options: ChangeOptions
            func run() throws { try runChange([.orgEnable(org: org)], options) }
        }

        struct Disable: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "disable",
                abstract: "Disable an org: its users can no longer connect.",
                discussion: """
                    Members, teams and share links are kept, so enabling restores access as it was. \
                    Records who and when (--actor). Refused for an org that is already disabled and \
                    for a pending or rejected registration (approve or reject a pending one).

                    Examples:
                      roster org disable initech --dry-run   # who loses access, and a diff
                      roster org disable initech             # undo: roster org enable initech
                    """)
            @Argument(help: "The org's id.") var org: String
            @OptionGroup var options: ChangeOptions
            func run() throws { try runChange([.orgDisable(org: org)], options) }
        }

        struct Delete: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "delete",
                abstract: "Delete an org and unlink it from every share.",
                discussion: """
                    Needs --confirm with the org's exact name. Prints the impact: members and teams \
                    removed, shares unlinked (those users stop counting as active consumers, which can \
                    change billing). Try it with --dry-run first.

                    Example: roster org delete initech --confirm "Initech" --dry-run
                    """)
            @Argument(help: "The org's id.") var org: String
            @Option(help: "The org's exact name, to confirm.") var confirm: String
            @OptionGroup var options: ChangeOptions
            func run() throws { try runChange([.orgDelete(org: org, confirm: confirm)], options) }
        }

        struct Register: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "register",
                abstract: "Request a new org (the consumer's registration).",
                discussion: """
                    Refused when registration is disabled in data/marketplace.json. Creates a pending \
                    org whose only member is the requester, or, with auto-approve on, an enabled org \
                    with the requester as super admin.

                    Example (vandelay-imports exists in the demo; pick another name):
                      roster org register "Kramerica Industries" \\
                        --email cosmo@kramerica.example --first Cosmo --last Kramer
                    """)
            @Argument(help: "The org's name.") var name: String
            @Option(help: "The org's id; default: derived from the name.") var id: String?
            @Option(help: "The requester's e-mail.") var email: String
            @Option(help: "The requester's first name.") var first: String
            @Option(help: "The requester's last name.") var last: String
            @Option(help: ArgumentHelp("The requester's login on the git host (`roster check --actor @LOGIN`).", valueName: "login")) var handle:
                String?
            @OptionGroup var options: ChangeOptions
            func run() throws { try runChange([.orgRegister(name: name, id: id, email: email, first: first, last: last, handle: handle)], options) }
        }

        struct Approve: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "approve",
                abstract: "Approve a pending registration: the org is enabled, its requester super admin.",
                discussion: """
                    --name corrects the org's name on the way. Records who and when (--actor). Refused \
                    for an org that is not pending: `roster org list --status pending` lists them.

                    Examples:
                      roster org approve vandelay-imports   # enabled, Art Vandelay its super admin
                      # the same, and the org is renamed on the way:
                      roster org approve vandelay-imports --name "Vandelay Industries"
                    """)
            @Argument(help: "The org's id.") var org: String
            @Option(help: "A corrected name for the org.") var name: String?
            @OptionGroup var options: ChangeOptions
            func run() throws { try runChange([.orgApprove(org: org, name: name)], options) }
        }

        struct Reject: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "reject",
                abstract: "Reject a pending registration, with a reason the requester reads.",
                discussion: "Records who and when (--actor). Example: roster org reject vandelay-imports --reason \"We need a customs number.\"")
            @Argument(help: "The org's id.") var org: String
            @Option(help: "Why the request is rejected.") var reason: String
            @OptionGroup var options: ChangeOptions
            func run() throws { try runChange([.orgReject(org: org, reason: reason)], options) }
        }
    }
}
