import ArgumentParser
import RosterCore

extension Roster.Org {
    struct SetUntil: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-until",
            abstract: "Set or clear the end of an org's contract (its until date).",
            discussion: """
                From that day on the org is expired: it counts as inactive, its users cannot connect, \
                `roster validate` warns 30 days ahead (org-expiring) and reports it afterwards \
                (org-expired), and `roster notify` e-mails its super admins. `none` clears the date.

                Examples:
                  roster org set-until initech 2027-06-30
                  roster org set-until initech none
                """)
        @Argument(help: "The org's id.") var org: String
        @Argument(help: ArgumentHelp("The first day the org is inactive, YYYY-MM-DD, or none.", valueName: "date|none")) var until: String
        @OptionGroup var options: ChangeOptions
        func run() throws { try runChange([.orgSetUntil(org: org, until: until == "none" ? nil : until)], options) }
    }
}
