import Foundation
import RosterCore

/// How e-mails appear in the portal: `j•••@acme.example`, unless `portal.showEmails` is true.
public struct EmailDisplay: Sendable {
    public var showEmails: Bool

    public init(showEmails: Bool) {
        self.showEmails = showEmails
    }

    public func callAsFunction(_ email: String) -> String {
        showEmails ? email : Self.redact(email)
    }

    /// Free text (a commit subject, a reason) with every e-mail address in it redacted.
    public func text(_ text: String) -> String {
        guard !showEmails, text.contains("@") else { return text }
        var out = ""
        var word = ""
        func flush() {
            let trimmed = word.trimmingCharacters(in: CharacterSet(charactersIn: "<>()[]{},;:'\"."))
            if trimmed.contains("@"), let range = word.range(of: trimmed), Formats.isValidEmail(trimmed.lowercased()) {
                out += word.replacingCharacters(in: range, with: Self.redact(trimmed))
            } else {
                out += word
            }
            word = ""
        }
        for ch in text {
            if ch.isWhitespace { flush(); out.append(ch) } else { word.append(ch) }
        }
        flush()
        return out
    }

    /// Keeps the first character of the local part and the domain.
    public static func redact(_ email: String) -> String {
        // The "@" is found in the UTF-8 bytes: searching Characters cost a grapheme walk for
        // each of the 400,000 addresses a 10,000-org portal shows.
        var email = email
        let fast = email.withUTF8 { bytes -> String? in
            guard let at = bytes.firstIndex(of: 0x40), at > 0 else { return "•••" }
            // An ASCII first byte followed by an ASCII byte is a whole first character: the
            // result is written in one allocation, bytes copied.
            guard bytes[0] < 0x80, bytes[1] < 0x80 else { return nil }
            let domain = UnsafeBufferPointer(rebasing: bytes[at...])
            return String(unsafeUninitializedCapacity: 1 + dots.count + domain.count) { out in
                out[0] = bytes[0]
                _ = UnsafeMutableBufferPointer(rebasing: out[1...]).initialize(from: dots)
                _ = UnsafeMutableBufferPointer(rebasing: out[(1 + dots.count)...]).initialize(from: domain)
                return 1 + dots.count + domain.count
            }
        }
        if let fast { return fast }
        guard let at = email.utf8.firstIndex(of: 0x40), let first = email.first else { return "•••" }
        return String(first) + "•••" + email[at...]
    }

    static let dots = Array("•••".utf8)
}
