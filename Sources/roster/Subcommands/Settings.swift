import ArgumentParser
import RosterCore

extension Roster {
    struct Settings: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "settings",
            abstract: "Show or change the documented settings of data/marketplace.json.",
            subcommands: [Show.self, SetValue.self]
        )

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "show", abstract: "Print every setting's effective value and its default.",
                discussion: """
                    A key data/marketplace.json leaves out has its default; `roster settings set` \
                    changes one.

                    Example:
                      roster settings show   # e.g. invitations.expireAfterDays  365  (default: 14)
                    """)
            @OptionGroup var root: RootOptions

            func run() throws {
                let snapshot = RecordStore.load(root: root.path)
                guard let settings = snapshot.marketplace else {
                    printError("roster: \(Snapshot.marketplacePath) cannot be read under \(root.path); run `roster validate` to see why")
                    throw ExitCode(1)
                }
                let width = SettingKey.allCases.map(\.rawValue.count).max() ?? 0
                for key in SettingKey.allCases {
                    let set = key.value(in: settings)
                    let shown = set.isEmpty ? key.defaultValue : set
                    let note = set.isEmpty || set == key.defaultValue ? "default" : "default: \(key.defaultValue)"
                    printValueLine(key.rawValue.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + shown + "  (" + note + ")")
                }
            }
        }

        struct SetValue: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "set",
                abstract: "Change one setting; the value is checked, the file rewritten canonically.",
                discussion: """
                    Keys: \(SettingKey.allCases.map(\.rawValue).joined(separator: ", ")).
                    An optional text value (portal.title, portal.baseURL, portal.editURL,
                    notifications.sender) is unset with "". notifications.adminRecipients takes
                    e-mails separated by commas.

                    Examples:
                      roster settings set registration.autoApprove true
                      roster settings set invitations.expireAfterDays 7 --dry-run
                    """)
            @Argument(help: "The setting, such as registration.enabled.") var key: String
            @Argument(help: "The new value.") var value: String
            @OptionGroup var options: ChangeOptions

            func validate() throws {
                guard SettingKey(rawValue: key) != nil else { throw ValidationError(SettingKey.unknown(key)) }
            }

            func run() throws { try runChange([.settingsSet(key: key, value: value)], options) }
        }
    }
}
