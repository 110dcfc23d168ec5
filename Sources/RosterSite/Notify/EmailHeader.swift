import Foundation

/// Header fields of the messages `roster notify` writes (RFC 5322, RFC 2047): record text never
/// reaches a header as is. A display name is a plain phrase, a quoted-string or encoded-words,
/// never part of the `<address>`; control characters become spaces; lines are folded.
enum EmailHeader {
    /// The longest line a header line may have before folding (RFC 5322 says "should" for 78).
    static let lineLimit = 78
    /// An encoded-word may have at most 75 characters: `=?UTF-8?B?` and `?=` take 12, and 60
    /// base64 characters carry 45 bytes.
    static let encodedWordBytes = 45

    /// `Name: value`, folded at spaces so that lines stay within 78 characters where the value
    /// allows (a word longer than a line stays whole: RFC 5322 allows up to 998). Words are
    /// joined by one space; an empty word stands for a second space and is never folded
    /// before, so no line holds only white space.
    static func field(_ name: String, _ words: [String]) -> String {
        var out = name + ":"
        var lineLength = out.count
        for word in words {
            if !word.isEmpty, lineLength + 1 + word.count > lineLimit, lineLength > name.count + 1 {
                out += "\r\n"
                lineLength = 0
            }
            out += " " + word
            lineLength += 1 + word.count
        }
        return out + "\r\n"
    }

    /// An address header (`To`, `From`...) for one mailbox. `address` must be a valid e-mail
    /// (a dot-atom: no quoting needed); `name` may hold anything.
    static func mailbox(_ name: String, _ address: String) -> [String] {
        let phrase = displayName(name)
        return phrase.isEmpty ? [address] : phrase + ["<\(address)>"]
    }

    /// The display-name phrase as header words: atoms as they are, other printable ASCII as a
    /// quoted-string, anything else (or text a decoder would take for an encoded-word) as
    /// RFC 2047 encoded-words. Empty when the name is blank.
    static func displayName(_ name: String) -> [String] {
        let clean = singleLine(name)
        guard clean.contains(where: { $0 != " " }) else { return [] }
        if isPrintableASCII(clean), !clean.contains("=?") {
            if clean.split(separator: " ", omittingEmptySubsequences: false).allSatisfy(isAtom) {
                return clean.split(separator: " ").map(String.init)
            }
            // Folding happens at spaces inside the quotes: unfolding only removes the CRLF.
            let quoted = "\"" + clean.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            let words = quoted.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            if words.allSatisfy({ $0.count < 900 }) { return words }
        }
        return encodedWords(clean)
    }

    /// An unstructured header value (`Subject`): printable ASCII as is, anything else as
    /// encoded-words.
    static func unstructured(_ text: String) -> [String] {
        let clean = singleLine(text).trimmingCharacters(in: .whitespaces)
        if isPrintableASCII(clean), !clean.contains("=?"), clean.split(separator: " ").allSatisfy({ $0.count < 900 }) {
            return clean.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        }
        return encodedWords(clean)
    }

    /// Text with every control character (C0, DEL, C1, line and paragraph separators) replaced
    /// by a space: what a header, a subject line or a greeting may hold of a record value.
    static func singleLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { isControl($0) ? " " : $0 }))
    }

    static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029
    }

    static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { (0x20...0x7E).contains($0) }
    }

    /// An RFC 5322 atom: letters, digits and the atext symbols that read well in a name.
    static func isAtom(_ word: Substring) -> Bool {
        !word.isEmpty
            && word.utf8.allSatisfy { b in
                (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b == 0x2D || b == 0x27
            }
    }

    /// `=?UTF-8?B?...?=` words of at most 75 characters, each holding whole characters (a
    /// grapheme cluster stays in one word when it fits).
    static func encodedWords(_ text: String) -> [String] {
        var chunks: [[UInt8]] = [[]]
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunks[chunks.count - 1].count + bytes.count <= encodedWordBytes {
                chunks[chunks.count - 1] += bytes
                continue
            }
            for scalar in character.unicodeScalars {
                let piece = Array(String(scalar).utf8)
                if chunks[chunks.count - 1].count + piece.count > encodedWordBytes { chunks.append([]) }
                chunks[chunks.count - 1] += piece
            }
        }
        return chunks.filter { !$0.isEmpty }.map { "=?UTF-8?B?\(Data($0).base64EncodedString())?=" }
    }
}
