import Foundation
import Testing
import RosterCore
@testable import RosterSite

/// The pieces of `roster notify`'s headers and message identity, on their own (the end-to-end
/// checks with Python's parser are in RosterEndToEndTests/EmailHeaderTests).
@Suite struct EmailHeaderUnitTests {
    @Test func displayNamesAreAtomsQuotedStringsOrEncodedWords() {
        #expect(EmailHeader.mailbox("Jean-Luc O'Neil", "j@x.example") == ["Jean-Luc", "O'Neil", "<j@x.example>"])
        #expect(EmailHeader.mailbox("a@b.example, Victim", "v@x.example") == ["\"a@b.example,", "Victim\"", "<v@x.example>"])
        #expect(EmailHeader.mailbox("say \"hi\" \\o/", "v@x.example") == ["\"say", "\\\"hi\\\"", "\\\\o/\"", "<v@x.example>"])
        #expect(EmailHeader.mailbox("Zoë", "z@x.example") == ["=?UTF-8?B?Wm/Dqw==?=", "<z@x.example>"])
        #expect(EmailHeader.mailbox("=?utf-8?q?x?=", "z@x.example").first?.hasPrefix("=?UTF-8?B?") == true)
        #expect(EmailHeader.mailbox(" \r\n ", "z@x.example") == ["z@x.example"])
    }

    @Test func encodedWordsHoldWholeCharactersAndAtMost75() {
        for text in [
            String(repeating: "ë", count: 100), String(repeating: "😀", count: 100), String(repeating: "👨‍👩‍👧‍👦", count: 9),
            "e\u{301}" + String(repeating: "\u{301}", count: 60),
        ] {
            let words = EmailHeader.encodedWords(text)
            #expect(words.allSatisfy { $0.count <= 75 })
            let decoded = words.map { word -> [UInt8] in
                let base64 = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
                return Array(Data(base64Encoded: String(base64)) ?? Data())
            }
            // Each word is valid UTF-8 on its own, and together they are the text.
            #expect(decoded.allSatisfy { String(validating: $0, as: UTF8.self) != nil })
            #expect(String(decoding: decoded.flatMap { $0 }, as: UTF8.self) == text)
        }
    }

    @Test func controlCharactersNeverReachAHeader() {
        let field = EmailHeader.field("Subject", EmailHeader.unstructured("Hi\r\nBcc: x@evil.example\u{0}\u{85}\u{2028}"))
        #expect(field == "Subject: Hi  Bcc: x@evil.example\r\n" || field.hasPrefix("Subject: =?UTF-8?B?"))
        #expect(field.dropLast(2).allSatisfy { $0 != "\r" && $0 != "\n" })
        let long = EmailHeader.field("Subject", EmailHeader.unstructured(String(repeating: "word ", count: 40)))
        #expect(long.components(separatedBy: "\r\n").allSatisfy { $0.count <= 78 })
    }

    @Test func sha256MatchesTheStandardVectors() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
