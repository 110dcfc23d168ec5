import Dispatch
import RosterCore
import RosterTemplates

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
        // The first ten bytes read in place (through the view's prefix and iterator, a day cost
        // 840 instructions, a tenth of a member's row); an ASCII day is a String held inline.
        let ascii = timestamp.withUTF8InPlace { u in asciiDay(u).map { String(decoding: $0, as: UTF8.self) } }
        return ascii ?? String(timestamp.prefix(10))
    }

    /// What ``day(_:)`` gives, written into a page (escaped when asked): an ASCII day from the
    /// timestamp's bytes, with no String made for it.
    static func writeDay(_ timestamp: String?, escaped: Bool, into out: inout ByteSink) {
        guard let timestamp else { return }
        let written = timestamp.withUTF8InPlace { u in
            asciiDay(u).map { TemplateOutput.bytes($0, escaped: escaped, into: &out) } != nil
        }
        if !written { TemplateOutput.text(String(timestamp.prefix(10)), escaped: escaped, into: &out) }
    }

    /// The first ten bytes of a timestamp, when they are ASCII (ten Characters then).
    private static func asciiDay(_ u: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        let head = UnsafeBufferPointer(rebasing: u.prefix(10))
        return head.contains { $0 >= 0x80 } ? nil : head
    }

}
