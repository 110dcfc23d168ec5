import Foundation
import Testing
@testable import RosterCore

@Suite struct AtomicWriterTests {
    /// The temporary file's name is predictable (`.roster-tmp-<pid>-<name>`): a link planted
    /// there is removed, never written through, and the file lands where it belongs.
    @Test func aLinkAtTheTemporaryNameIsNotWrittenThrough() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roster-atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("inside"), withIntermediateDirectories: true)
        let victim = folder.appendingPathComponent("victim.txt")
        try Data("precious\n".utf8).write(to: victim)
        let target = folder.appendingPathComponent("inside/acme.json")
        let temporary = folder.appendingPathComponent("inside/\(AtomicWriter.temporaryPrefix)\(getpid())-acme.json")
        try FileManager.default.createSymbolicLink(atPath: temporary.path, withDestinationPath: victim.path)
        try AtomicWriter.write(Array("{}\n".utf8), to: target.path)
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
        #expect(try String(contentsOf: target, encoding: .utf8) == "{}\n")
        #expect(!FileManager.default.fileExists(atPath: temporary.path))
    }

    /// A regular file left at the temporary name (a run of the same pid that stopped) is replaced.
    @Test func aFileLeftAtTheTemporaryNameIsReplaced() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roster-atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = folder.appendingPathComponent("acme.json")
        try Data("left over, longer than the new bytes\n".utf8).write(
            to: folder.appendingPathComponent("\(AtomicWriter.temporaryPrefix)\(getpid())-acme.json"))
        try AtomicWriter.write(Array("{}\n".utf8), to: target.path)
        #expect(try String(contentsOf: target, encoding: .utf8) == "{}\n")
    }
}
