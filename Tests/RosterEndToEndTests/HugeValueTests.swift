import Foundation
import Testing

/// A record can hold a value of any size. Validation stays bounded (a 50 MB unknown key took
/// 11 s in the did-you-mean) and messages quote at most about 80 characters of a value.
@Suite struct HugeValueTests {
    static let size = 50 * 1024 * 1024

    /// Findings of `roster validate --format json` on `root`.
    static func findings(_ root: URL) throws -> (status: Int32, messages: [String]) {
        let run = try roster(["validate", "--root", root.path, "--format", "json"])
        let items = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]], "\(run.stderr)")
        #expect(run.stdout.utf8.count < 10_000, "the report echoes a huge value")
        return (run.status, items.compactMap { $0["message"] as? String })
    }

    /// Replaces `old` in a file of `root` with `new`, written as bytes (no 50 MB string copies).
    static func edit(_ root: URL, _ file: String, _ old: String, _ new: [UInt8]) throws {
        let url = root.appendingPathComponent(file)
        let text = try Data(contentsOf: url)
        let range = try #require(text.range(of: Data(old.utf8)))
        var out = text
        out.replaceSubrange(range, with: new)
        try out.write(to: url)
    }

    static func huge(_ byte: Character) -> [UInt8] {
        [UInt8](repeating: byte.asciiValue!, count: size)
    }

    @Test func aHugeUnknownKeyIsReportedShortly() throws {
        let root = try copy()
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.edit(
            root, "data/orgs/acme.json", "\"schemaVersion\": 1,", Array("\"schemaVersion\": 1, \"".utf8) + Self.huge("k") + Array("\": 1,".utf8))
        let (status, messages) = try Self.findings(root)
        #expect(status == 1)
        #expect(messages.count == 1)
        for message in messages {
            #expect(message.count < 300, "\(message.prefix(400))")
            #expect(message.hasPrefix("unknown field \"kkkkk"))
            #expect(message.contains("…\" (52428800 bytes) in org"))
        }
    }

    @Test func hugeStringValuesAreReportedShortly() throws {
        let root = try copy()
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.edit(root, "data/orgs/acme.json", "\"Acme\"", Array("\"".utf8) + Self.huge("N") + Array("\"".utf8))
        try Self.edit(root, "data/shares/feed.json", "\"acme\"", Array("\"".utf8) + Self.huge("o") + Array("\"".utf8))
        let (status, messages) = try Self.findings(root)
        #expect(status == 1)
        // The org's name and the share's consumer.
        #expect(messages.count == 2, "\(messages)")
        for message in messages { #expect(message.count < 300, "\(message.prefix(400))") }
        #expect(messages.contains { $0.hasPrefix("org name \"NNNN") && $0.contains("…\" (52428800 bytes) has") })
        #expect(messages.contains { $0.hasPrefix("consumer \"oooo") })
    }
}
