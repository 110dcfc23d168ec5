import Foundation
import Testing
@testable import RosterCore

/// The list of files a change may write, the journal reader that enforces it, and the
/// transaction that checks every path it commits.
@Suite struct ChangePathsTests {
    @Test func onlyRecordFilesNamedByValidIdsAreWritable() {
        for path in ["data/marketplace.json", "data/orgs/acme.json", "data/shares/feed-1.json", "data/deletions/beta.json"] {
            #expect(ChangePaths.isWritable(path), "\(path)")
        }
        for path in [
            "", "/etc/passwd", "../x.json", "data/orgs/../x.json", "data/orgs/../../x.json", "data/orgs/Acme.json",
            "data/orgs/.json", "data/orgs/-a.json", "data/orgs/a", "data/orgs//a.json", "data/./orgs/a.json",
            "data/orgs/a/b.json", "data/teams/a.json", "data/marketplace.json/", "README.md", ".roster-journal",
            "data/orgs/\(String(repeating: "a", count: 64)).json", "data/orgs/a\u{0}.json",
        ] {
            #expect(!ChangePaths.isWritable(path), "\(path)")
        }
    }

    @Test func temporariesMustBeTheTransactionsOwnNaming() {
        #expect(ChangePaths.isTemporary("data/orgs/.roster-tmp-4242-acme.json", of: "data/orgs/acme.json"))
        #expect(ChangePaths.isTemporary("data/.roster-tmp-1-marketplace.json", of: "data/marketplace.json"))
        for temp in [
            "data/orgs/.roster-tmp-4242-beta.json", "data/orgs/.roster-tmp--acme.json", "data/orgs/.roster-tmp-x-acme.json",
            "data/shares/.roster-tmp-1-acme.json", "/tmp/.roster-tmp-1-acme.json", "../data/orgs/.roster-tmp-1-acme.json",
            "data/orgs/../../.roster-tmp-1-acme.json", "data/orgs/acme.json", ".roster-tmp-1-acme.json",
        ] {
            #expect(!ChangePaths.isTemporary(temp, of: "data/orgs/acme.json"), "\(temp)")
        }
    }

    /// A change never commits a path that is not on the list, even if a bug put it in a plan.
    @Test func aTransactionRefusesAPathOffTheListAndWritesNothing() throws {
        let repo = try TemporaryRepo()
        let before = try Self.files(repo.url)
        for path in ["../escape.json", "data/orgs/../../escape.json", "content/x.md"] {
            #expect(throws: Transaction.Failure.self) {
                try Transaction.commit(
                    [
                        FileChange(path: "data/orgs/acme.json", old: nil, new: Array("{}\n".utf8)),
                        FileChange(path: path, old: nil, new: Array("{}\n".utf8)),
                    ], root: repo.path)
            }
        }
        #expect(try Self.files(repo.url) == before)
        #expect(!FileManager.default.fileExists(atPath: repo.url.deletingLastPathComponent().appendingPathComponent("escape.json").path))
    }

    /// A linked record folder is refused before any temporary is written into it.
    @Test func aTransactionRefusesALinkedFolder() throws {
        let repo = try TemporaryRepo()
        let elsewhere = try TemporaryRepo(empty: ())
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/data/deletions", withDestinationPath: elsewhere.path)
        #expect(throws: Transaction.Failure.self) {
            try Transaction.commit([FileChange(path: "data/deletions/beta.json", old: nil, new: Array("{}\n".utf8))], root: repo.path)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }

    @Test func theScanFindsLinksToFilesAndFoldersInTheThreeFoldersOnly() throws {
        let repo = try TemporaryRepo()
        try repo.write("content/page.md", "x")
        try repo.write("site-templates/assets/site.css", "x")
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/content/page-link.md", withDestinationPath: "page.md")
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/site-templates/assets/up", withDestinationPath: "../..")
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/data/orgs/.hidden", withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/elsewhere", withDestinationPath: "/etc")
        let paths = SymlinkScan.findings(root: repo.path).map(\.path)
        #expect(paths == ["content/page-link.md", "data/orgs/.hidden", "site-templates/assets/up"])
        #expect(SymlinkScan.findings(root: repo.path).allSatisfy { $0.rule == "symlink" && $0.line == 1 && $0.column == 1 && $0.severity == .error })
    }

    static func files(_ url: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for file in try FileManager.default.subpathsOfDirectory(atPath: url.path) {
            if let data = FileManager.default.contents(atPath: url.appendingPathComponent(file).path) { out[file] = data }
        }
        return out
    }
}

/// Running git and other programs.
@Suite struct ChildProcessTests {
    /// Input larger than a pipe, to a child that writes output as it reads (as git cat-file
    /// --batch does): writing all the input before reading any output would deadlock.
    @Test func largeInputAndOutputFlowTogether() throws {
        let input = (0..<4_000_000).map { UInt8(truncatingIfNeeded: $0 % 251) }
        let out = try #require(ChildProcess.run(["cat"], input: input))
        #expect(out.status == 0)
        #expect(out.stdout == input)
    }
}
