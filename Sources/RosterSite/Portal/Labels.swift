import Dispatch
import RosterCore

/// Labels people read for the values records hold.
enum Labels {
    static func status(_ s: OrgStatus) -> String {
        switch s {
        case .pending: "Pending"
        case .rejected: "Rejected"
        case .enabled: "Enabled"
        case .disabled: "Disabled"
        }
    }

    static func role(_ r: Role) -> String { r == .superAdmin ? "Super admin" : "Team member" }
    static func state(_ s: MembershipState) -> String { s == .active ? "Active" : "Invited" }

    /// `2025-03-14T09:30:00Z` -> `2025-03-14`.
    static func day(_ timestamp: String?) -> String {
        guard let timestamp else { return "" }
        let bytes = timestamp.utf8.prefix(10)
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return String(timestamp.prefix(10))
    }

}
