import Foundation
import Testing

/// Record text that tries to break out of its sink, through the real binary: a PR summary's and
/// the catalogue's Markdown tables, the terminal, and GitHub's workflow commands in a CI log.
@Suite struct EscapingTests {
    /// CR LF, a table cell, a code fence, a workflow command after a line break, an ANSI colour
    /// and a right-to-left override.
    static let hostile = "Evil\r\n| x |```\n::error file=x::pwned\u{1B}[31m\u{202E}RED"
    /// How Markdown shows it: one line, every character literal.
    static let inMarkdown = #"Evil\\r\\n\| x \|\`\`\`\\n::error file=x::pwned\\u{1B}\[31m\\u{202E}RED"#
    /// How a terminal shows it: one line, control characters visible.
    static let inTerminal = #"Evil\r\n| x |```\n::error file=x::pwned\u{1B}[31m\u{202E}RED"#
    /// What a name may hold (`text-control` refuses control characters and line separators in
    /// names): a table cell, a code fence, a workflow command, a right-to-left override and a
    /// zero width space, on one line.
    static let hostileLine = "Evil | x |```::error file=x::pwned\u{200F}RED\u{200B}"
    /// How Markdown shows it.
    static let lineInMarkdown = #"Evil \| x \|\`\`\`::error file=x::pwned\\u{200F}RED\\u{200B}"#

