import Testing

@testable import RosterCore

/// The syntax checks the rules run on every record, on their edges.
@Suite struct FormatsTests {
    /// `^[a-z0-9][a-z0-9-]{0,62}$`, the id rule of orgs, teams, apps and shares.
    @Test func idsAreLowerCaseLettersDigitsAndInnerDashes() {
        for valid in ["a", "0", "acme", "acme-2", "a-", "a--b", String(repeating: "x", count: 63)] {
            #expect(Formats.isValidID(valid), "\(valid)")
        }
        for invalid in ["", "-a", "-", "Acme", "acme_2", "acme 2", "acmé", "a.b", "a/b", "é", String(repeating: "x", count: 64)] {
            #expect(!Formats.isValidID(invalid), "\(invalid)")
        }
    }

    /// `text-control`: every C0 and C1 control, DEL, U+2028 and U+2029, and the bidi
    /// embeddings, overrides and isolates, is found, wherever it stands; the characters next to
    /// those ranges are text, and so are the directional marks a right-to-left name may need.
    @Test func controlCharactersAreFoundAndTheirNeighboursAreText() {
        let controls = Array(0x00...0x1F) + Array(0x7F...0x9F) + [0x2028, 0x2029] + Array(0x202A...0x202E) + Array(0x2066...0x2069)
        for value in controls {
            let c = Character(Unicode.Scalar(UInt32(value))!)
            for text in [String(c), "A\(c)", "\(c)B", "Zoë \(c) 😀", "日本\(c)"] {
                #expect(Formats.firstControlCharacter(text)?.value == UInt32(value), "U+\(String(value, radix: 16)) in \(text.debugDescription)")
            }
        }
        // Characters whose UTF-8 shares bytes with a control's: C4 80, E2 82 80, E2 84 A8, E1 80 A8...
        let neighbours = [
            "", " ", "Acme ~", "\u{A0}\u{A1}", "\u{100}\u{180}\u{2080}\u{2128}\u{1028}\u{3028}\u{F028}",
            "\u{2027}\u{202F}\u{2030}\u{2065}\u{206A}\u{2060}",
            "\u{200E}\u{200F}\u{61C}", "שלום\u{200F} עולם",
            "Ölander", "😀", "\u{E000}", "\u{10FFFF}",
        ]
        for text in neighbours {
            #expect(Formats.firstControlCharacter(text) == nil, "\(text.debugDescription)")
        }
        // The first of several is named: CR before LF.
        #expect(Formats.firstControlCharacter("Newco\r\nBcc: evil@x") == "\r")
        #expect(Formats.describeControl("\n") == "U+000A (line feed)")
        #expect(Formats.describeControl("\u{2028}") == "U+2028 (line separator)")
        #expect(Formats.describeControl("\u{1}") == "U+0001 (a control character)")
        #expect(Formats.describeControl("\u{202E}") == "U+202E (right-to-left override)")
        #expect(Formats.firstControlCharacter("\u{202E}emca")?.value == 0x202E)
    }

