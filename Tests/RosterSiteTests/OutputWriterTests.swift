import Foundation
import Testing
import RosterCore
@testable import RosterSite

/// Files made in pieces (the lists of every org) are written as they come, and into a folder
/// that was not empty they are compared piece by piece first: a file that holds the same bytes
/// is left alone, one that differs anywhere is written whole.
@Suite struct OutputWriterTests {
    let folder = scratch.appendingPathComponent("roster-writer-\(UUID().uuidString)")

    func pieces(_ parts: [String]) -> (_ emit: ([UInt8]) -> Void) -> Void {
        { emit in for part in parts { emit(Array(part.utf8)) } }
    }

    func contents(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
    }

    @Test func piecesAreComparedBeforeTheyAreWritten() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("abcdef".utf8).write(to: folder.appendingPathComponent("list.json"))
        let writer = try OutputWriter(SiteOutput(directory: folder.path))
        defer { writer.closeFolder() }
        #expect(!writer.fresh)
        #expect(try writer.write(pieces: pieces(["abc", "def"]), to: "list.json") == false)
        // Differing in a later piece, longer, shorter: each is written whole.
        for parts in [["abc", "dXf"], ["abc", "def", "g"], ["ab"], ["abc", "def"]] {
            #expect(try writer.write(pieces: pieces(parts), to: "list.json"))
            #expect(try contents("list.json") == parts.joined())
        }
        #expect(try writer.write(pieces: pieces(["a", "bcdef"]), to: "list.json") == false)
    }

    /// A file of the output folder that is a hard link to a file elsewhere is not written
    /// through: the name in the folder gets the new bytes in a file of its own, and the file
    /// elsewhere keeps its bytes. Holding the bytes already, it is left alone.
    @Test func aHardLinkedFileIsReplacedNotWrittenThrough() throws {
        let outside = folder.appendingPathExtension("outside")
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: outside)
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("secret".utf8).write(to: outside)
        try FileManager.default.linkItem(at: outside, to: folder.appendingPathComponent("list.json"))
        let writer = try OutputWriter(SiteOutput(directory: folder.path))
        defer { writer.closeFolder() }
        #expect(try writer.write(pieces: pieces(["sec", "ret"]), to: "list.json") == false)
        for parts in [["sec", "RET"], ["new"], ["secret", "!"]] {
            try FileManager.default.removeItem(at: folder.appendingPathComponent("list.json"))
            try FileManager.default.linkItem(at: outside, to: folder.appendingPathComponent("list.json"))
            #expect(try writer.write(pieces: pieces(parts), to: "list.json"))
            #expect(try contents("list.json") == parts.joined())
            #expect(String(decoding: try Data(contentsOf: outside), as: UTF8.self) == "secret")
        }
    }

    /// The pieces are made once, compared and written in the same pass: a file that differs
    /// from its first piece, in a later one, or by its length, gets the new bytes whole, and
    /// its bytes before the first difference are the same already.
    @Test func piecesAreMadeOnceWhetherOrNotTheyDiffer() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var old = "[1,2,3],[4,5,6],[7,8,9]"
        try Data(old.utf8).write(to: folder.appendingPathComponent("list.json"))
        let writer = try OutputWriter(SiteOutput(directory: folder.path))
        defer { writer.closeFolder() }
        #expect(!writer.fresh)
        let cases: [[String]] = [
            ["[1,2,3],", "[4,5,6],", "[7,8,9]"], ["[1,2,3],", "[4,X,6],", "[7,8,9]"], ["[0"], ["[0", ",1,2,3,4,5,6,7,8,9,10,11]"],
            ["x", "[0", ",1,2,3,4,5,6,7,8,9,10,11]"],
        ]
        for parts in cases {
            var made = 0
            let wrote = try writer.write(
                pieces: { emit in
                    made += 1
                    for part in parts { emit(Array(part.utf8)) }
                }, to: "list.json")
            #expect(made == 1)
            #expect(wrote == (parts.joined() != old))
            #expect(try contents("list.json") == parts.joined())
            old = parts.joined()
        }
    }

    @Test func piecesGoStraightIntoAnEmptyFolder() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = try OutputWriter(SiteOutput(directory: folder.path))
        defer { writer.closeFolder() }
        #expect(writer.fresh)
        #expect(try writer.write(pieces: pieces(["[", "1,", "2]"]), to: "api/list.json"))
        #expect(try contents("api/list.json") == "[1,2]")
        #expect(throws: SiteOutput.Failure.self) { try writer.write(pieces: pieces(["x"]), to: "../out.json") }
    }

    /// The folders of a file are made with it, by whichever thread writes the first file of a
    /// folder: first for a file alone in its folder, else when the file cannot be opened for
    /// want of its folder. A folder that is there already, or that another thread made
    /// meanwhile, is used as it is; a file where a folder goes fails the write that needs it.
    @Test func eachFileMakesTheFoldersItGoesIn() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = try OutputWriter(SiteOutput(directory: folder.path))
        defer { writer.closeFolder() }
        #expect(writer.fresh)
        let paths = (0..<400).flatMap { ["orgs/o\($0)/index.html", "api/orgs/o\($0).json", "a/b/c\($0 % 3)/d/\($0).txt"] }
        DispatchQueue.concurrentPerform(iterations: 4) { part in
            for k in stride(from: part, to: paths.count, by: 4) {
                #expect((try? writer.write(Array(paths[k].utf8), to: paths[k], alone: paths[k].hasSuffix("index.html"))) == true)
            }
        }
        for path in paths { #expect(try contents(path) == path) }
        #expect(try writer.write(Array("x".utf8), to: "orgs/o1/index.html", alone: true))
        try Data("file".utf8).write(to: folder.appendingPathComponent("in-the-way"))
        for alone in [false, true] {
            let failure = #expect(throws: SiteOutput.Failure.self) {
                try writer.write(Array("x".utf8), to: "in-the-way/deeper/page.html", alone: alone)
            }
            #expect(failure?.path == (alone ? "in-the-way/deeper" : "in-the-way/deeper/page.html"))
        }
        #expect(OutputWriter.makeFolder("new/deeper", in: writer.folder) == nil)
        #expect(try contents("in-the-way") == "file")
    }

    /// `api/orgs.json` of 1,200 orgs comes in several pieces, which together are the one array.
    @Test func theListOfEveryOrgComesInPieces() throws {
        let project = try SiteProject(records: try syntheticRecords(orgs: 1_200))
        let snapshot = RecordStore.load(root: project.root.path)
        let model = PortalModel(
            snapshot: snapshot, docs: try DocsSite.load(directory: project.root.path + "/content"), history: GitHistory(commits: [], head: nil),
            today: fixedDay)
        var parts: [[UInt8]] = []
        JSONAPI.orgs(model) { parts.append($0) }
        #expect(parts.count > 1)
        #expect(parts.dropLast().allSatisfy { $0.count >= JSONAPI.pieceSize })
        let parsed = JSONParser.parse(parts.flatMap { $0 })
        #expect(parsed.problems.isEmpty)
        guard case .array(let orgs)? = parsed.root?.value else { Issue.record("not an array"); return }
        #expect(orgs.count == 1_200)
        // Runs made apart, joined: the canonical layout one stream writes, its end included.
        #expect(parts.flatMap { $0 } == JSONWriter.canonicalBytes(try #require(parsed.root), htmlSafe: true))
        let none = PortalModel(
            snapshot: RecordStore.load(root: try SiteProject(records: try syntheticRecords(orgs: 0)).root.path),
            docs: try DocsSite.load(directory: project.root.path + "/content"), history: GitHistory(commits: [], head: nil), today: fixedDay)
        parts = []
        JSONAPI.orgs(none) { parts.append($0) }
        #expect(String(decoding: parts.flatMap { $0 }, as: UTF8.self) == "[]\n")
    }

    /// A build keeps no record file's bytes, only a fingerprint of each: the same as of the bytes.
    @Test func aLeanLoadKeepsFingerprintsOfTheBytes() throws {
        let project = try SiteProject()
        let full = RecordStore.load(root: project.root.path)
        let lean = RecordStore.load(root: project.root.path, keepSources: false, fingerprints: true)
        #expect(lean.sources.isEmpty)
        #expect(!full.sources.isEmpty)
        for path in full.sources.keys.sorted() {
            #expect(lean.fingerprint(path) != nil)
            #expect(lean.fingerprint(path) == full.fingerprint(path))
        }
        #expect(RecordStore.load(root: project.root.path, keepSources: false).fingerprint(Snapshot.marketplacePath) == nil)
    }

    /// Only a folder with no entry at all is taken for empty: there a full build neither
    /// compares nor stats, so a dot file or a link must make it not empty.
    @Test func onlyAFolderWithNoEntryIsEmpty() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func empty() -> Bool {
            let fd = open(folder.path, O_RDONLY | O_DIRECTORY)
            defer { close(fd) }
            return SiteOutput.holdsNothing(fd)
        }
        #expect(empty())
        for name in ["...", ".a"] {
            try Data().write(to: folder.appendingPathComponent(name))
            #expect(!empty())
            try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("orgs").path, withDestinationPath: "/tmp")
        #expect(!empty())
        #expect(throws: SiteOutput.Failure.self) { try SiteOutput(directory: folder.path).checkTargets(["orgs/a/index.html"], files: true) }
    }

    /// Files and folders are looked at on every core, but the refusal names the first thing in
    /// the way in order, as one thread would, and the files already there are known by path.
    @Test func theFirstThingInTheWayIsTheOneRefused() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let fm = FileManager.default
        let paths = (0..<6000).map { "api/orgs/o\($0).json" }
        try fm.createDirectory(at: folder.appendingPathComponent("api/orgs"), withIntermediateDirectories: true)
        for k in stride(from: 0, to: paths.count, by: 3) { try Data().write(to: folder.appendingPathComponent(paths[k])) }
        let output = SiteOutput(directory: folder.path)
        #expect(try output.checkTargets(paths, files: true).existing == paths.indices.map { $0 % 3 == 0 })
        try fm.createDirectory(at: folder.appendingPathComponent(paths[5000]), withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: folder.appendingPathComponent(paths[4001]).path, withDestinationPath: "/etc/passwd")
        let refused = #expect(throws: SiteOutput.Failure.self) { try output.checkTargets(paths, files: true) }
        #expect(refused?.path == paths[4001])
        #expect(refused?.reason.contains("a symbolic link") == true)
        // Without `files` (the preview), only the folders on the way are looked at.
        #expect(try output.checkTargets(paths, files: false).existing.isEmpty)
        try fm.createSymbolicLink(atPath: folder.appendingPathComponent("orgs").path, withDestinationPath: folder.appendingPathComponent("api").path)
        let behind = #expect(throws: SiteOutput.Failure.self) { try output.checkTargets(paths + ["orgs/orgs/x.html"], files: false) }
        #expect(behind?.path == "orgs")
    }

    /// A folder that holds many outputs is read whole instead of a `fstatat` a path: what its
    /// entries say must be what a look at each path says, a link, a folder or a pipe where a
    /// file goes refused, a folder that is a link refused before anything behind it, and a
    /// file already there found there.
    @Test func aFolderReadWholeRefusesWhatALookAtEachPathRefuses() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let fm = FileManager.default
        // In a build's order: each org's page, then its JSON.
        let paths = (0..<100).flatMap { ["orgs/o\($0)/index.html", "api/orgs/o\($0).json"] }
        let output = SiteOutput(directory: folder.path)
        try fm.createDirectory(at: folder.appendingPathComponent("api/orgs"), withIntermediateDirectories: true)
        try fm.createDirectory(at: folder.appendingPathComponent("orgs/o7"), withIntermediateDirectories: true)
        #expect(creat(folder.appendingPathComponent(paths[14]).path, 0o644) >= 0)
        #expect(try output.checkTargets(paths, files: true).existing == paths.indices.map { $0 == 14 })
        #expect(mkfifo(folder.appendingPathComponent(paths[41]).path, 0o600) == 0)
        let pipe = #expect(throws: SiteOutput.Failure.self) { try output.checkTargets(paths, files: true) }
        #expect(pipe?.path == paths[41])
        #expect(pipe?.reason.contains("a special file") == true)
        try fm.removeItem(at: folder.appendingPathComponent(paths[41]))
        // Folders of `orgs/` are read from its entries: a link among them is met in order.
        try fm.createSymbolicLink(atPath: folder.appendingPathComponent("orgs/o3").path, withDestinationPath: "/tmp")
        let link = #expect(throws: SiteOutput.Failure.self) { try output.checkTargets(paths, files: true) }
        #expect(link?.path == "orgs/o3")
        try fm.removeItem(at: folder.appendingPathComponent("orgs/o3"))
        // The folder read whole is itself a link: refused by name, though its target is fine.
        try fm.moveItem(at: folder.appendingPathComponent("api/orgs"), to: folder.appendingPathComponent("elsewhere"))
        try fm.createSymbolicLink(
            atPath: folder.appendingPathComponent("api/orgs").path, withDestinationPath: folder.appendingPathComponent("elsewhere").path)
        let linked = #expect(throws: SiteOutput.Failure.self) { try output.checkTargets(paths, files: true) }
        #expect(linked?.path == "api/orgs")
        #expect(linked?.reason.contains("a symbolic link") == true)
    }

    /// A folder read whole is listed before the folders on its way are checked: a link on the
    /// way (`api` pointing outside the output folder) is not followed, so nothing outside is
    /// read, and the build refuses the link as before. (Opened as one path with O_NOFOLLOW, only
    /// its last component was guarded, and the outside folder's entries were read.)
    @Test func aFolderListingDoesNotFollowALinkOnItsWay() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("roster-listing-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let outside = base.appendingPathComponent("outside/orgs"), site = base.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: site.appendingPathComponent("shares/feed"), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: outside.appendingPathComponent("secret.json"))
        try FileManager.default.createSymbolicLink(
            atPath: site.appendingPathComponent("api").path, withDestinationPath: outside.deletingLastPathComponent().path)
        let fd = open(site.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { close(fd) }
        #expect(SiteOutput.listing("api/orgs", in: fd)?.count == nil, "the folder behind the link was read")
        #expect(SiteOutput.listing("shares", in: fd)?.value("feed"[...]) == S_IFDIR)
        #expect(FileAccess.openFolder(in: fd, "api/orgs") == nil)
    }

    /// A folder whose outputs take turns with those of other folders (each org's page, then its
    /// JSON) is read whole all the same; a folder met only in short runs among many is not, and
    /// two spellings of the same text are two folders.
    @Test func foldersThatHoldManyOutputsAreReadWholeWhereverTheyCome() {
        let interleaved = (0..<100).flatMap { ["orgs/o\($0)/index.html", "api/orgs/o\($0).json"] }
        #expect(SiteOutput.foldersReadWhole(interleaved) == ["api/orgs"])
        let spread = (0..<100).flatMap { k in (0..<5).map { "f\($0)/\(k).html" } }
        #expect(SiteOutput.foldersReadWhole(spread) == [])
        let twoSpellings = (0..<40).flatMap { ["caf\u{E9}/\($0).css", "cafe\u{301}/\($0).css"] }
        #expect(SiteOutput.foldersReadWhole(twoSpellings).map { Array($0.utf8) } == [Array("caf\u{E9}".utf8), Array("cafe\u{301}".utf8)])
        #expect(SiteOutput.foldersReadWhole((0..<31).map { "a/\($0)" }) == [])
        #expect(SiteOutput.foldersReadWhole((0..<32).map { "a/\($0)" }) == ["a"])
    }

    /// Two folders whose names are the same text in two spellings ("é" and "e\u{301}") are
    /// two folders: the listing of the one read whole is not taken for the other, so a link in
    /// the other is refused (a folder taken as missing was then written through).
    @Test func aFolderReadWholeIsNotTakenForOneOfTheSameText() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let composed = "a/caf\u{E9}", decomposed = "a/cafe\u{301}"
        for name in ["", "/a", "/" + composed, "/" + decomposed] { #expect(mkdir(folder.path + name, 0o755) == 0) }
        let files = (0..<40).map { "\(composed)/f\($0).css" }
        for file in files { #expect(creat(folder.path + "/" + file, 0o644) >= 0) }
        #expect(symlink("/tmp", folder.path + "/" + decomposed + "/evil") == 0)
        #expect(symlink("/tmp/x", folder.path + "/" + decomposed + "/z.css") == 0)
        let output = SiteOutput(directory: folder.path)
        let file = #expect(throws: SiteOutput.Failure.self) { try output.checkTargets(files + ["\(decomposed)/z.css"], files: true) }
        #expect(file?.path == "\(decomposed)/z.css")
        let folders = (0..<40).map { "\(composed)/d\($0)/x.css" }
        let linked = #expect(throws: SiteOutput.Failure.self) { try output.checkTargets(folders + ["\(decomposed)/evil/y.css"], files: true) }
        #expect(linked?.path == "\(decomposed)/evil")
    }

    /// The folders of the outputs, each once.
    @Test func theFoldersOfTheOutputsComeOnce() throws {
        let paths = ["orgs/b/index.html", "index.html", "api/orgs/b.json", "orgs/a/index.html", "api/orgs.json"]
        #expect(OutputPaths.check(paths).folders.sorted() == ["api", "api/orgs", "orgs", "orgs/a", "orgs/b"])
        #expect(SiteOutput.parent(of: "index.html") == "")
        #expect(SiteOutput.parent(of: "orgs/a/index.html") == "orgs/a")
    }

    /// Two paths that are the same text in two spellings (composed and decomposed, the Kelvin
    /// sign and K) are one path twice, as a `Set<String>` had them: the manifest and the removal
    /// of stale files compare paths as text, so a build of both left a stale file behind once
    /// one of them was gone. Paths that differ as text pass, whatever the order.
    @Test func pathsThatAreTheSameTextAreOnePathTwice() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = SiteOutput(directory: folder.path)
        for pair in [("assets/caf\u{E9}.css", "assets/cafe\u{301}.css"), ("assets/K.css", "assets/\u{212A}.css"), ("a/\u{212B}", "a/A\u{30A}")] {
            for paths in [["index.html", pair.0, pair.1], [pair.1, "index.html", pair.0]] {
                #expect(throws: SiteOutput.Failure.self) { try output.checkTargets(paths, files: true) }
            }
        }
        #expect(try output.checkTargets(["index.html", "assets/caf\u{E9}.css", "assets/cafe.css", "assets/K.css"], files: true).existing == [])
    }

    /// The table the output checks look names up in: every name found with its own value, no
    /// other name (a prefix, a longer one, the empty one) found, and a name added twice keeps
    /// its first value.
    @Test func theNameTableFindsEachNameAndNoOther() {
        var table = NameTable<Int>()
        let names = (0..<5000).map { "orgs/org-\($0)/index.html" }
        let added = names.indices.map { table.insert(names[$0][...], $0) }
        #expect(added.allSatisfy { $0 })
        #expect(table.count == names.count)
        let again = table.insert(names[7][...], -1)
        #expect(!again)
        for (k, name) in names.enumerated() { #expect(table.value(name[...]) == k) }
        for other in ["", "orgs/org-1", "orgs/org-1/index.htm", "orgs/org-1/index.html/", "orgs/org-5000/index.html"] {
            #expect(table.value(other[...]) == nil)
        }
        let empty = table.insert(""[...], 99)
        #expect(empty && table.value(""[...]) == 99)
        #expect(table.value(names[7][...]) == 7)
        // The set of paths keeps each String it adds, made only when it is added.
        var paths = StringTable()
        var made = 0
        func add(_ name: String) -> Bool {
            paths.insert(name[...]) {
                made += 1
                return name
            }
        }
        let firsts = names.map(add)
        #expect(firsts.allSatisfy { $0 } && made == names.count && paths.count == names.count)
        let seconds = names.map(add)
        #expect(!seconds.contains(true) && made == names.count)
        #expect(paths.insert("orgs/org-1/index.htm"[...]) { "x" })
    }
}

/// The first look at the output paths, made on every core while every path is ASCII, finds what
/// the look at one path after the other finds: the same folders, and the same first path
/// refused, for the same reason, across runs of 4,096 paths; hashes that collide still need
/// equal bytes.
/// The lookups of many paths are cut into ranges the cores take in turn: every path once, in
/// order, no range over ``OutputLookup/rangeSize`` once there are several cores.
@Suite struct OutputLookupRangeTests {
    @Test func rangesCoverEveryPathOnceInOrder() {
        for count in [0, 1, 4095, 4096, 8192, 8193, 20_000, 211_000] {
            let ranges = OutputLookup.ranges(count)
            #expect(ranges.flatMap { Array($0) } == Array(0..<count), "\(count)")
            #expect(ranges.allSatisfy { !$0.isEmpty })
            if count >= 4096, ParallelJobs.defaultWorkers > 1 {
                #expect(ranges.count >= 2 && ranges.allSatisfy { $0.count <= OutputLookup.rangeSize }, "\(count): \(ranges.count) ranges")
            }
        }
        #expect(OutputLookup.ranges(211_000).count >= 211_000 / OutputLookup.rangeSize || ParallelJobs.defaultWorkers == 1)
    }
}

@Suite struct OutputPathsTests {
    /// A site's paths: each org's page and JSON, taking turns, with the lists around them.
    func site(_ orgs: Int) -> [String] {
        ["index.html", "orgs/index.html"] + (0..<orgs).flatMap { ["orgs/o\($0)/index.html", "api/orgs/o\($0).json"] } + [
            "api/orgs.json", "a/b/c/d.html",
        ]
    }

    @Test func onEveryCoreTheFoldersAreThoseFoundOnePathAfterTheOther() throws {
        // Folders taking turns, more of them than a run keeps in mind, at several depths.
        let turns = (0..<3000).map { "t\($0 % 6)/\($0 % 7 == 0 ? "d/e/" : "")f\($0 % 11)/x\($0).html" }
        for paths in [site(0), site(3), site(5000), ["index.html"], ["x/y", "x/y/z", "x/z", "w/x/y"], turns, turns.reversed()] {
            let parallel = try #require(OutputPaths.parallel(paths))
            let serial = OutputPaths.serial(paths)
            #expect(parallel.refused == nil && serial.refused == nil)
            #expect(parallel.folders.sorted() == serial.folders.sorted())
            #expect(Set(parallel.folders).count == parallel.folders.count)
        }
        #expect(OutputPaths.check(site(2)).folders.sorted() == ["a", "a/b", "a/b/c", "api", "api/orgs", "orgs", "orgs/o0", "orgs/o1"])
    }

    @Test func theFirstPathRefusedIsTheOneOnePathAfterTheOtherRefuses() throws {
        let paths = site(5000)
        let cases: [(paths: [String], refused: Int, why: OutputPaths.Refusal)] = [
            // A path twice, the second far from the first (another run of paths).
            (paths + [paths[9000]], paths.count, .twice),
            (Array(paths[..<6000]) + [paths[17]] + Array(paths[6000...]), 6000, .twice),
            // A path that leaves, before and after a path twice: the first in order counts.
            (Array(paths[..<100]) + ["../x"] + Array(paths[100...]) + [paths[5]], 100, .leaves),
            (Array(paths[..<100]) + [paths[5], "/etc/passwd"] + Array(paths[100...]), 100, .twice),
            (paths + ["orgs/./x"], paths.count, .leaves),
            (["a//b"] + paths, 0, .leaves),
        ]
        for c in cases {
            let parallel = try #require(OutputPaths.parallel(c.paths))
            #expect(parallel.refused?.path == c.refused && parallel.refused?.why == c.why)
            let serial = OutputPaths.serial(c.paths)
            #expect(serial.refused?.path == c.refused && serial.refused?.why == c.why)
        }
    }

    /// A path that is not ASCII sends the whole list one path after the other, where two
    /// spellings of one text are one path twice.
    @Test func aPathThatIsNotASCIIIsLookedAtAsText() {
        let paths = site(3000) + ["assets/caf\u{E9}.css"] + site(0).map { "x/" + $0 } + ["assets/cafe\u{301}.css"]
        #expect(OutputPaths.parallel(paths) == nil)
        let checked = OutputPaths.check(paths)
        #expect(checked.refused?.path == paths.count - 1 && checked.refused?.why == .twice)
    }

    /// Items whose hashes collide are told apart by `same`; the first of two equal items stays.
    @Test func hashedSlotsCompareTheItemsOfCollidingHashes() {
        var slots = HashedSlots(capacity: 4)
        let words = (0..<1000).map { "w\($0 % 700)" }
        var added: [Int] = []
        for (k, w) in words.enumerated() where slots.insert(k, hash: UInt64(k % 700 % 3), same: { words[$0] == w }) { added.append(k) }
        #expect(added == Array(0..<700))
    }
}
