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

    /// A build reads only the record files that changed since the last (the others come from
    /// `.roster-cache/`), sees a same-size change with its old time put back, and builds what a
    /// build that reads every file builds.
    @Test func aBuildReadsOnlyTheFilesThatChangedAndBuildsWhatAFreshBuildBuilds() throws {
        let (repo, out) = try ContainmentTests.builtProject()
        defer { try? FileManager.default.removeItem(at: repo) }
        let timed = fixedEnvironment.merging(["ROSTER_BUILD_TIMINGS": "1"]) { $1 }
        // Files written less than two seconds before a build are not saved: their times could
        // still change within the same tick.
        Thread.sleep(forTimeInterval: 2.2)
        let file = repo.appendingPathComponent("data/orgs/acme.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\"name\": \"Acme", with: "\"name\": \"Acmf").utf8).write(to: file)
        let saving = try roster(["build", "--out", "out"], in: repo, environment: timed)
        #expect(saving.status == 0 && !saving.stderr.contains("from .roster-cache"), "\(saving.stderr)")
        #expect(FileManager.default.fileExists(atPath: repo.appendingPathComponent(".roster-cache/records").path))
        let (sec, nsec) = mtime(file)
        try Data(text.replacingOccurrences(of: "\"name\": \"Acme", with: "\"name\": \"Acmg").utf8).write(to: file)
        let touch = Process()
        touch.executableURL = URL(fileURLWithPath: "/usr/bin/touch")
        touch.arguments = ["-d", "@\(sec).\(String(format: "%09d", nsec))", file.path]
        try touch.run()
        touch.waitUntilExit()
        let using = try roster(["build", "--out", "out"], in: repo, environment: timed)
        #expect(using.status == 0 && using.stderr.contains("unchanged files from .roster-cache/"), "\(using.stderr)")
        #expect(try String(contentsOf: out.appendingPathComponent("orgs/acme/index.html"), encoding: .utf8).contains("Acmg"))
        #expect(try roster(["build", "--no-cache", "--out", "fresh"], in: repo).status == 0)
        var incremental = try snapshot(out), fresh = try snapshot(repo.appendingPathComponent("fresh"))
        (incremental[".roster-build.json"], fresh[".roster-build.json"]) = (nil, nil)
        #expect(incremental.count == fresh.count)
        #expect(incremental.keys.filter { incremental[$0] != fresh[$0] }.sorted() == [])
    }

    /// The records are saved beside the pages being made: a build refused by its output folder
    /// after validation still saves them whole (the next build reads them) and leaves no
    /// half-written file beside them.
    @Test func aBuildRefusedByItsOutputFolderStillSavesTheRecordsItValidated() throws {
        let (repo, out) = try ContainmentTests.builtProject()
        defer { try? FileManager.default.removeItem(at: repo) }
        let cache = repo.appendingPathComponent(".roster-cache")
        // Files written less than two seconds before a build are not saved (the first build's).
        Thread.sleep(forTimeInterval: 2.2)
        let saved = try Data(contentsOf: cache.appendingPathComponent("records")).count
        // A file where the orgs' pages' folder goes: refused before the first write.
        try FileManager.default.removeItem(at: out.appendingPathComponent("orgs"))
        try Data("in the way\n".utf8).write(to: out.appendingPathComponent("orgs"))
        let refused = try roster(["build", "--out", "out"], in: repo)
        #expect(refused.status != 0 && refused.stderr.contains("where a folder goes"), "\(refused.stderr)")
        #expect(try Data(contentsOf: cache.appendingPathComponent("records")).count > saved, "the records were saved")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".tmp") } == [])
        try FileManager.default.removeItem(at: out.appendingPathComponent("orgs"))
        let timed = fixedEnvironment.merging(["ROSTER_BUILD_TIMINGS": "1"]) { $1 }
        let next = try roster(["build", "--out", "out"], in: repo, environment: timed)
        #expect(next.status == 0 && next.stderr.contains("unchanged files from .roster-cache/"), "\(next.stderr)")
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

    /// Each change a later build must see, made after a first build: the tree then is the tree
    /// of a fresh build (the manifest aside), and so is the list of warnings.
    @Test(arguments: ["template", "share", "settings", "org error", "org", "consumer's name"])
    func aChangeOfEachKindGivesTheFreshBuildsTree(_ kind: String) throws {
        let (repo, out) = try ContainmentTests.builtProject()
        defer { try? FileManager.default.removeItem(at: repo) }
        func edit(_ path: String, _ change: (String) -> String) throws {
            let file = repo.appendingPathComponent(path)
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(change(text) != text, "\(path)")
            try Data(change(text).utf8).write(to: file)
        }
        switch kind {
        case "template":
            try edit("site-templates/org.mustache") { $0.replacingOccurrences(of: "{{> partials/foot}}", with: "<p>edited</p>{{> partials/foot}}") }
        case "share": try edit("data/shares/feed.json") { $0.replacingOccurrences(of: "Data feed", with: "Data stream") }
        case "settings": try edit("data/marketplace.json") { $0.replacingOccurrences(of: "\"minSuperAdmins\": 1", with: "\"minSuperAdmins\": 2") }
        case "org error": try edit("data/orgs/acme.json") { $0.replacingOccurrences(of: "\"firstName\": \"Ann\"", with: "\"firstName\": \"   \"") }
        // Shown on the page of each share acme consumes, whose file did not change.
        case "consumer's name":
            try edit("data/orgs/acme.json") { $0.replacingOccurrences(of: "\"name\": \"Acme\",", with: "\"name\": \"Acme Renamed\",") }
        default: try edit("data/orgs/beta.json") { $0 + " " }
        }
        let incremental = try roster(["build", "-q", "--out", "out"], in: repo)
        let fresh = try roster(["build", "-q", "--out", "fresh"], in: repo)
        #expect(incremental.status == fresh.status && incremental.stderr == fresh.stderr, "\(incremental.stderr)")
        // `built N files (...) in T s, W warnings (roster validate)`: the same warnings.
        func warnings(_ run: RosterRun) -> Substring? { run.stdout.split(separator: "\n").first?.split(separator: " s, ").dropFirst().first }
        #expect(warnings(incremental) == warnings(fresh))
        guard fresh.status == 0 else { return }
        var a = try snapshot(out), b = try snapshot(repo.appendingPathComponent("fresh"))
        a[".roster-build.json"] = nil
        b[".roster-build.json"] = nil
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a.keys.filter { a[$0] != b[$0] }.sorted() == [])
    }
}
