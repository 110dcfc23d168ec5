import Foundation
import Testing

/// Issue 10, item 5: nothing roster writes leaves its folder. A hand-placed journal cannot
/// make a change move or delete files elsewhere, and a refused build changes no output file.
@Suite struct ContainmentTests {
    /// A repository copy and, beside it, a folder of files a bad journal aims at.
    final class Setting {
        let repo: URL
        let outside: URL

        init() throws {
            repo = try copy()
            outside = scratch.appendingPathComponent("roster-outside-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
            for name in ["victim", "payload", "other"] {
                try Data("\(name) keeps its bytes\n".utf8).write(to: outside.appendingPathComponent(name))
            }
        }

        deinit {
            try? FileManager.default.removeItem(at: repo)
            try? FileManager.default.removeItem(at: outside)
        }

        func journal(_ text: String) throws {
            try Data(text.utf8).write(to: repo.appendingPathComponent(".roster-journal"))
        }
    }

    /// Journals roster never writes: paths outside the repository, outside the record
    /// folders, invalid ids, temporaries of another naming, garbage.
    static func badJournals(_ outside: URL) -> [String] {
        let relative = "../" + outside.lastPathComponent
        return [
            #"[{"path": "\#(relative)/victim", "delete": true}]"#,
            #"[{"path": "\#(outside.path)/victim", "temp": "\#(outside.path)/payload"}]"#,
            #"[{"path": "data/orgs/acme.json", "temp": "\#(relative)/payload"}]"#,
            #"[{"path": "data/orgs/acme.json", "temp": "data/orgs/.roster-tmp-12-beta.json"}]"#,
            #"[{"path": "data/orgs/../../\#(relative)/victim", "delete": true}]"#,
            #"[{"path": "data/orgs/Acme.json", "delete": true}]"#,
            #"[{"path": "data/./orgs/acme.json", "delete": true}]"#,
            #"[{"path": "README.md", "delete": true}]"#,
            #"[{"path": "data/orgs/acme.json", "delete": true, "also": "\#(relative)/other"}]"#,
            #"{"path": "data/orgs/acme.json"}"#,
            "not json",
            "",
        ]
    }

    @Test func aJournalNamingAnythingButRecordFilesIsRefusedAndNothingMoves() throws {
        let probe = try Setting()
        for (k, text) in Self.badJournals(probe.outside).enumerated() {
            let setting = try Setting()
            try setting.journal(text)
            let outsideBefore = try snapshot(setting.outside)
            let repoBefore = try snapshot(setting.repo)
            for args in [
                ["member", "invite", "acme", "cy@acme.example", "--first", "Cy", "--last", "Cole", "--role", "team-member"],
                ["unlock"], ["unlock", "--force"], ["fmt"], ["migrate"],
            ] {
                let run = try roster(args, in: setting.repo)
                #expect(run.status == 1, "journal \(k), \(args): \(run.stdout) \(run.stderr)")
                #expect(run.stderr.contains(".roster-journal") && run.stderr.contains("remove it by hand"), "journal \(k), \(args): \(run.stderr)")
                #expect(try snapshot(setting.outside) == outsideBefore, "journal \(k), \(args): nothing outside changed")
                #expect(try snapshot(setting.repo) == repoBefore, "journal \(k), \(args): nothing in the repository changed")
                #expect(!FileManager.default.fileExists(atPath: setting.repo.appendingPathComponent(".roster.lock").path), "the lock is released")
            }
        }
    }

    /// A journal of roster's form whose temporary is a link (or a folder) placed by hand:
    /// replaying it put the link where the record was, so the record's bytes were gone and
    /// `data/` held a link to a file outside the repository. Refused, nothing moved.
    @Test(arguments: [true, false]) func aJournalWhoseTemporaryIsALinkIsRefusedAndNothingMoves(_ link: Bool) throws {
        let setting = try Setting()
        let temp = setting.repo.appendingPathComponent("data/orgs/.roster-tmp-4242-acme.json")
        if link {
            try FileManager.default.createSymbolicLink(atPath: temp.path, withDestinationPath: setting.outside.appendingPathComponent("victim").path)
        } else {
            try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: false)
        }
        try setting.journal(#"[{"path": "data/orgs/acme.json", "temp": "data/orgs/.roster-tmp-4242-acme.json"}]"#)
        let acme = try Data(contentsOf: setting.repo.appendingPathComponent("data/orgs/acme.json"))
        let outsideBefore = try snapshot(setting.outside)
        for args in [["org", "create", "Initech"], ["unlock"], ["fmt"]] {
            let run = try roster(args, in: setting.repo)
            #expect(run.status == 1, "\(args): \(run.stdout) \(run.stderr)")
            #expect(run.stderr.contains("not a regular file") && run.stderr.contains("remove it by hand"), "\(args): \(run.stderr)")
            var info = stat()
            #expect(lstat(setting.repo.appendingPathComponent("data/orgs/acme.json").path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG)
            #expect(try Data(contentsOf: setting.repo.appendingPathComponent("data/orgs/acme.json")) == acme, "\(args): the record is kept")
            #expect(try snapshot(setting.outside) == outsideBefore)
        }
    }

