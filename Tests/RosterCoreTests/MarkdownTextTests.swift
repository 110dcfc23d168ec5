import Foundation
import Testing
import RosterCore
import RosterSite

/// Record text through the Markdown and terminal escapers, checked by rendering it with cmark:
/// whatever a value holds, it stays one paragraph or one cell of plain text.
@Suite struct MarkdownTextTests {
    static let hostile = [
        "Evil\r\n| x |", "```\nfenced", "~~~", "    indented code", "# heading", "## heading #", "> quote", "- item", "+ item",
        "* item", "1. item", "12) item", "---", "***", "___", "===", "<div>raw</div>", "<script>alert(1)</script>",
        "<http://evil.example>", "[link](http://evil.example)", "[ref]: http://evil.example", "![img](x.png)",
        "*em* _em_ **strong** ~~strike~~", "`code`", "a `` b", "back\\slash\\", "&lt;script&gt;", "::error file=x::pwned",
        "line\u{2028}separator", "esc\u{1B}[31mred", "c1\u{85}next", "bidi\u{202E}txt", "  padded  ", "tab\there",
    ]

    /// The HTML tags of rendered Markdown, without their attributes.
    static func tags(_ html: String) -> [String] {
        var out: [String] = []
        var rest = html[...]
        while let open = rest.firstIndex(of: "<") {
            let close = rest[open...].firstIndex(of: ">") ?? rest.endIndex
            out.append(String(rest[rest.index(after: open)..<close].prefix { $0 != " " }))
            rest = close < rest.endIndex ? rest[rest.index(after: close)...] : ""
        }
        return out
    }

    @Test(arguments: hostile)
    func inlineTextStaysOneParagraphOfText(value: String) {
        let html = MarkdownRenderer().render("Name: " + MarkdownText.inline(value)).html
        #expect(Self.tags(html) == ["p", "/p"], "\(value.debugDescription) -> \(html.debugDescription)")
        // At the start of a line too: no heading, list, quote, fence, rule or HTML block.
        let alone = MarkdownRenderer().render(MarkdownText.inline(value)).html
        #expect(Self.tags(alone) == ["p", "/p"], "\(value.debugDescription) -> \(alone.debugDescription)")
    }

