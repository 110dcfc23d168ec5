import Foundation

/// Who proposes a pull request, as `roster check --actor` names them: an e-mail, or `@handle`,
/// the account on the git host that opened the pull request (which the host verifies, unlike
/// an e-mail in a commit).
public enum Actor: Sendable, Equatable, CustomStringConvertible {
    case email(String)
    case handle(String)

    /// Nil when `text` is neither a valid e-mail nor `@` and a valid handle (an empty value is
    /// what `--actor "$UNSET_VARIABLE"` gives: it must not pass as "no actor").
    public init?(_ text: String) {
        if text.hasPrefix("@") {
            let handle = String(text.dropFirst())
            guard Formats.isValidHandle(handle) else { return nil }
            self = .handle(handle)
        } else {
            // Checked (ASCII only) before lower-casing: lower-casing first turned the Kelvin
            // sign into "k", so "\u{212A}ate@..." passed as kate@....
            guard Formats.isValidEmail(text) else { return nil }
            self = .email(text.lowercased())
        }
    }

    public var description: String {
        switch self {
        case .email(let e): e
        case .handle(let h): "@" + h
        }
    }
}