    /// Removing the bad journal by hand, as the message says, lets changes go on.
    @Test func afterTheJournalIsRemovedChangesGoOn() throws {
        let setting = try Setting()
        try setting.journal(#"[{"path": "/etc/passwd", "delete": true}]"#)
        #expect(try roster(["org", "create", "Initech"], in: setting.repo).status == 1)
        try FileManager.default.removeItem(at: setting.repo.appendingPathComponent(".roster-journal"))
        #expect(try roster(["org", "create", "Initech"], in: setting.repo).status == 0)
    }

    /// A journal of roster's own making (an interrupted change) is still completed.
    @Test func aJournalOfRostersOwnMakingIsCompleted() throws {
        let setting = try Setting()
        let acme = setting.repo.appendingPathComponent("data/orgs/acme.json")
        let renamed = try String(contentsOf: acme, encoding: .utf8).replacingOccurrences(of: "\"name\": \"Acme\"", with: "\"name\": \"Acme Freight\"")
        try Data(renamed.utf8).write(to: setting.repo.appendingPathComponent("data/orgs/.roster-tmp-4242-acme.json"))
        try setting.journal(#"[{"path": "data/orgs/acme.json", "temp": "data/orgs/.roster-tmp-4242-acme.json"}]"#)
        let run = try roster(["unlock"], in: setting.repo)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("completed an interrupted change of 1 file"))
        #expect(try String(contentsOf: acme, encoding: .utf8) == renamed)
    }

    /// A project with the real templates and docs, built once into `out`.
    static func builtProject() throws -> (URL, URL) {
        let repo = try copy()
        for folder in ["site-templates", "content"] {
            try FileManager.default.copyItem(at: packageRoot.appendingPathComponent(folder), to: repo.appendingPathComponent(folder))
        }
        let first = try roster(["build", "--out", "out"], in: repo)
        #expect(first.status == 0, "\(first.stderr)")
        return (repo, repo.appendingPathComponent("out"))
    }

    /// The issue's case: a docs file whose slug is `..` (`...md`) made the build refuse after
    /// it had rewritten other pages. Now every refusal comes before the first write.
    @Test(arguments: [
        ["...md"], ["..md"], [".hidden.md"], ["Guide.md", "guide.md"],
    ]) func aRefusedBuildChangesNoFileInTheOutputFolder(_ names: [String]) throws {
        let (repo, out) = try Self.builtProject()
        defer { try? FileManager.default.removeItem(at: repo) }
        let before = try snapshot(out)
        // A change that would rewrite pages, so a build that wrote before refusing shows it.
        let acme = repo.appendingPathComponent("data/orgs/acme.json")
        try Data(
            try String(contentsOf: acme, encoding: .utf8).replacingOccurrences(of: "\"name\": \"Acme\"", with: "\"name\": \"Acme Renamed\"").utf8
        ).write(to: acme)
        for name in names {
            try Data("---\ntitle: Bad \(name)\nweight: 1\n---\n\nText.\n".utf8).write(to: repo.appendingPathComponent("content/" + name))
        }
        let run = try roster(["build", "--out", "out"], in: repo)
        #expect(run.status == 1)
        #expect(run.stderr.contains("content/" + names.last!), "\(run.stderr)")
        #expect(try snapshot(out) == before, "every byte of the output folder is unchanged")
    }

    /// A link inside the output folder (a committed `_site/orgs -> /elsewhere`) is refused
    /// before anything is written, and nothing is written through it.
    @Test func aLinkedFolderInTheOutputIsRefusedBeforeAnyWrite() throws {
        let (repo, out) = try Self.builtProject()
        defer { try? FileManager.default.removeItem(at: repo) }
        let setting = try Setting()
        try FileManager.default.removeItem(at: out.appendingPathComponent("shares"))
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("shares").path, withDestinationPath: setting.outside.path)
        let before = try snapshot(out), outsideBefore = try snapshot(setting.outside)
        try Data("---\ntitle: New\nweight: 1\n---\n\nText.\n".utf8).write(to: repo.appendingPathComponent("content/getting-started.md"))
        let run = try roster(["build", "--out", "out"], in: repo)
        #expect(run.status == 1)
        #expect(run.stderr.contains("shares: refused: this is a symbolic link"), "\(run.stderr)")
        #expect(try snapshot(out) == before)
        #expect(try snapshot(setting.outside) == outsideBefore)
    }

    /// Stale files are removed as the manifest found in the folder lists them; a linked folder
    /// in the output must not lead that removal outside.
    @Test func staleFileRemovalDoesNotFollowALinkedFolder() throws {
        let (repo, out) = try Self.builtProject()
        defer { try? FileManager.default.removeItem(at: repo) }
        let setting = try Setting()
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("evil").path, withDestinationPath: setting.outside.path)
        let manifest = out.appendingPathComponent(".roster-build.json")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        // The header ends with `files<TAB>count`; one more file listed after it.
        let count = try #require(text.split(separator: "\n").first { $0.hasPrefix("files\t") }.flatMap { Int($0.dropFirst(6)) })
        try Data(text.replacingOccurrences(of: "files\t\(count)\n", with: "files\t\(count + 1)\n\tevil/victim\n").utf8).write(to: manifest)
        try Data("---\ntitle: New\nweight: 1\n---\n\nText.\n".utf8).write(to: repo.appendingPathComponent("content/new-page.md"))
        let outsideBefore = try snapshot(setting.outside)
        let run = try roster(["build", "--out", "out"], in: repo)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try snapshot(setting.outside) == outsideBefore, "nothing outside the output folder was removed")
        // Nor does the build say it removed what it did not.
        #expect(run.stdout.contains(", 0 removed)"), "\(run.stdout)")
    }
}
