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
}
