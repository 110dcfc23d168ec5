import Foundation
import Testing
@testable import RosterCore

/// GitReader against a real repository: one `rev-parse` for two revisions, one `cat-file` for
/// many objects, and the careful path whenever the quick one could be misread.
@Suite struct GitReaderTests {
    /// A repository with one commit holding data/orgs/acme.json.
    func repository() throws -> (TemporaryRepo, GitReader) {
        let repo = try TemporaryRepo()
        try repo.git("init", "-q")
        try repo.git("add", "-A")
        try repo.git("commit", "-qm", "base")
        return (repo, GitReader(root: repo.path))
    }

    @Test func twoRevisionsAreResolvedTogether() throws {
        let (repo, reader) = try repository()
        defer { withExtendedLifetime(repo) {} }
        let head = try reader.commit("HEAD")
        let (a, b) = try reader.commits("HEAD", "HEAD")
        #expect(a == head && b == head)
        #expect(try reader.commits("HEAD", nil) == (head, nil))
    }

    @Test func aWrongRevisionIsNamedWhateverItsShape() throws {
        let (repo, reader) = try repository()
        defer { withExtendedLifetime(repo) {} }
        for bad in ["HEAD~5", "HEAD..HEAD", "-x", "^HEAD", "no such"] {
            #expect(throws: GitReader.Failure.self, "\(bad)") { try reader.commits("HEAD", bad) }
            #expect(throws: GitReader.Failure.self, "\(bad)") { try reader.commits(bad, "HEAD") }
        }
        #expect(throws: GitReader.Failure.self) { try reader.commits("HEAD~5", nil) }
    }

    @Test func objectsAreBlobsOrNil() throws {
        let (repo, reader) = try repository()
        let bytes = Array(try repo.bytes("data/orgs/acme.json"))
        let read = try #require(try reader.objects(["HEAD:data/orgs/acme.json", "HEAD:data/orgs", "HEAD:data/orgs/nope.json"]))
        #expect(read.count == 3)
        #expect(read[0] == bytes)
        #expect(read[1] == nil)
        #expect(read[2] == nil)
        // A name that would end its line early is never sent: the caller reads another way.
        #expect(try reader.objects(["HEAD:data/orgs/acme.json", "HEAD:data/orgs/x\ny.json"]) == nil)
    }

    /// The diff's object ids are full ones: an abbreviated id is taken by cat-file for a ref of
    /// that name first, so a tag named like the changed file's short id would have had the gate
    /// read the tag's blob instead of the file the pull request changes.
    @Test func aRefNamedLikeAShortObjectIDIsNotReadForTheFile() throws {
        let (repo, reader) = try repository()
        let base = try reader.commit("HEAD")
        let changed = try repo.read("data/orgs/acme.json").replacingOccurrences(of: "\"name\": \"", with: "\"name\": \"Renamed ")
        try repo.write("data/orgs/acme.json", changed)
        try repo.git("commit", "-qam", "rename")
        try repo.write("decoy.txt", "{\"decoy\": true}")
        try repo.git("add", "decoy.txt")
        try repo.git("commit", "-qm", "decoy")
        let decoy = try reader.objects(["HEAD:decoy.txt"])
        #expect(decoy?.first??.isEmpty == false)
        let id = try revParse(repo, "HEAD~1:data/orgs/acme.json")
        #expect(id.count == 40)
        for length in 4...12 { try repo.git("tag", String(id.prefix(length)), "HEAD:decoy.txt") }
        let tree = try reader.treeChanges(base: base, head: try reader.commit("HEAD~1"))
        #expect(tree.first { $0.path == "data/orgs/acme.json" }?.headObject == id)
        let comparison = try Comparison.load(root: repo.path, base: base, head: "HEAD~1")
        #expect(comparison.head.sources["data/orgs/acme.json"].map { String(decoding: $0, as: UTF8.self) } == changed)
    }

    func revParse(_ repo: TemporaryRepo, _ name: String) throws -> String {
        let p = Process(), out = Pipe()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-C", repo.path, "rev-parse", name]
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
