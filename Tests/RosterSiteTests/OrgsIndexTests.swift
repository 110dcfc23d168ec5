import Foundation
import RosterCore
import RosterSynth
import Testing
@testable import RosterSite

/// The Consumer Orgs pages and the index their script loads: pieces of bounded size, safe to
/// load as scripts whatever the records hold, rewritten only where a change shows.
@Suite struct OrgsIndexTests {
    func synthetic(orgs: Int) throws -> SiteProject {
        let dir = scratch.appendingPathComponent("roster-synth-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        for (path, bytes) in SyntheticMarketplace(orgs: orgs, membersPerOrg: 4, shares: 3, seed: 3).files() {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        return try SiteProject(records: dir)
    }

    @Test func pagesHoldAHundredOrgsAndEveryPieceIsSmall() throws {
        let project = try synthetic(orgs: 2_345)
        try project.build()
        let files = try project.outputFiles()
        let pages = files.keys.filter { $0.hasPrefix("orgs/") && !$0.dropFirst(5).contains("/") }.sorted()
        #expect(pages.count == 24)
        #expect(files["orgs/page-24.html"]?.components(separatedBy: "<tr data-status=").count == 46)
        let pieces = files.filter { $0.key.hasPrefix("search/") }
        #expect(pieces.keys.filter { $0.hasPrefix("search/rows-") }.count == 3)
        for (path, text) in pieces { #expect(text.utf8.count <= 100 * 1024, "\(path)") }
        #expect(files["search-index.json"]?.contains("\"format\": \"roster-orgs-index/1\"") == true)
    }

    @Test func recordTextCannotEndAStringOrAScriptInAPiece() throws {
        let project = try SiteProject()
        // U+2028 and U+2029, which end a line in a script, no longer reach a build (text-control
        // refuses them in names), so the writer's escape of them is checked on its own.
        let hostile = #"</script><script>alert(1)</script> & \" x"#
        var separators: [UInt8] = []
        JSONWriter.writeString("\u{2028}\u{2029}", htmlSafe: true, into: &separators)
        #expect(String(decoding: separators, as: UTF8.self) == #""\u2028\u2029""#)
        try project.write(
            "data/orgs/acme.json",
            try project.read("data/orgs/acme.json").replacingOccurrences(of: "\"name\": \"Acme\"", with: "\"name\": \"\(hostile)\""))
        // The names of the shares an org consumes go into its row one after the other.
        try project.write(
            "data/shares/feed.json",
            try project.read("data/shares/feed.json").replacingOccurrences(of: "\"name\": \"Data feed\"", with: "\"name\": \"<b>\(hostile)\""))
        try project.build()
        let pieces = try project.outputFiles().filter { $0.key.hasPrefix("search/") || $0.key == "search-index.json" }
        #expect(pieces.count >= 5)
        for (path, text) in pieces {
            for raw in ["<", ">", "&", "\u{2028}", "\u{2029}"] { #expect(!text.contains(raw), "\(path) holds \(raw.debugDescription)") }
        }
        #expect(
            pieces["search/rows-0.js"]?.contains(#"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e \u0026 \" x"#)
                == true)
        #expect(
            pieces["search/rows-0.js"]?.contains(#""\u003cb\u003e\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e \u0026 \" x"]"#)
                == true)
    }

    @Test func orgsAreInNaturalOrderAndSearchWordsFoldCaseAndAccents() {
        #expect(SearchTokens.words("Zoë-Ops 12, ÉCOLE_x") == ["zoe", "ops", "12", "ecole", "x"])
        #expect(PostingList.encode([3, 4, 76], total: 1000) == "3,0,1z")
        // Gaps written as bytes are Swift's base 36.
        for n in [0, 9, 10, 35, 36, 1295, 1296, 99_999, Int.max] {
            var bytes: [UInt8] = []
            PostingList.appendBase36(n, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == String(n, radix: 36))
        }
        #expect(PostingList.encode(Array(0..<1000), total: 1000).hasPrefix("~"))
        #expect(ListPages(total: 100_000).links(page: 6).map { $0["label"] ?? "…" } == ["1", "…", "4", "5", "6", "7", "8", "…", "1000"])
    }

    /// Words of ASCII text are found on its bytes, in place: the same words as Unicode's
    /// categories give, for every byte below 0x80, texts longer than the reused buffer, and a
    /// text that is ASCII but for one character anywhere (its words then come the general way).
    @Test func wordsOfASCIITextAreThoseOfTheGeneralWay() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = (0..<128).map { Character(Unicode.Scalar(UInt8($0))) } + Array("aZ9 -")
        var scratch: [UInt8] = []
        // A line feed after a carriage return makes one Character with it: the texts of fixed
        // characters have such a pair at each end, and a random text may have fewer Characters
        // than it drew (placing the "É" by the drawn count once ran past the end).
        let fixed = ["\r\n", "a\r\n", "\r\nb", "x\r\n\r\ny"]
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 200, -1] {
            for round in 0..<(length < 0 ? fixed.count : 40) {
                let text = length < 0 ? fixed[round] : String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
                var found: [String] = []
                SearchTokens.eachWord(text, scratch: &scratch) { (word: UnsafeRawBufferPointer) in found.append(String(decoding: word, as: UTF8.self))
                }
                #expect(found == SearchTokens.unicodeWords(text), "\(text.debugDescription)")
                var mixed = Array(text)
                guard !mixed.isEmpty else { continue }
                mixed[Int.random(in: 0..<mixed.count, using: &generator)] = "É"
                let other = String(mixed)
                found = []
                SearchTokens.eachWord(other, scratch: &scratch) { (word: UnsafeRawBufferPointer) in
                    found.append(String(decoding: word, as: UTF8.self))
                }
                #expect(found == SearchTokens.unicodeWords(other), "\(other.debugDescription)")
                #expect(found.joined().contains("e"))
            }
        }
    }

    /// The words are ordered as the script compares them, by UTF-16 code units, though they
    /// are compared on their UTF-8 bytes: every pair of these words, each way round, in the
    /// order UTF-16 gives, including a character past U+FFFF against one from U+E000 up, where
    /// the two orders differ.
    @Test func wordsAreInTheScriptsOrder() {
        let words = [
            "", "a", "ab", "b", "7", "70", "é", "e\u{301}", "z", "ÿ", "ā", "中", "中文", "\u{E000}", "\u{FB01}", "\u{FFFD}", "😀", "😀a", "𝔘",
            "\u{10FFFF}", "a😀", "a\u{FFFD}", "a\u{E000}",
        ]
        for a in words {
            for b in words {
                #expect(SearchTokens.less(a, b) == a.utf16.lexicographicallyPrecedes(b.utf16), "\(a) < \(b)")
            }
        }
        #expect(SearchTokens.less("😀", "\u{E000}") && !SearchTokens.less("\u{E000}", "😀"))
    }

    @Test func prefixesOfManyWordsGetOneListPlacedInTheScriptsOrder() {
        let sorted = ((0..<10_000).map { String($0) } + ["alpha", "beta", "7a"]).sorted(by: SearchTokens.less)
        let prefixes = PrefixLists.prefixes(sorted)
        // 1,111 numbers start with each digit but 0, and no two-digit prefix starts more than 128.
        #expect(prefixes.map(\.prefix) == (1...9).map { String($0) })
        #expect(prefixes.map(\.words.count) == [1111, 1111, 1111, 1111, 1111, 1111, 1112, 1111, 1111])
        let keys = PrefixLists.merged(sorted, prefixes).map(\.key)
        #expect(keys.count == sorted.count + 9)
        #expect(zip(keys, keys.dropFirst()).allSatisfy { SearchTokens.less($0, $1) })
        let seven = keys.firstIndex(of: "7")!
        #expect(Array(keys[seven...].prefix(3)) == ["7", "7*", "70"])
        #expect(PrefixLists.union([[1, 5, 9], [5, 7], []], total: 100) == [1, 5, 7, 9])
        #expect(PrefixLists.union([Array(0..<50), [49, 60]], total: 100) == Array(0..<50) + [60])
    }

    @Test func aPrefixEntryListsEveryOrgWithAWordStartingWithIt() throws {
        let project = try synthetic(orgs: 2_345)
        let m = PortalModel(
            snapshot: RecordStore.load(root: project.root.path), docs: DocsSite(pages: []), history: GitHistory(commits: [], head: nil))
        let entries = Dictionary(
            uniqueKeysWithValues: OrgsIndex.postings(m.snapshot.orgs, order: m.orgOrder).map { ($0.0, String(decoding: $0.1, as: UTF8.self)) })
        let expected = m.orgOrder.indices.filter { n in OrgsIndex.words(m.snapshot.orgs[m.orgOrder[n]].record).contains { $0.hasPrefix("1") } }
        #expect(expected.count > PrefixLists.limit)
        #expect(entries["1*"] == "\"1*\":\"\(PostingList.encode(expected, total: 2_345))\"")
        #expect(entries["23*"] == nil)
        // The words are gathered in parts merged in order: however many parts, the same entries.
        let one = OrgsIndex.postings(m.snapshot.orgs, order: m.orgOrder, parts: 1)
        #expect(one.map(\.0) == one.map(\.0).sorted(by: SearchTokens.less))
        for parts in [2, 3, 8] {
            let split = OrgsIndex.postings(m.snapshot.orgs, order: m.orgOrder, parts: parts)
            #expect(split.map(\.0) == one.map(\.0) && split.map(\.1) == one.map(\.1), "\(parts) parts")
        }
    }

    @Test func aChangedMemberNameRewritesOnlyThePiecesThatHoldIt() throws {
        let project = try synthetic(orgs: 2_345)
        try project.build()
        let before = try project.outputFiles()
        let org = try project.read("data/orgs/org-1500.json")
        let first = try #require(org.range(of: "\"firstName\": \"")?.upperBound)
        let name = org[first...].prefix { $0 != "\"" }
        try project.write("data/orgs/org-1500.json", org.replacingCharacters(in: first..<org.index(first, offsetBy: name.count), with: "Quixotic"))
        try project.build()
        let after = try project.outputFiles()
        let changed = after.keys.filter { after[$0] != before[$0] && $0 != ".roster-build.json" }.sorted()
        #expect(changed.contains("orgs/org-1500/index.html"))
        #expect(changed.contains { $0.hasPrefix("search/terms-") })
        #expect(!changed.contains { $0.hasPrefix("search/rows-") || $0.hasPrefix("orgs/page-") || $0 == "orgs/index.html" })
        #expect(changed.count <= 5, "\(changed)")
    }
}
