import Foundation
import RosterCore
import RosterTemplates

/// How e-mails appear in the portal: `j•••@acme.example`, unless `portal.showEmails` is true.
public struct EmailDisplay: Sendable {
    public var showEmails: Bool

    public init(showEmails: Bool) {
        self.showEmails = showEmails
    }

    public func callAsFunction(_ email: String) -> String {
        showEmails ? email : Self.redact(email)
    }

    /// `email` as it appears, written into `j` as a JSON string: the redacted form is made in a
    /// buffer on the stack, not as a String (an org's JSON file writes some 30 addresses; each
    /// String made was an allocation and a check of its UTF-8, and its release).
    func write(_ email: String, into j: inout JSONStream) {
        guard !showEmails else { return j.string(email) }
        var email = email
        if email.withUTF8({ Self.withFastRedaction($0) { j.string(utf8: $0) } }) == nil { j.string(Self.redact(email)) }
    }

    /// `email` as it appears, written into a page (``TemplateOutput``), escaped when asked:
    /// the redacted form made on the stack, as ``write(_:into:)`` does for JSON.
    func write(_ email: String, escaped: Bool, into out: inout ByteSink) {
        guard !showEmails else { return TemplateOutput.text(email, escaped: escaped, into: &out) }
        var email = email
        if email.withUTF8({ Self.withFastRedaction($0) { TemplateOutput.bytes($0, escaped: escaped, into: &out) } }) == nil {
            TemplateOutput.text(Self.redact(email), escaped: escaped, into: &out)
        }
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
        if let fast = email.withUTF8({ withFastRedaction($0) { String(decoding: $0, as: UTF8.self) } }) { return fast }
        guard let at = email.utf8.firstIndex(of: 0x40), at > email.utf8.startIndex, let first = email.first else { return "•••" }
        return String(first) + "•••" + email[at...]
    }

    /// The redacted form of the address `bytes`, made in a buffer on the stack and handed to
    /// `body`, when its first character is one ASCII byte (an ASCII byte followed by another);
    /// nil, and `body` not called, for any other address, and one with no local part.
    static func withFastRedaction<R>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard let at = bytes.firstIndex(of: 0x40), at > 0, bytes[0] < 0x80, bytes[1] < 0x80 else { return nil }
        let domain = UnsafeBufferPointer(rebasing: bytes[at...])
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1 + dots.count + domain.count) { out in
            out[0] = bytes[0]
            _ = UnsafeMutableBufferPointer(rebasing: out[1...]).initialize(from: dots)
            _ = UnsafeMutableBufferPointer(rebasing: out[(1 + dots.count)...]).initialize(from: domain)
            return body(UnsafeBufferPointer(out))
        }
    }

    static let dots = Array("•••".utf8)
}
