import Foundation
import RosterSynth
import Testing

@testable import RosterCore

/// The plain path (``PlainDecoder``) is a shortcut, never a second opinion: whatever file it
/// accepts, the full parser and decoder find nothing to report in it and build the same record.
@Suite struct PlainDecoderTests {
    /// Decodes `bytes` both ways; returns whether the plain path took the file.
    @discardableResult
    static func checkAlike(_ bytes: [UInt8], path: String, kind: RecordKind, _ context: String) -> Bool {
        let full = RecordStore.decodeFully(path: path, bytes: bytes, kind: kind)
        switch kind {
        case .org:
            guard let plain = PlainDecoder.org(bytes, path: path) else { return false }
            #expect(full.findings.map(\.rule) == [], "\(context)")
            #expect(full.org?.record == plain, "\(context)")
        case .share:
            guard let plain = PlainDecoder.share(bytes, path: path) else { return false }
            #expect(full.findings.map(\.rule) == [], "\(context)")
            #expect(full.share?.record == plain, "\(context)")
        case .marketplace: return false
        }
        return true
    }

    /// Org and share files of the fixtures (every rule's failing and passing overlays) and of a
    /// synthetic marketplace, with their paths relative to the repository.
    static func recordFiles() throws -> [(path: String, bytes: [UInt8])] {
        var out: [(String, [UInt8])] = []
        let fixtures = fixturesURL.standardizedFileURL.path
        for case let url as URL in FileManager.default.enumerator(at: fixturesURL, includingPropertiesForKeys: nil)! {
            let path = url.standardizedFileURL.path
            guard path.hasSuffix(".json"), let range = path.range(of: "/data/", options: .backwards), path.hasPrefix(fixtures) else { continue }
            let relative = "data/" + path[range.upperBound...]
            guard relative.hasPrefix("data/orgs/") || relative.hasPrefix("data/shares/") else { continue }
            out.append((relative, try [UInt8](Data(contentsOf: url))))
        }
        for (path, bytes) in SyntheticMarketplace(orgs: 40, membersPerOrg: 6, shares: 5, seed: 3).files()
        where path.hasPrefix("data/orgs/") || path.hasPrefix("data/shares/") {
            out.append((path, bytes))
        }
        return out
    }

    static func kind(_ path: String) -> RecordKind { path.hasPrefix("data/orgs/") ? .org : .share }

    @Test func everyFixtureRecordDecodesAlikeBothWays() throws {
        let files = try Self.recordFiles()
        var taken = 0
        for file in files where Self.checkAlike(file.bytes, path: file.path, kind: Self.kind(file.path), file.path) { taken += 1 }
        // The shortcut is taken for the records that are fine (the base and synthetic ones at least).
        #expect(taken >= 45)
        #expect(files.count > taken)
    }

    static let tokens = [
        "null", "\\u0041", "\\\"", ",", "}", "]", "[", "{", "\"", ":", " ", "\u{FEFF}", "\t", "1", "0", "1.0", "-1", "true", "false",
        "\"schemaVersion\": 0,", "\"id\": \"x\",", "\"role\": \"admin\",", "\"default\": true,", "\"apps\": [],", "\"until\": null,",
        "\"email\": \"a@b.example\",", "Zoë", "\u{7F}", "\u{1}", "\"handle\": \"h\",", "\"decision\": \"approved\",",
    ]

