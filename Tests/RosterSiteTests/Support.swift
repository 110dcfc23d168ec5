import Foundation
import RosterCore
import RosterSynth
import Testing
@testable import RosterSite

let siteTestsURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let packageRoot = siteTestsURL.deletingLastPathComponent().deletingLastPathComponent()
let baseFixture = packageRoot.appendingPathComponent("Tests/RosterCoreTests/Fixtures/base")
let fixedDay = CalendarDate(year: 2026, month: 11, day: 23)!

/// Every temporary repository, output and sibling folder of this test process is made in this
/// folder, removed when the process exits: a test that fails half-way, or writes a folder
/// beside its repository (`-outbox`), leaves nothing in the system's temporary folder.
let scratch: URL = {
    func folder() -> URL { FileManager.default.temporaryDirectory.appendingPathComponent("roster-site-tests-\(getpid())") }
    try? FileManager.default.createDirectory(at: folder(), withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: folder()) }
    return folder()
}()

/// A folder with the `data/` of a synthetic marketplace (RosterSynth) of `orgs` orgs.
func syntheticRecords(orgs: Int) throws -> URL {
    let dir = scratch.appendingPathComponent("roster-synth-\(UUID().uuidString)")
    for (path, bytes) in SyntheticMarketplace(orgs: orgs, membersPerOrg: 4, shares: 3, seed: 3).files() {
        let url = dir.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }
    return dir
}

/// A temporary project: records from a fixture (or the demo `data/`), the repository's
/// templates, and docs from a folder; removed when the value goes away.
final class SiteProject {
    let root: URL
    var output: URL { root.appendingPathComponent("_site") }

    init(records: URL = baseFixture, content: URL = siteTestsURL.appendingPathComponent("Fixtures/content")) throws {
        root = scratch.appendingPathComponent("roster-site-\(UUID().uuidString)")
        let fm = FileManager.default
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        try fm.copyItem(at: records.appendingPathComponent("data"), to: root.appendingPathComponent("data"))
        try fm.copyItem(at: packageRoot.appendingPathComponent("site-templates"), to: root.appendingPathComponent("site-templates"))
        try fm.copyItem(at: content, to: root.appendingPathComponent("content"))
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    @discardableResult
    func build(format: PortalBuilder.Format = .html, out: URL? = nil) throws -> PortalBuilder.Report {
        try PortalBuilder(options: .init(root: root.path, output: (out ?? output).path, format: format, today: fixedDay)).build()
    }

    /// The build's error message, or nil when it succeeded.
    func failure() -> String? {
        do {
            _ = try PortalBuilder(options: .init(root: root.path, output: output.path, today: fixedDay)).build()
            return nil
        } catch {
            return error.description
        }
    }

    func write(_ relative: String, _ text: String) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    }

    /// Every output file (relative path) with its text.
    func outputFiles(_ out: URL? = nil) throws -> [String: String] {
        let dir = out ?? output
        var files: [String: String] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: dir.path) {
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: dir.appendingPathComponent(path).path, isDirectory: &isDir)
            if !isDir.boolValue { files[path] = String(decoding: try Data(contentsOf: dir.appendingPathComponent(path)), as: UTF8.self) }
        }
        return files
    }

    /// Builds afresh into `fresh/` and expects the output folder to hold the same files with
    /// the same bytes, the manifest aside: what an incremental build must leave.
    func expectTheFreshBuildsTree(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fresh = root.appendingPathComponent("fresh")
        try build(out: fresh)
        var a = try outputFiles(), b = try outputFiles(fresh)
        a[BuildManifest.fileName] = nil
        b[BuildManifest.fileName] = nil
        #expect(a.keys.sorted() == b.keys.sorted(), sourceLocation: sourceLocation)
        #expect(a.keys.filter { a[$0] != b[$0] }.sorted() == [], sourceLocation: sourceLocation)
    }

    func modificationDate(_ relative: String) throws -> Date? {
        try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(relative).path)[.modificationDate] as? Date
    }
}
