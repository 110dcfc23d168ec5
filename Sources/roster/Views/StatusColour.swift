import RosterCore

/// Status words in the colours of a traffic light, on a terminal.
enum StatusColour {
    static func code(_ status: OrgStatus) -> String {
        switch status {
        case .enabled: "32"
        case .disabled: "31"
        case .pending: "33"
        case .rejected: "90"
        }
    }
}