    @Test(arguments: hostile)
    func aCellStaysOneCellOfText(value: String) {
        let table = "| a | b |\n|---|---|\n| \(MarkdownText.cell(value)) | end |\n"
        let html = MarkdownRenderer().render(table).html
        #expect(html.components(separatedBy: "<td").count == 3, "\(value.debugDescription) -> \(html)")
        #expect(html.contains("<td>end</td>"))
        #expect(
            Set(Self.tags(html)).isSubset(of: [
                "div", "/div", "table", "/table", "thead", "/thead", "tbody", "/tbody",
                "tr", "/tr", "th", "/th", "td", "/td",
            ]), "\(value.debugDescription) -> \(html)")
    }

    @Test func theTextShowsAsWrittenWithHiddenCharactersEscaped() {
        #expect(MarkdownText.cell("Evil\r\n| x |") == #"Evil\\r\\n\| x \|"#)
        #expect(MarkdownText.inline("```") == #"\`\`\`"#)
        #expect(MarkdownText.inline("1. a.b") == #"1\. a.b"#)
        #expect(MarkdownText.inline("- a-b") == #"\- a-b"#)
        #expect(MarkdownText.inline("a\u{1B}[1m") == #"a\\u{1B}\[1m"#)
        #expect(MarkdownText.cell(nil) == "")
        // Ordinary names, e-mails and dates are left as they are (the golden catalogue relies on it).
        #expect(MarkdownText.cell("Beta Corp (default)") == "Beta Corp (default)")
        #expect(MarkdownText.cell("b•••@beta.example") == "b•••@beta.example")
        #expect(MarkdownText.cell("2025-02-01") == "2025-02-01")
        let rendered = MarkdownRenderer().render(MarkdownText.inline("Evil\r\n| x | `y` <b>")).plainText
        #expect(rendered.contains(#"Evil\r\n| x | `y` <b>"#), "\(rendered)")
    }

    @Test func codeSpansHoldAnyBackticks() {
        #expect(MarkdownText.code("data/orgs/a.json:3") == "`data/orgs/a.json:3`")
        #expect(MarkdownText.code("a`b") == "``a`b``")
        #expect(MarkdownText.code("`") == "`` ` ``")
        let html = MarkdownRenderer().render("- \(MarkdownText.code("x``y\n# z")) after").html
        #expect(html.contains("<code>x``y\\n# z</code> after"), "\(html)")
    }

    @Test func linkDestinationsArePercentEncoded() {
        #expect(MarkdownText.destination("acme-2") == "acme-2")
        #expect(MarkdownText.destination("a b)c\n") == "a%20b%29c%0A")
    }

    @Test func terminalTextShowsEveryHiddenCharacter() {
        #expect(TerminalText.escape("plain – ünïcode") == "plain – ünïcode")
        // The ideographic space is the space of CJK text: it stays.
        #expect(TerminalText.escape("東京\u{3000}支店") == "東京\u{3000}支店")
        #expect(
            TerminalText.escape("a\r\nb\tc\u{1B}[31m\u{7F}\u{9B}\u{2028}\u{202E}\u{2066}")
                == #"a\r\nb\tc\u{1B}[31m\u{7F}\u{9B}\u{2028}\u{202E}\u{2066}"#)
        #expect(TerminalText.escape("one\ntwo\u{1B}", keepingLineBreaks: true) == "one\ntwo\\u{1B}")
    }

    /// Characters that print nothing, or a blank that is not a space: "Acme\u{200B}" must not
    /// print as "Acme".
    @Test(
        arguments: [
            0x200B, 0x2060, 0xFEFF, 0x00AD, 0x034F, 0x180E, 0x2061, 0x2064, 0x206A, 0x206F, 0x115F, 0x1160, 0x3164, 0xFFA0, 0xFFF9,
            0xFFFB, 0x1D173, 0x1D17A, 0xE0001, 0xE0041, 0xE007F,
            // Blanks, the other format characters, and spaces that print as a space but are not one.
            0x2800, 0x17B4, 0x17B5, 0xFFFC, 0x0600, 0x06DD, 0x13430, 0x1BCA0, 0x00A0, 0x1680, 0x2000, 0x2009, 0x200A, 0x202F, 0x205F,
        ] as [UInt32])
    func invisibleCharactersAreShownEscaped(value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        let shown = "\\u{" + String(value, radix: 16, uppercase: true) + "}"
        var name = "Acme"
        name.unicodeScalars.append(scalar)
        #expect(TerminalText.escape(name) == "Acme" + shown)
        #expect(MarkdownText.cell(name) == "Acme\\" + shown)
    }

    @Test func joinersAreShownEscapedUnlessTheyJoinAndVariationSelectorsAreKept() {
        for name in ["Acme\u{200D}", "Ac\u{200C}me", "\u{200D}Acme", "é\u{200D}", "Acme \u{200D}é", "é\u{200D}\u{200D}é", "é\u{200B}\u{200C}é"] {
            #expect(!TerminalText.escape(name).unicodeScalars.contains { $0 == "\u{200C}" || $0 == "\u{200D}" }, "\(name.debugDescription)")
            #expect(!MarkdownText.cell(name).unicodeScalars.contains { $0 == "\u{200C}" || $0 == "\u{200D}" }, "\(name.debugDescription)")
        }
        #expect(TerminalText.escape("Acme\u{200D}") == #"Acme\u{200D}"#)
        #expect(MarkdownText.cell("Ac\u{200C}me") == #"Ac\\u{200C}me"#)
        // Emoji sequences, a Devanagari conjunct, a Persian word: the joiner does something there;
        // variation selectors (an emoji's, a keycap's, an ideograph's) are kept too.
        for name in ["1\u{FE0F}\u{20E3}", "葛\u{E0100}", "👩\u{200D}💻", "❤\u{FE0F}\u{200D}🔥", "क\u{94D}\u{200D}ष", "می\u{200C}خواهم"] {
            #expect(TerminalText.escape(name) == name, "\(name.debugDescription)")
            #expect(MarkdownText.cell(name) == name, "\(name.debugDescription)")
        }
    }

    @Test func quotesAreShort() {
        #expect(Quote.value("acme") == "\"acme\"")
        #expect(Quote.bare("acme") == "acme")
        let huge = String(repeating: "k", count: 1_000_000)
        #expect(Quote.value(huge) == "\"" + String(repeating: "k", count: 80) + "…\" (1000000 bytes)")
        #expect(Quote.bare(huge).count < 100)
        // Exactly the limit is quoted whole.
        #expect(Quote.value(String(repeating: "é", count: 80)) == "\"" + String(repeating: "é", count: 80) + "\"")
    }
}
