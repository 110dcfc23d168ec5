import Foundation

// Helpers to run the built `roster` binary on temporary copies of repositories.

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let fixtures = packageRoot.appendingPathComponent("Tests/RosterCoreTests/Fixtures")

/// Every temporary repository, output and sibling folder of this test process is made in this
/// folder, removed when the process exits: a test that fails half-way, or writes a folder
/// beside its repository (`-outbox`), leaves nothing in the system's temporary folder.
let scratch: URL = {
    func folder() -> URL { FileManager.default.temporaryDirectory.appendingPathComponent("roster-e2e-tests-\(getpid())") }
    try? FileManager.default.createDirectory(at: folder(), withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: folder()) }
    return folder()
}()

/// The `roster` executable built next to this test bundle.
let rosterBinary: URL = {
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for dir in [here, here.deletingLastPathComponent()] {
        let candidate = dir.appendingPathComponent("roster")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return packageRoot.appendingPathComponent(".build/debug/roster")
}()

struct RosterRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Environment that makes runs reproducible: a fixed day and time, and an actor.
let fixedEnvironment = ["ROSTER_TODAY": "2026-11-23", "ROSTER_NOW": "2026-11-23T10:00:00Z", "ROSTER_ACTOR": "admin@provider.example"]

/// Starts `roster` without waiting for it.
func startRoster(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = fixedEnvironment, input: Data? = nil) throws -> (
    Process, Pipe, Pipe
) {
    let p = Process()
    p.executableURL = rosterBinary
    p.arguments = arguments
    if let directory { p.currentDirectoryURL = directory }
    p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    if let input {
        let pipe = Pipe()
        p.standardInput = pipe
        try p.run()
        pipe.fileHandleForWriting.write(input)
        try pipe.fileHandleForWriting.close()
    } else {
        p.standardInput = FileHandle.nullDevice
        try p.run()
    }
    return (p, out, err)
}

@discardableResult
func roster(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = fixedEnvironment, input: Data? = nil) throws -> RosterRun
{
    let (p, out, err) = try startRoster(arguments, in: directory, environment: environment, input: input)
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return RosterRun(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

/// A temporary copy of the base fixture, with an optional rule overlay.
func copy(overlay: String? = nil, from base: URL = fixtures.appendingPathComponent("base")) throws -> URL {
    let url = scratch.appendingPathComponent("roster-e2e-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: base, to: url)
    if let overlay {
        let source = fixtures.appendingPathComponent("rules/\(overlay)/fail")
        for file in try FileManager.default.subpathsOfDirectory(atPath: source.path) {
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: source.appendingPathComponent(file).path, isDirectory: &isDir)
            if isDir.boolValue { continue }
            let target = url.appendingPathComponent(file)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: source.appendingPathComponent(file), to: target)
        }
    }
    return url
}

/// Every file under `url` (dot files included) with its bytes.
func snapshot(_ url: URL) throws -> [String: Data] {
    var out: [String: Data] = [:]
    for file in try FileManager.default.subpathsOfDirectory(atPath: url.path) {
        var isDir: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: url.appendingPathComponent(file).path, isDirectory: &isDir)
        if !isDir.boolValue { out[file] = try Data(contentsOf: url.appendingPathComponent(file)) }
    }
    return out
}

/// Runs `process` (its program, arguments and environment set; its standard error as the
/// caller chose) and returns what it printed on standard output, once it has exited.
func output(of process: Process) throws -> Data {
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return data
}
