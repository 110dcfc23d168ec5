import Foundation
import Testing
import RosterCore
@testable import RosterSite

@Suite struct BuildManifestTests {
    func folder() throws -> URL {
        let url = scratch.appendingPathComponent("roster-manifest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("data/orgs"), withIntermediateDirectories: true)
        try Data("{\"id\": \"a\"}\n".utf8).write(to: url.appendingPathComponent("data/orgs/a.json"))
        return url
    }

    /// Two binaries of the same size with the same modification time (Nix's store sets every
    /// time to 1 s; `cp -p` keeps it) are two generators: the records and per-org findings one
    /// saved are not taken by the other.
    @Test func binariesOfTheSameSizeAndTimeAreTwoGenerators() throws {
        let url = try folder()
        let (a, b) = (url.appendingPathComponent("roster-a").path, url.appendingPathComponent("roster-b").path)
        try Data("rules, one way".utf8).write(to: URL(fileURLWithPath: a))
        try Data("rules, 2nd way".utf8).write(to: URL(fileURLWithPath: b))
        var times = [timespec(tv_sec: 1, tv_nsec: 0), timespec(tv_sec: 1, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, a, &times, 0) == 0 && utimensat(AT_FDCWD, b, &times, 0) == 0)
        #expect(BuildManifest.generator(of: a) != BuildManifest.generator(of: b))
        #expect(BuildManifest.generator(of: a) == BuildManifest.generator(of: a))
    }

    @Test func theManifestReadsBackAsItWasWritten() throws {
        let url = try folder()
        defer { try? FileManager.default.removeItem(at: url) }
        var manifest = BuildManifest(
            header: BuildManifest.Header(head: "abc", today: "2026-11-23", inputs: InputStamps(digest: "3:ff", racy: ["data/x\ty.json": 7])))
        manifest.files = ["index.html", "orgs/a%b/index.html", "orgs/new\nline/index.html", "api/orgs/a.json"]
        manifest.pages = ["orgs/a%b/index.html": "k1", "api/orgs/a.json": "k2"]
        let output = SiteOutput(directory: url.path)
        try output.write(manifest.bytes(), to: BuildManifest.fileName)
        let file = try #require(ManifestFile.read(output))
        #expect(file.header == BuildManifest.Header(head: "abc", today: "2026-11-23", inputs: manifest.header.inputs, fileCount: 4))
        let read = try #require(file.parsed())
        #expect(read.keyedPages == manifest.pages)
        #expect(read.files == manifest.files)
        #expect(read.keys == manifest.files.map { manifest.pages[$0] })
        #expect(read.bytes() == manifest.bytes())
    }

    /// `roster build` writes the keys by position; the preview keeps them in a table: the same bytes.
    @Test func theManifestByPositionIsTheManifestByTable() {
        var manifest = BuildManifest(header: BuildManifest.Header(head: "abc", today: "2026-11-23", inputs: InputStamps(digest: "3:ff")))
        manifest.files = ["orgs/b/index.html", "index.html", "api/orgs/b.json", "orgs/a%b/index.html", "api/orgs/a.json"]
        let keys: [String?] = ["k1", nil, "k1", "k2", ""]
        for (path, key) in zip(manifest.files, keys) where key != nil { manifest.pages[path] = key }
        let byPosition = BuildManifest.bytes(manifest.header, files: manifest.files) { keys[$0] }
        #expect(byPosition == manifest.bytes())
        let lines = String(decoding: byPosition, as: UTF8.self).split(separator: "\n").suffix(5)
        // In the order of the build's files.
        #expect(lines == ["k1\torgs/b/index.html", "\tindex.html", "k1\tapi/orgs/b.json", "k2\torgs/a%25b/index.html", "\tapi/orgs/a.json"])
    }

    @Test func aManifestListingAMissingOrUncontainedFileIsNotComplete() throws {
        let url = try folder()
        defer { try? FileManager.default.removeItem(at: url) }
        let output = SiteOutput(directory: url.path)
        var manifest = BuildManifest()
        manifest.files = ["data/orgs/a.json"]
        try output.write(manifest.bytes(), to: BuildManifest.fileName)
        #expect(try #require(ManifestFile.read(output)).allExist(in: output))
        for listed in ["data/orgs/b.json", "../\(url.lastPathComponent)/data/orgs/a.json", "/etc/passwd"] {
            manifest.files = [listed]
            try output.write(manifest.bytes(), to: BuildManifest.fileName)
            #expect(!(try #require(ManifestFile.read(output)).allExist(in: output)), "\(listed)")
        }
    }

    /// A file changed within the same tick of the file system's clock keeps its size and times:
    /// when it was racy at the last build, its content decides.
    @Test func aRacyFileIsComparedByItsContent() throws {
        let url = try folder()
        defer { try? FileManager.default.removeItem(at: url) }
        let racy = InputStamps.take(root: url.path, now: 0)
        #expect(racy.racy.keys.sorted() == ["data/orgs/a.json"])
        let settled = InputStamps.take(root: url.path, now: RacyTimes.now() + 60_000_000_000)
        #expect(settled.racy.isEmpty && settled.digest == racy.digest)
        // The same stats as then (as if the write fell in the same tick), other bytes.
        try Data("{\"id\": \"b\"}\n".utf8).write(to: url.appendingPathComponent("data/orgs/a.json"))
        let sameStats = InputStamps(digest: racy.digest)
        #expect(!sameStats.unchanged(since: racy, root: url.path))
        #expect(sameStats.unchanged(since: settled, root: url.path), "a settled file is trusted by its stats")
        try Data("{\"id\": \"a\"}\n".utf8).write(to: url.appendingPathComponent("data/orgs/a.json"))
        #expect(sameStats.unchanged(since: racy, root: url.path))
    }

    @Test func aFileAddedOrChangedChangesTheDigest() throws {
        let url = try folder()
        defer { try? FileManager.default.removeItem(at: url) }
        let first = InputStamps.take(root: url.path)
        #expect(InputStamps.take(root: url.path).digest == first.digest)
        try Data("x".utf8).write(to: url.appendingPathComponent("data/orgs/b.json"))
        let second = InputStamps.take(root: url.path)
        #expect(second.digest != first.digest)
        try FileManager.default.createSymbolicLink(atPath: url.appendingPathComponent("content").path, withDestinationPath: "/tmp")
        #expect(InputStamps.take(root: url.path).digest != second.digest)
    }

    /// The walk that stamps the inputs keeps what `stat` said of each regular file of the
    /// record folders, for the load (``RecordStamps``); not of links, nor of other folders' files.
    @Test func theStampsKeepEachRecordFileForTheLoad() throws {
        let url = try folder()
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("{}".utf8).write(to: url.appendingPathComponent("data/orgs/b.json"))
        try FileManager.default.createSymbolicLink(atPath: url.appendingPathComponent("data/orgs/c.json").path, withDestinationPath: "a.json")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("content"), withIntermediateDirectories: true)
        try Data("# Docs".utf8).write(to: url.appendingPathComponent("content/index.md"))
        let taken = InputStamps.taking(root: url.path)
        let stamp = taken.records.table()
        #expect(stamp("data/orgs/a.json") != nil && stamp("data/orgs/b.json") != nil)
        #expect(stamp("data/orgs/c.json") == nil)
        #expect(stamp("content/index.md") == nil)
        #expect(taken.stamps == InputStamps.take(root: url.path))
    }

