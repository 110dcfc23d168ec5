import Foundation
import RosterCore
import Testing

/// Where the fixture files live, next to this source file.
let fixturesURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The day fixtures are validated against, so ages do not drift with the calendar.
let fixtureDay = ValidationOptions(today: CalendarDate(year: 2026, month: 11, day: 23)!)

/// A temporary copy of a repository, removed when the value goes away.
final class TemporaryRepo {
    let url: URL
    var path: String { url.path }

    /// A copy of `Fixtures/base`, with the files of each overlay folder copied over it.
    init(base: String = "base", overlays: [URL] = []) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("roster-test-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixturesURL.appendingPathComponent(base), to: url)
        for overlay in overlays { try copyOver(overlay, into: url) }
    }

    /// An empty folder.
    init(empty: Void) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("roster-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ relative: String, _ text: String) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(relative), encoding: .utf8)
    }

    func bytes(_ relative: String) throws -> Data {
        try Data(contentsOf: url.appendingPathComponent(relative))
    }

    /// Every file under the repository with its bytes, to prove nothing changed.
    func allFiles() throws -> [String: Data] {
        var out: [String: Data] = [:]
        let root = url.standardizedFileURL.path
        for case let file as URL in FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)! {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: file.path, isDirectory: &isDir), !isDir.boolValue {
                out[String(file.standardizedFileURL.path.dropFirst(root.count))] = try Data(contentsOf: file)
            }
        }
        return out
    }

    /// Runs git in the repository as a CI user; a failure fails the test.
    func git(_ args: String...) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-C", path, "-c", "user.email=ci@provider.example", "-c", "user.name=CI"] + args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        try #require(p.terminationStatus == 0, "git \(args.joined(separator: " ")) failed")
    }

    func validate() -> [Finding] {
        Validator.validate(RecordStore.load(root: path), options: fixtureDay)
    }
}

func copyOver(_ source: URL, into target: URL) throws {
    let fm = FileManager.default
    // subpathsOfDirectory includes dot files (an overlay may hold .roster-journal).
    for relative in try fm.subpathsOfDirectory(atPath: source.path) {
        var isDir: ObjCBool = false
        let file = source.appendingPathComponent(relative)
        guard fm.fileExists(atPath: file.path, isDirectory: &isDir), !isDir.boolValue else { continue }
        let destination = target.appendingPathComponent(relative)
        try fm.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        if fm.fileExists(atPath: destination.path) { try fm.removeItem(at: destination) }
        try fm.copyItem(at: file, to: destination)
    }
}

/// `path:line:column: severity [rule]`: a finding without its wording, as the fixtures expect.
func compact(_ f: Finding) -> String {
    "\(f.path):\(f.line):\(f.column): \(f.severity.rawValue) [\(f.rule)]"
}

/// `path:line:column: severity [rule] message`: a finding with its whole wording, as the rule
/// fixtures pin it, so a message that stops saying how to fix the problem fails a test. A line
/// break in a message is written `\n`, and every other hidden character escaped as a terminal
/// shows it (`\r`, `\u{1B}`), one finding per line.
func pinned(_ f: Finding) -> String {
    compact(f) + " " + TerminalText.escape(f.message)
}