    /// What a reader cannot tell apart is one name: invisible characters, runs of spaces and
    /// compatibility forms do not make a second "Acme Corp".
    @Test func namesThatLookTheSameHaveOneKey() {
        let key = Formats.nameKey("Acme Corp")
        for lookalike in [
            "Ac\u{200B}me Corp", "\u{202E}Acme Corp", "Acme\u{2060} Corp\u{FEFF}", "Acme  Corp", " acme \t corp ", "Acme\u{A0}Corp",
            "Acme\u{3000}\u{200B} Corp", "ＡＣＭＥ Corp",
        ] {
            #expect(Formats.nameKey(lookalike) == key, "\(lookalike.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(Formats.nameKey("Acme Korp") != key)
        #expect(Formats.nameKey("Zoë  Ops") == "zoë ops")
    }

    /// The Hangul fillers and the blank Braille pattern show as a blank the width of a letter,
    /// not as nothing: "Acme\u{3164}Corp" reads as "Acme Corp", not as "AcmeCorp".
    @Test func blanksThatAreNotWhiteSpaceAreSpaces() {
        for blank in ["\u{3164}", "\u{FFA0}", "\u{115F}", "\u{1160}", "\u{2800}"] {
            #expect(Formats.nameKey("Acme\(blank)Corp") == "acme corp", "\(blank.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(Formats.nameKey("\(blank)Acme Corp\(blank)") == "acme corp")
        }
        #expect(Formats.nameKey("AcmeCorp") == "acmecorp")
    }

    /// A name's length counts what shows: invisible characters make no name long enough.
    @Test func aNameIsAsLongAsWhatShows() {
        #expect(Formats.trimmedLength("\u{2060}\u{2060}\u{2060}") == 0)
        #expect(Formats.trimmedLength("A\u{200B}\u{FEFF}") == 1)
        #expect(Formats.trimmedLength(" Zoë ") == 3)
        #expect(Formats.trimmedLength("👨‍👩‍👧 Ops") == 5)
        #expect(Formats.trimmedLength("Acme") == 4)
    }

    /// Case is folded, not lowered: a final sigma and a sharp s compare as their capitals do.
    @Test func namesDifferingOnlyInCaseHaveOneKey() {
        #expect(Formats.nameKey("ΟΔΟΣ Data") == Formats.nameKey("οδος data"))
        #expect(Formats.nameKey("Straße Analytics") == Formats.nameKey("STRASSE ANALYTICS"))
        #expect(Formats.nameKey("Zoë Ops") == "zoë ops")
        #expect(Formats.nameKey("Istanbul Data") != Formats.nameKey("ıstanbul data"))
    }

    /// The checks read a string's bytes in place; a string whose bytes are not in one piece (a
    /// bridged or lazily made one) goes through the same loop over its view, with the same result.
    @Test func theChecksSayTheSameOverBytesInPlaceAndOverTheView() {
        let texts = [
            "", "   ", " Acme ", "\tAc me\n", "ACME", "acme", "Zoë", " x\u{202E}y", "a\u{0085}b", "e\u{2028}", "\u{2066}i", "a@b.co",
            "A@B.CO", "a..b@c.co", "x@y", "\u{2060}", "é ", " \r\n",
            // No space at either end: whole when ASCII, wherever a byte that is not would be.
            "Ada Lovelace", "Ada Lovelac\u{E9}x", "\u{E9}da", "a", "ab cdefgh ijklmnopq r", "abcdefgh\u{E9}", "Ada\u{E9}",
        ]
        for text in texts {
            let bytes = Array(text.utf8)
            #expect(Formats.hasNoUppercase(text) == Formats.hasNoUppercase(bytes.lazy.map { $0 }), "\(text.debugDescription)")
            #expect(Formats.firstControlCharacter(text) == Formats.firstControlCharacter(bytes: bytes.lazy.map { $0 }), "\(text.debugDescription)")
            // The range from the first byte that is not a space to the last (empty at 0 when
            // none is), nil for a text that is not ASCII.
            let first = bytes.firstIndex { !Formats.isSpace($0) }, last = bytes.lastIndex { !Formats.isSpace($0) }
            let expected = bytes.contains { $0 >= 0x80 } ? nil : first.map { $0..<(last! + 1) } ?? 0..<0
            #expect(bytes.withUnsafeBufferPointer { Formats.trimmedASCII(bytes: $0) } == expected, "\(text.debugDescription)")
            let isEmail = bytes.withUnsafeBufferPointer { Formats.isValidEmail($0) }
            #expect(Formats.isValidEmail(text) == isEmail, "\(text.debugDescription)")
        }
        // Trimmed as the view trims: from the first byte that is not a space to the last.
        #expect(Formats.trimmedASCII(" \tAc me \n") == "Ac me")
        #expect(Formats.trimmedASCII("   ") == "")
        #expect(Formats.trimmedASCII(" Zoë ") == nil)
        #expect(Formats.hasNoUppercase("zoë") && !Formats.hasNoUppercase("zOë") && !Formats.hasNoUppercase("aB"))
    }
}
