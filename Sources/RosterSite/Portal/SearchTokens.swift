import Foundation
import RosterCore

/// How the Consumer Orgs search splits text into words, the same way `assets/portal.js` splits
/// a query: accents removed (NFD, combining marks dropped), lower case, runs of letters and
/// digits (`\p{L}`, `\p{N}`); everything else separates words. `Zoë-Ops 12` -> `zoe`, `ops`, `12`.
enum SearchTokens {
    static func words(_ text: String) -> [String] {
        text.utf8.allSatisfy({ $0 < 0x80 }) ? asciiWords(text) : unicodeWords(text)
    }

    /// The words of any text, by Unicode's categories (what ASCII text's bytes give too).
    static func unicodeWords(_ text: String) -> [String] {
        var out: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                continue
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                .decimalNumber, .letterNumber, .otherNumber:
                current.append(scalar)
            default:
                if !current.isEmpty { out.append(String(current)); current = String.UnicodeScalarView() }
            }
        }
        if !current.isEmpty { out.append(String(current)) }
        return out
    }

    /// The same for ASCII text, on bytes: names are mostly ASCII, and the general path
    /// (Foundation's decomposition) took most of the index's time at 100,000 orgs.
    static func asciiWords(_ text: String) -> [String] {
        var out: [String] = []
        var scratch: [UInt8] = []
        eachWord(text, scratch: &scratch) { (word: UnsafeRawBufferPointer) in out.append(String(decoding: word, as: UTF8.self)) }
        return out
    }

    /// Calls `body` with each word of `text`; `scratch` is a buffer reused from call to call
    /// (the orgs index splits two dozen texts of each of 100,000 orgs).
    static func eachWord(_ text: String, scratch: inout [UInt8], _ body: (String) -> Void) {
        eachWord(text, scratch: &scratch) { (word: UnsafeRawBufferPointer) in body(String(decoding: word, as: UTF8.self)) }
    }

    /// The same, each word handed over as its UTF-8 bytes (valid only during the call): the
    /// orgs index looks words up by their bytes, and most are met again, so no String is made.
    static func eachWord(_ text: String, scratch: inout [UInt8], _ body: (UnsafeRawBufferPointer) -> Void) {
        // The text's bytes read in place and each word lowered into `scratch` through a
        // pointer: a byte appended to an array at a time, and a walk of the UTF-8 view to learn
        // that it is ASCII, were half of the search index's time (250,000 words at 10,000 orgs).
        let ascii =
            text.utf8.withContiguousStorageIfAvailable { eachASCIIWord($0, scratch: &scratch, body) }
            ?? {
                var native = text
                return native.withUTF8 { eachASCIIWord($0, scratch: &scratch, body) }
            }()
        guard !ascii else { return }
        for var word in words(text) { word.withUTF8 { body(UnsafeRawBufferPointer($0)) } }
    }

    /// ``eachWord(_:scratch:_:)`` for the bytes of a text if they are ASCII (true), else nothing
    /// (false).
    private static func eachASCIIWord(_ bytes: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8], _ body: (UnsafeRawBufferPointer) -> Void) -> Bool {
        guard ByteWords.isASCII(bytes) else { return false }
        if scratch.count < bytes.count { scratch = [UInt8](repeating: 0, count: max(64, bytes.count)) }
        scratch.withUnsafeMutableBytes { out in
            var n = 0
            for byte in bytes {
                switch byte {
                case 0x30...0x39, 0x61...0x7A: out[n] = byte; n += 1
                case 0x41...0x5A: out[n] = byte | 0x20; n += 1
                default:
                    if n > 0 { body(UnsafeRawBufferPointer(rebasing: out[..<n])); n = 0 }
                }
            }
            if n > 0 { body(UnsafeRawBufferPointer(rebasing: out[..<n])) }
        }
        return true
    }

    /// JavaScript compares strings by UTF-16 code units; the shards are cut in that order so
    /// the script's binary search finds the right one. Compared on the UTF-8 bytes, which are in
    /// code point order: that is UTF-16's order except between a character from U+E000 to
    /// U+FFFF and one past U+FFFF (a surrogate pair in UTF-16), whose bytes differ first at two
    /// lead bytes from 0xEE up; only those are compared as UTF-16. (Walking UTF-16 views sorted
    /// the 200,000 words of 100,000 orgs in 64 ms on one thread.)
    static func less(_ a: String, _ b: String) -> Bool {
        var x = a, y = b
        let order = x.withUTF8 { x in y.withUTF8 { y in less(UnsafeRawBufferPointer(x), UnsafeRawBufferPointer(y)) } }
        return order ?? a.utf16.lexicographicallyPrecedes(b.utf16)
    }

    /// The order of two words by their UTF-8 bytes; nil when only UTF-16 can tell (see above).
    static func less(_ x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer) -> Bool? {
        let n = min(x.count, y.count)
        var i = 0
        while i < n && x[i] == y[i] { i += 1 }
        if i == n { return x.count < y.count }
        if x[i] >= 0xEE && y[i] >= 0xEE { return nil }
        return x[i] < y[i]
    }
}
