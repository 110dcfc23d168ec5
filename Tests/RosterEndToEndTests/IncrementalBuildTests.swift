import Foundation
import Testing

@Suite struct IncrementalBuildTests {
    func mtime(_ url: URL) -> (Int, Int) {
        var info = stat()
        _ = lstat(url.path, &info)
        return (info.st_mtim.tv_sec, info.st_mtim.tv_nsec)
    }

    /// Like git's racy files: an org rewritten with the same size, its old modification time
    /// put back, is still seen (its change time and its content differ).
    @Test func aSameSizeChangeWithItsOldTimePutBackIsRebuilt() throws {
        let (repo, out) = try ContainmentTests.builtProject()
        defer { try? FileManager.default.removeItem(at: repo) }
        let file = repo.appendingPathComponent("data/orgs/acme.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        let changed = text.replacingOccurrences(of: "\"name\": \"Acme", with: "\"name\": \"Acmf")
        #expect(changed != text && changed.utf8.count == text.utf8.count)
        let (sec, nsec) = mtime(file)
        try Data(changed.utf8).write(to: file)
        let touch = Process()
        touch.executableURL = URL(fileURLWithPath: "/usr/bin/touch")
        touch.arguments = ["-d", "@\(sec).\(String(format: "%09d", nsec))", file.path]
        try touch.run()
        touch.waitUntilExit()
        #expect(mtime(file) == (sec, nsec), "the old time is back")
        let run = try roster(["build", "--out", "out"], in: repo)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("nothing changed"), "\(run.stdout)")
        let page = try String(contentsOf: out.appendingPathComponent("orgs/acme/index.html"), encoding: .utf8)
        #expect(page.contains("Acmf"))
    }

    /// After one org changed, the incremental build's tree is the tree of a fresh full build.
    @Test func anIncrementalBuildEqualsAFreshOne() throws {
        let (repo, out) = try ContainmentTests.builtProject()
        defer { try? FileManager.default.removeItem(at: repo) }
        let file = repo.appendingPathComponent("data/orgs/acme.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\"name\": \"Acme", with: "\"name\": \"Renamed Acme").utf8).write(to: file)
        #expect(try roster(["build", "--out", "out"], in: repo).status == 0)
        #expect(try roster(["build", "--out", "fresh"], in: repo).status == 0)
        var incremental = try snapshot(out), fresh = try snapshot(repo.appendingPathComponent("fresh"))
        incremental[".roster-build.json"] = nil
        fresh[".roster-build.json"] = nil
        #expect(incremental.count == fresh.count)
        #expect(incremental.keys.filter { incremental[$0] != fresh[$0] }.sorted() == [])
    }

    /// A day later an org may have expired though no file changed: not "nothing changed".
    @Test func anotherDayIsNotANoOp() throws {
        let (repo, _) = try ContainmentTests.builtProject()
        defer { try? FileManager.default.removeItem(at: repo) }
        let same = try roster(["build", "--out", "out"], in: repo)
        #expect(same.stdout.contains("nothing changed"), "\(same.stdout)")
        let later = try roster(["build", "--out", "out", "--today", "2027-06-01"], in: repo)
        #expect(later.status == 0 && !later.stdout.contains("nothing changed"), "\(later.stdout)")
    }
}
