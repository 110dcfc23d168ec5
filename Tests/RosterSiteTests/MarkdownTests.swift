import Foundation
import Testing
import RosterCore
@testable import RosterSite
import RosterTemplates

@Suite struct MarkdownTests {
    @Test func rawHTMLAndDangerousLinksAreRemoved() {
        let out = MarkdownRenderer().render("<script>x()</script>\n\n[a](javascript:alert(1)) [b](https://ok.example) <b>bold</b>")
        #expect(!out.html.contains("<script>"))
        #expect(!out.html.contains("javascript:"))
        #expect(!out.html.contains("<b>"))
        #expect(out.html.contains("href=\"https://ok.example\""))
    }

    @Test func headingsGetUniqueAnchors() {
        let out = MarkdownRenderer().render("## Setup\n\n## Setup\n\n### Ünïcode & more")
        #expect(out.headings.map(\.anchor) == ["setup", "setup-2", "n-code-more"])
        #expect(out.html.contains("<h2 id=\"setup\">"))
        #expect(out.html.contains("<h2 id=\"setup-2\">"))
    }

    @Test func linksToOtherPagesAreRewritten() {
        let renderer = MarkdownRenderer { $0 == "other.md" ? "../other/index.html" : nil }
        #expect(renderer.render("[o](other.md) [x](x.md)").html.contains("href=\"../other/index.html\""))
        #expect(renderer.render("[x](x.md)").html.contains("href=\"x.md\""))
    }

    @Test func pipeTablesBecomeTablesOutsideCodeBlocks() {
        let out = MarkdownRenderer().render("| a | b |\n|---|--:|\n| `x|y` | **z** |\n\n```\n| not | a table |\n|---|---|\n```\n")
        #expect(out.html.contains("<th scope=\"col\">a</th>"))
        #expect(out.html.contains("<td style=\"text-align: right\"><strong>z</strong></td>"))
        #expect(out.html.contains("<code>x|y</code>"))
        #expect(out.html.contains("| not | a table |"))
    }

    @Test func frontMatterIsParsedAndStripped() throws {
        let (front, body) = try FrontMatter.split("---\ntitle: \"Hello\"\nweight: 5\ndescription: Hi\n---\n# Body\n")
        #expect(front == FrontMatter(title: "Hello", weight: 5, description: "Hi"))
        #expect(body.hasSuffix("# Body\n"))
        #expect(body.split(separator: "\n", omittingEmptySubsequences: false).count == 7, "line numbers are kept")
        #expect(throws: FrontMatter.Failure(line: 1, message: "a docs page starts with front matter: ---, title: ..., weight: ..., ---")) {
            try FrontMatter.split("# No front matter")
        }
    }

    @Test func redaction() {
        #expect(EmailDisplay.redact("jane@acme.example") == "j•••@acme.example")
        // The first character kept whole: one byte, several bytes, or a letter and its accent.
        #expect(EmailDisplay.redact("j@x.example") == "j•••@x.example")
        #expect(EmailDisplay.redact("élise@x.example") == "é•••@x.example")
        #expect(EmailDisplay.redact("e\u{301}lise@x.example") == "e\u{301}•••@x.example")
        #expect(EmailDisplay.redact("@x.example") == "•••")
        let display = EmailDisplay(showEmails: false)
        #expect(display.text("Invite <jane@acme.example>, bob@b.example.") == "Invite <j•••@acme.example>, b•••@b.example.")
        #expect(EmailDisplay(showEmails: true)("jane@acme.example") == "jane@acme.example")
    }

    /// An address written into JSON or a page without a String for its redacted form gives the
    /// bytes of the String way, for the fast case (ASCII first characters) and the others, with
    /// characters the JSON escapes, and with addresses shown whole.
    @Test func anAddressWrittenIntoJSONIsItsShownFormEscaped() {
        let addresses = [
            "jane@acme.example", "j@x.example", "élise@x.example", "e\u{301}lise@x.example", "@x.example", "no-at-sign", "",
            "a\"b@x.example", "ab@<x>&\u{2028}.example", "ab@x\u{2029}\u{20AC}.example", "x@",
            // A first byte that is escaped, each of the five; an "@" second, last, twice.
            "'o@x.example", "&b@x.example", "<b@x.example", ">b@x.example", "\"b@x.example", "a@", "a@b@c.example", "@",
        ]
        for show in [false, true] {
            let display = EmailDisplay(showEmails: show)
            for address in addresses {
                var fast = JSONStream(htmlSafe: true), plain = JSONStream(htmlSafe: true)
                fast.beginArray()
                plain.beginArray()
                display.write(address, into: &fast)
                plain.string(display(address))
                fast.endArray()
                plain.endArray()
                #expect(String(decoding: fast.bytes, as: UTF8.self) == String(decoding: plain.bytes, as: UTF8.self), "\(address)")
                // Into a page, escaped and not, as the shown form's text is written.
                for escaped in [true, false] {
                    var parts = ByteSink(), whole = ByteSink()
                    display.write(address, escaped: escaped, into: &parts)
                    TemplateOutput.text(display(address), escaped: escaped, into: &whole)
                    #expect(parts.bytes == whole.bytes, "\(address) escaped \(escaped)")
                }
            }
        }
        // The dots of a redacted address stay as they are; the two line separators are escaped.
        var j = JSONStream(htmlSafe: true)
        EmailDisplay(showEmails: false).write("ab@x\u{2028}\u{20AC}.example", into: &j)
        #expect(String(decoding: j.bytes, as: UTF8.self) == #""a•••@x\u2028€.example""#)
    }
}

@Suite struct ScaffoldTests {
    /// `roster init` writes the embedded copy of site-templates/: the two must not drift.
    @Test func theEmbeddedTemplatesAreTheRepositorysTemplates() throws {
        var onDisk: [String: String] = [:]
        let dir = packageRoot.appendingPathComponent("site-templates")
        for relative in try FileManager.default.subpathsOfDirectory(atPath: dir.path) {
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: dir.appendingPathComponent(relative).path, isDirectory: &isDir)
            if !isDir.boolValue {
                onDisk["site-templates/" + relative] = try String(contentsOf: dir.appendingPathComponent(relative), encoding: .utf8)
            }
        }
        let embedded = Dictionary(uniqueKeysWithValues: DefaultTemplates.files.map { ($0.path, $0.text) })
        #expect(embedded == onDisk, "run swift run embed-templates")
    }
}
