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

    /// `email` as it appears, written into `j` as a JSON string: the redacted form is written
    /// in its parts, not made as a String (an org's JSON file writes some 30 addresses; each
    /// String made was an allocation and a check of its UTF-8, and its release) nor in a
    /// buffer first (the escaper then stopped at each of the dots, 700 instructions an address).
    func write(_ email: String, into j: inout JSONStream) {
        guard !showEmails else { return j.string(email) }
        let written: Void? = email.withUTF8InPlace { bytes in
            Self.withFastRedaction(bytes) { first, domain in j.string(utf8: first, verbatim: Self.dots, utf8: domain) }
        }
        if written == nil { j.string(Self.redact(email)) }
    }

    /// `email` as it appears, written into a page (``TemplateOutput``), escaped when asked, in
    /// its parts as ``write(_:into:)`` writes it into JSON.
    func write(_ email: String, escaped: Bool, into out: inout ByteSink) {
        guard !showEmails else { return TemplateOutput.text(email, escaped: escaped, into: &out) }
        let written: Void? = email.withUTF8InPlace { bytes in
            Self.withFastRedaction(bytes) { first, domain in
                // One ASCII byte, through the escaper only when it is one it escapes.
                if HTMLEscape.escapes(first[0]) { TemplateOutput.bytes(first, escaped: escaped, into: &out) } else { out.append(first[0]) }
                out.append(Self.dots)
                TemplateOutput.bytes(domain, escaped: escaped, into: &out)
            }
        }
        if written == nil { TemplateOutput.text(Self.redact(email), escaped: escaped, into: &out) }
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
        let fast = email.withUTF8InPlace { bytes in
            withFastRedaction(bytes) { first, domain in
                // Made at its length in one piece, as the parts are written elsewhere.
                String(unsafeUninitializedCapacity: first.count + dots.utf8CodeUnitCount + domain.count) { text in
                    var k = 0
                    func put(_ part: UnsafeBufferPointer<UInt8>) {
                        _ = UnsafeMutableBufferPointer(rebasing: text[k...]).initialize(from: part)
                        k += part.count
                    }
                    put(first)
                    put(UnsafeBufferPointer(start: dots.utf8Start, count: dots.utf8CodeUnitCount))
                    put(domain)
                    return k
                }
            }
        }
        if let fast { return fast }
        guard let at = email.utf8.firstIndex(of: 0x40), at > email.utf8.startIndex, let first = email.first else { return "•••" }
        return String(first) + "•••" + email[at...]
    }

    /// The parts of the redacted form of the address `bytes` around its dots (``dots``),
    /// handed to `body`: its first character and its domain (from the "@"), when that
    /// character is one ASCII byte (an ASCII byte followed by another); nil, and `body` not
    /// called, for any other address, and one with no local part.
    static func withFastRedaction<R>(
        _ bytes: UnsafeBufferPointer<UInt8>, _ body: (_ first: UnsafeBufferPointer<UInt8>, _ domain: UnsafeBufferPointer<UInt8>) -> R
    ) -> R? {
        // The "@" found by `memchr` (a loop over the bytes cost 4 instructions a byte).
        guard bytes.count >= 2, let base = bytes.baseAddress, let found = memchr(base, 0x40, bytes.count) else { return nil }
        let at = UnsafeRawPointer(found) - UnsafeRawPointer(base)
        guard at > 0, bytes[0] < 0x80, bytes[1] < 0x80 else { return nil }
        return body(UnsafeBufferPointer(rebasing: bytes[0..<1]), UnsafeBufferPointer(rebasing: bytes[at...]))
    }

    /// What stands for the rest of the local part.
    static let dots: StaticString = "•••"
}