    /// `text` as a JSON string literal, quotes included.
    static func json(_ text: String) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: text, options: .fragmentsAllowed), as: UTF8.self)
    }

    /// Replaces `old` (which must be there) in a file of `root`.
    static func edit(_ root: URL, _ file: String, _ old: String, _ new: String) throws {
        let url = root.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old), "\(file) has no \(old)")
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: url)
    }

    /// Gives the org, a member, a team and the share hostile names.
    static func plantHostileNames(_ root: URL, _ hostile: String = hostile, description: String = "A feed.") throws {
        let h = try json(hostile)
        try edit(root, "data/orgs/acme.json", #""name": "Acme""#, #""name": \#(h)"#)
        try edit(root, "data/orgs/acme.json", #""firstName": "Bob""#, #""firstName": \#(h)"#)
        try edit(root, "data/orgs/acme.json", #""name": "Ops""#, #""name": \#(h)"#)
        try edit(root, "data/shares/feed.json", #""name": "Data feed""#, #""name": \#(h)"#)
        try edit(root, "data/shares/feed.json", #""description": "A feed.""#, #""description": \#(try json(description))"#)
    }

    /// Output fit for a terminal and a CI log: no raw control or bidi character, and no line
    /// that starts a workflow command unless it is one of roster's own annotations.
    static func expectInert(_ output: String, _ what: String, annotations: Bool = false) {
        let hidden = output.unicodeScalars.filter {
            $0 != "\n"
                && ($0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
                    || (0x2066...0x2069).contains($0.value))
        }
        #expect(hidden.isEmpty, "\(what) prints raw control characters: \(hidden.map { String($0.value, radix: 16) })")
        for line in output.split(separator: "\n") where line.hasPrefix("::") {
            #expect(annotations && (line.hasPrefix("::error file=data/") || line.hasPrefix("::warning file=data/")), "\(what): \(line)")
        }
    }

    /// The `|` that split cells: those not escaped by a backslash.
    static func cellBars(_ line: Substring) -> Int {
        var bars = 0, escaped = false
        for ch in line {
            if escaped { escaped = false } else if ch == "\\" { escaped = true } else if ch == "|" { bars += 1 }
        }
        return bars
    }

    /// Every row of every table has as many cells as its header; no line opens a fence.
    static func expectWholeTables(_ markdown: String, _ what: String) {
        var header: Int?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            #expect(!line.hasPrefix("```") && !line.hasPrefix("~~~"), "\(what) opens a fence: \(line)")
            guard line.hasPrefix("|") else { header = nil; continue }
            if let header {
                #expect(cellBars(line) == header, "\(what): a row has other cells than its header: \(line)")
            } else {
                header = cellBars(line)
            }
        }
    }

    @Test func diffMarkdownAndTextKeepRecordTextInItsCell() throws {
        let repo = try GitOpsTests.Repo()
        try Self.plantHostileNames(repo.url)
        let markdown = try repo.run(["diff", "--format", "markdown"])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(markdown.stdout.contains("| org.renamed | acme |  | Acme | \(Self.inMarkdown) |"), "\(markdown.stdout)")
        #expect(markdown.stdout.contains("| member.renamed | acme | bob@acme.example | Bob Baker | \(Self.inMarkdown) Baker |"))
        Self.expectWholeTables(markdown.stdout, "diff --format markdown")
        Self.expectInert(markdown.stdout, "diff --format markdown")

        let text = try repo.run(["diff"])
        #expect(text.stdout.contains("  ~ org acme renamed from \"Acme\" to \"\(Self.inTerminal)\"\n"), "\(text.stdout)")
        Self.expectInert(text.stdout, "diff")
        for line in text.stdout.split(separator: "\n").dropFirst() {
            #expect(line.hasPrefix("  "), "a record value starts a line of `roster diff`: \(line)")
        }
    }

    /// A rename that only adds a zero width space would print as no change at all.
    @Test func diffShowsANameThatDiffersOnlyByAnInvisibleCharacter() throws {
        let repo = try GitOpsTests.Repo()
        try Self.edit(repo.url, "data/orgs/acme.json", #""name": "Acme""#, #""name": "Acme\u200b""#)
        let text = try repo.run(["diff"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains(#"  ~ org acme renamed from "Acme" to "Acme\u{200B}""# + "\n"), "\(text.stdout)")
        #expect(!text.stdout.unicodeScalars.contains("\u{200B}"), "printed raw")
        let markdown = try repo.run(["diff", "--format", "markdown"])
        #expect(markdown.stdout.contains(#"| org.renamed | acme |  | Acme | Acme\\u{200B} |"#), "\(markdown.stdout)")
    }

    @Test func markdownCatalogueKeepsRecordTextInItsCell() throws {
        let root = try copy()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("catalogue")
        // Line breaks and control characters never reach the catalogue: the build refuses them.
        try Self.plantHostileNames(root)
        let refused = try roster(["build", "--root", root.path, "--format", "markdown", "--out", out.path, "--quiet"])
        #expect(refused.status == 1)
        #expect((refused.stdout + refused.stderr).contains("[text-control]"), "\(refused.stderr)")
        Self.expectInert(refused.stdout + refused.stderr, "build refusing")

        try FileManager.default.removeItem(at: root.appendingPathComponent("data"))
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("base/data"), to: root.appendingPathComponent("data"))
        try Self.plantHostileNames(root, Self.hostileLine, description: "1. " + Self.hostileLine)
        let run = try roster(["build", "--root", root.path, "--format", "markdown", "--out", out.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        var pages: [String: String] = [:]
        for file in try FileManager.default.subpathsOfDirectory(atPath: out.path) where file.hasSuffix(".md") {
            pages[file] = try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
        }
        #expect(pages.count == 6)
        for (file, text) in pages {
            Self.expectWholeTables(text, file)
            Self.expectInert(text, file)
        }
        let org = try #require(pages["orgs/acme.md"])
        #expect(org.hasPrefix("# \(Self.lineInMarkdown)\n"), "\(org)")
        #expect(org.contains("| \(Self.lineInMarkdown) Baker | b•••@acme.example | Team member | Invited |"), "\(org)")
        #expect(org.contains("| \(Self.lineInMarkdown) | b•••@acme.example |"))
        let share = try #require(pages["shares/feed.md"])
        // The description starts a line: "1." would open a list, without the escape.
        #expect(share.contains("\n\n1\\. \(Self.lineInMarkdown)\n\n"), "\(share)")
        #expect(share.contains("| [\(Self.lineInMarkdown)](../orgs/acme.md) | 2025-02-01 | 2027-01-31 |"))
    }

    @Test func validateShowsHiddenCharactersEscapedInTextAndAnnotations() throws {
        let root = try copy()
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.edit(root, "data/orgs/acme.json", #""schemaVersion": 1,"#, #""schemaVersion": 1, \#(try Self.json(Self.hostile)): 1,"#)
        // A file name is record text too: it starts every line of the report.
        try Data().write(to: root.appendingPathComponent("data/shares/evil\n::error file=x::pwned.txt"))

        let text = try roster(["validate", "--root", root.path])
        #expect(text.status == 1)
        #expect(text.stdout.contains("data/orgs/acme.json:3:23: error: unknown field \"\(Self.inTerminal)\" in org;"), "\(text.stdout)")
        #expect(text.stdout.contains(#"data/shares/evil\n::error file=x::pwned.txt:1:1: warning: "#))
        Self.expectInert(text.stdout, "validate")
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.count == 3 && lines.dropLast().allSatisfy { $0.hasPrefix("data/") }, "\(text.stdout)")

        let github = try roster(["validate", "--root", root.path, "--format", "github"])
        #expect(github.status == 1)
        #expect(
            github.stdout.contains(
                "::error file=data/orgs/acme.json,line=3,col=23,title=unknown-field::unknown field \"\(Self.inTerminal)\" in org;"),
            "\(github.stdout)")
        #expect(github.stdout.contains(#"::warning file=data/shares/evil\n%3A%3Aerror file=x%3A%3Apwned.txt,line=1,col=1,title=stray-file::"#))
        #expect(github.stdout.split(separator: "\n").count == 2)
        Self.expectInert(github.stdout, "validate --format github", annotations: true)
    }

    @Test func ruleMessagesQuoteRecordTextEscaped() throws {
        let root = try copy()
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.edit(root, "data/orgs/acme.json", #""invitedBy": "ann@acme.example""#, #""invitedBy": \#(try Self.json(Self.hostile))"#)
        for format in ["text", "github"] {
            let run = try roster(["validate", "--root", root.path, "--format", format])
            #expect(run.status == 1)
            #expect(run.stdout.contains("invitedBy \"\(Self.inTerminal)\" is not a valid e-mail address"), "\(run.stdout)")
            Self.expectInert(run.stdout, "validate --format \(format)", annotations: format == "github")
        }
    }

    @Test func aVerbPrintsRecordTextEscaped() throws {
        let root = try copy()
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.plantHostileNames(root)
        // The refusal quotes the org's name, which a pull request may have set.
        let refused = try roster(["org", "delete", "acme", "--confirm", "Acme", "--root", root.path])
        #expect(refused.status == 1)
        #expect(
            refused.stderr == "roster: refused: deleting acme needs --confirm with its exact name: --confirm \"\(Self.inTerminal)\"\n",
            "\(refused.stderr)")
        Self.expectInert(refused.stderr, "org delete")
        // A verb refuses a control character in a name (text-control), and shows it escaped.
        let clean = try copy()
        defer { try? FileManager.default.removeItem(at: clean) }
        let c1 = try roster(["org", "rename", "acme", "Evil\u{85}\u{202E}Corp", "--dry-run", "--root", clean.path])
        #expect(c1.status == 1)
        #expect(c1.stderr.contains(#"org name "Evil\u{85}\u{202E}Corp" contains U+0085 (next line);"#), "\(c1.stderr)")
        Self.expectInert(c1.stderr, "org rename refusing")
        // A right-to-left override would show "\u{202E}emca" as "acme": refused as well.
        let rlo = try roster(["org", "rename", "acme", "\u{202E}emca", "--dry-run", "--root", clean.path])
        #expect(rlo.status == 1)
        #expect(rlo.stderr.contains(#"contains U+202E (right-to-left override);"#), "\(rlo.stderr)")
        Self.expectInert(rlo.stderr, "org rename refusing an override")
        // A dry run prints the file's diff: canonical JSON does not escape bidi characters.
        let dry = try roster(["org", "rename", "acme", "Evil\u{200F}Corp", "--dry-run", "--root", clean.path])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains(#"+  "name": "Evil\u{200F}Corp","#), "\(dry.stdout)")
        Self.expectInert(dry.stdout, "org rename --dry-run")
    }
}