    /// Mutated copies of good files: a byte changed, a span dropped or repeated, a token put in.
    @Test(arguments: [UInt64(11), 12, 13, 14])
    func mutatedRecordsDecodeAlikeBothWays(seed: UInt64) throws {
        let files = try Self.recordFiles().filter { Self.checkAlike($0.bytes, path: $0.path, kind: Self.kind($0.path), $0.path) }
        var rng = SplitMix64(seed: seed)
        var taken = 0
        for round in 0..<1500 {
            let file = files.randomElement(using: &rng)!
            var bytes = file.bytes
            for _ in 0..<Int.random(in: 1...2, using: &rng) {
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: bytes[at] = UInt8.random(in: 0...255, using: &rng)
                case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...30, using: &rng)))
                case 2: bytes.insert(contentsOf: Array(bytes[at..<min(bytes.count, at + Int.random(in: 1...80, using: &rng))]), at: at)
                default: bytes.insert(contentsOf: Array(Self.tokens.randomElement(using: &rng)!.utf8), at: at)
                }
                if bytes.isEmpty { bytes = Array("{}".utf8) }
            }
            if Self.checkAlike(bytes, path: file.path, kind: Self.kind(file.path), "seed \(seed), round \(round), \(file.path)") { taken += 1 }
        }
        // Some mutants stay valid (a space added, a letter of a name changed) and take the shortcut.
        #expect(taken > 0)
    }

    /// The scanner passes white space a word at a time and stops in a string at its first quote,
    /// backslash, control or non-ASCII byte found from the word: every layout RFC 8259 allows
    /// (no white space, indents of every length, tabs, CRLF) and a non-ASCII letter at every
    /// place in a value read alike both ways, with the same record.
    @Test func everyLayoutAndEveryPlaceOfANonASCIILetterReadsAlike() throws {
        let (path, bytes) = try #require(
            SyntheticMarketplace(orgs: 3, membersPerOrg: 4, shares: 1, seed: 9).files().first { $0.path.hasPrefix("data/orgs/") })
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(separator: "\n").map { $0.drop { $0 == " " } }
        var layouts: [String] = [lines.joined(), lines.joined(separator: "\r\n") + "\r\n"]
        for indent in 0...19 {
            layouts.append(lines.map { String(repeating: " ", count: indent) + $0 }.joined(separator: "\n") + String(repeating: " ", count: indent))
            layouts.append(
                lines.map { String(repeating: "\t", count: indent % 5) + String(repeating: " ", count: indent) + $0 }.joined(separator: "\n"))
        }
        for layout in layouts {
            #expect(Self.checkAlike(Array(layout.utf8), path: path, kind: .org, "layout \(layout.prefix(40))"))
        }
        let org = try #require(PlainDecoder.org(bytes, path: path))
        let first = try #require(org.members.first?.firstName)
        for length in 0...20 {
            for place in 0...length {
                let name = String(repeating: "a", count: place) + "é" + String(repeating: "b", count: length - place)
                let changed = text.replacingOccurrences(of: "\"firstName\": \"\(first)\"", with: "\"firstName\": \"\(name)\"")
                #expect(Self.checkAlike(Array(changed.utf8), path: path, kind: .org, name))
                #expect(PlainDecoder.org(Array(changed.utf8), path: path)?.members.first?.firstName == name)
            }
        }
    }

    /// A key is one of the names of its object exactly, and a role, state or status one of its
    /// values: a prefix of one, one with a byte more, another case, or a key longer than any
    /// name (16 bytes) leaves the file to the parser.
    @Test func aKeyNearANameIsNotTheName() throws {
        let good = try [UInt8](Data(contentsOf: fixturesURL.appendingPathComponent("base/data/orgs/acme.json")))
        let text = String(decoding: good, as: UTF8.self)
        #expect(PlainDecoder.org(good, path: "data/orgs/acme.json") != nil)
        for (from, to) in [
            ("\"name\"", "\"nam\""), ("\"name\"", "\"names\""), ("\"name\"", "\"Name\""), ("\"email\"", "\"emai\""),
            ("\"email\"", "\"emailx\""), ("\"createdAt\"", "\"createdAtXXXXXXXXX\""), ("\"id\"", "\"i\""), ("\"id\"", "\"\""),
            ("\"members\"", "\"membersmembersmem\""), ("\"lastName\"", "\"lastNamé\""),
            ("\"team-member\"", "\"team-membe\""), ("\"team-member\"", "\"team-members\""), ("\"super-admin\"", "\"Super-admin\""),
            ("\"enabled\"", "\"enabled \""), ("\"active\"", "\"activé\""), ("\"invited\"", "\"\""),
        ] {
            let changed = text.replacingOccurrences(of: from, with: to)
            #expect(changed != text)
            #expect(PlainDecoder.org(Array(changed.utf8), path: "data/orgs/acme.json") == nil, "\(to)")
        }
    }

    /// A key's two words are the same whether read as words (the rest of the file is long
    /// enough) or byte by byte (a key within 16 bytes of the end).
    @Test func aKeyIsTheSameTwoWordsReadEitherWay() {
        var rng = SplitMix64(seed: 5)
        for _ in 0..<2000 {
            let count = Int.random(in: 0...16, using: &rng)
            let bytes = (0..<(count + 16)).map { _ in UInt8.random(in: 0x20...0xFF, using: &rng) }
            bytes.withUnsafeBufferPointer { all in
                let key = UnsafeBufferPointer(rebasing: all[0..<count])
                let (low, high) = KeyNames.words(key, readable: all.count)
                let (byteLow, byteHigh) = KeyNames.words(key, readable: count)
                #expect(low == byteLow && high == byteHigh, "\(count) bytes")
                let again = (0..<count).map { k in UInt8(truncatingIfNeeded: (k < 8 ? low : high) >> (8 * UInt64(k % 8))) }
                #expect(again == Array(key))
            }
        }
    }

    /// A long value read earlier in the file is reused only for the same bytes: the pool took a
    /// string 256 bytes longer that starts and ends like the new one for it, so a member's own
    /// last name written before the org's name turned the name into that last name (an
    /// attacker's review: a team member renamed the org through a change to their own entry).
    @Test func anEarlierLongerValueIsNeverReadForALaterOne() throws {
        let name = "Acme Corporation Ltd"
        let tail = String(repeating: "\u{301}", count: 124) + name.suffix(8)
        #expect(tail.utf8.count == 256 && (name + tail).utf8.suffix(8).elementsEqual(name.utf8.suffix(8)))
        let text = """
            {"schemaVersion": 1, "id": "acme", "members": [
            {"email": "ann@acme.example", "firstName": "Ann", "lastName": "\(name + tail)", "role": "super-admin", "state": "active",
             "invitedAt": "2025-01-10T09:05:00Z", "invitedBy": "ann@acme.example"}],
            "name": "\(name)", "status": "enabled", "createdAt": "2025-01-10T09:00:00Z",
            "teams": [{"id": "everyone", "name": "Everyone", "default": true, "members": ["ann@acme.example"]}]}
            """
        let plain = try #require(PlainDecoder.org(Array(text.utf8), path: "data/orgs/acme.json"))
        #expect(plain.name.utf8.elementsEqual(name.utf8), "\(plain.name.utf8.count) bytes")
        #expect(plain.members.first?.lastName.utf8.elementsEqual((name + tail).utf8) == true)
        #expect(Self.checkAlike(Array(text.utf8), path: "data/orgs/acme.json", kind: .org, "pool"))
    }

    @Test func aFileWithSomethingToReportIsLeftToTheParser() throws {
        let good = try [UInt8](Data(contentsOf: fixturesURL.appendingPathComponent("base/data/orgs/acme.json")))
        #expect(PlainDecoder.org(good, path: "data/orgs/acme.json") != nil)
        #expect(PlainDecoder.org(good, path: "data/orgs/other.json") == nil)  // id-filename
        let text = String(decoding: good, as: UTF8.self)
        for (from, to) in [
            ("\"schemaVersion\": 1", "\"schemaVersion\": 0"), ("{", "\u{FEFF}{"), ("\"acme\"", "\"ac\\u006De\""),
            ("\"schemaVersion\": 1,", "\"schemaVersion\": 1, \"schemaVersion\": 1,"), ("\"teams\"", "\"team\""),
        ] {
            #expect(PlainDecoder.org(Array(text.replacingOccurrences(of: from, with: to).utf8), path: "data/orgs/acme.json") == nil, "\(to)")
        }
    }
}