    /// A no-op build trusts files that settled since by their stats, and keeps the file list.
    @Test func aNoOpRestampsFilesThatSettled() throws {
        let url = try folder()
        defer { try? FileManager.default.removeItem(at: url) }
        let output = SiteOutput(directory: url.path)
        var manifest = BuildManifest(header: BuildManifest.Header(inputs: InputStamps.take(root: url.path, now: 0)))
        manifest.files = ["data/orgs/a.json"]
        manifest.pages = ["data/orgs/a.json": "k"]
        try output.write(manifest.bytes(), to: BuildManifest.fileName)
        #expect(try #require(ManifestFile.read(output)).header.inputs.racy.count == 1)
        let settled = InputStamps.take(root: url.path, now: RacyTimes.now() + 60_000_000_000)
        try #require(ManifestFile.read(output)).restamp(settled, output: output)
        let file = try #require(ManifestFile.read(output))
        #expect(file.header.inputs == settled)
        #expect(file.parsed()?.keyedPages == manifest.pages)
    }

    /// Many files (looked at on every core, from the folders that hold them): one missing, or
    /// one changed, is seen wherever it is.
    @Test func manyFilesAreCheckedOnEveryCore() throws {
        let url = try folder()
        defer { try? FileManager.default.removeItem(at: url) }
        let fm = FileManager.default
        var files: [String] = ["index.html"]
        for i in 0..<2500 {
            files += ["orgs/o\(i)/index.html", "api/orgs/o\(i).json"]
        }
        for path in files {
            let file = url.appendingPathComponent(path)
            try fm.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(path.utf8).write(to: file)
        }
        let output = SiteOutput(directory: url.path)
        var manifest = BuildManifest()
        manifest.files = files
        try output.write(manifest.bytes(), to: BuildManifest.fileName)
        #expect(try #require(ManifestFile.read(output)).allExist(in: output))
        #expect(try output.checkTargets(files + ["orgs/none/index.html"], files: true).existing == files.map { _ in true } + [false])
        for gone in ["api/orgs/o1700.json", "orgs/o2499/index.html", "index.html", "orgs/o3"] {
            let moved = url.appendingPathComponent(gone + ".moved")
            try fm.moveItem(at: url.appendingPathComponent(gone), to: moved)
            #expect(!(try #require(ManifestFile.read(output)).allExist(in: output)), "\(gone)")
            try fm.moveItem(at: moved, to: url.appendingPathComponent(gone))
        }
        // Inputs: a folder of 2,500 files is stamped on every core, the same way each time.
        try fm.moveItem(at: url.appendingPathComponent("api/orgs"), to: url.appendingPathComponent("data/shares"))
        let racy = InputStamps.take(root: url.path, now: 0)
        #expect(racy.racy.count == 2501 && racy.digest.hasPrefix("2504:"))
        #expect(InputStamps.take(root: url.path, now: 0) == racy)
        try Data("changed".utf8).write(to: url.appendingPathComponent("data/shares/o1234.json"))
        #expect(InputStamps.take(root: url.path, now: 0).digest != racy.digest)
    }
}
