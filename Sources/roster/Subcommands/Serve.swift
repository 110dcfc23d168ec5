import ArgumentParser
import Foundation
import RosterCore
import RosterServer

extension Roster {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Preview the portal locally; rebuild and reload on every change.",
            discussion: """
                Builds the portal into a temporary folder (in memory, under /dev/shm, when it has 2 GB \
                free and TMPDIR is not set; or --out), serves only the files its builds wrote there, and watches data/, \
                content/ and site-templates/ (inotify): each change rebuilds incrementally and open pages reload \
                (server-sent events, from a small script added to pages in the preview only). A save \
                that changes no page reloads nothing. When a record or template is broken, the last \
                good site stays up and every page shows the errors until they are fixed.

                Safe by default: binds 127.0.0.1; GET and HEAD only; no directory listings, no dot \
                files, no path outside the output folder however it is encoded, no file another tool left in it; the Host header must \
                name the server and the reload endpoint checks Origin (DNS rebinding). Ctrl-C stops it.

                Example: roster serve --port 8000
                """)

        @OptionGroup var root: RootOptions
        @Option(help: "The port; 0 picks a free one.") var port: Int = 8000
        @Option(help: "The address to listen on. Anything but loopback exposes your data.") var host: String = "127.0.0.1"
        @Option(help: ArgumentHelp("Build into this folder instead of a temporary one.", valueName: "dir")) var out: String?
        @OptionGroup var today: TodayOption
        @Flag(help: "Print every build's steps and how long each took.") var verbose = false

        func validate() throws {
            guard (0...65535).contains(port) else {
                throw ValidationError("--port must be 0 to 65535 (0 picks a free port), not \(port)")
            }
        }

        /// Builds, then serves until Ctrl-C or SIGTERM. The other verbs stay synchronous (their
        /// parallel work spreads over all cores from the main thread); only the server needs Swift
        /// concurrency, and the root command, being async, awaits it here.
        func run() async throws {
            let loopback = ["127.0.0.1", "localhost", "::1"].contains(host)
            if !loopback {
                printError("warning: serving on \(host) makes the portal, with every record, reachable from other machines")
            }
            let output: String
            if let out {
                output = URL(fileURLWithPath: out, relativeTo: URL(fileURLWithPath: root.path + "/")).standardizedFileURL.path
                if let refusal = OutputFolder.refusal(root: root.path, output: output) ?? OutputFolder.heldPrivateFiles(output: output) {
                    printError("roster: refused: \(refusal)")
                    throw ExitCode(1)
                }
            } else {
                guard let made = Self.makeFolder(in: Self.scratchFolder()) else {
                    printError("roster: cannot make a temporary folder in \(Self.scratchFolder()): \(String(cString: strerror(errno))); pass --out")
                    throw ExitCode(1)
                }
                output = made
            }
            // The temporary folder goes away however the server ends, a failed start included.
            defer { if out == nil { try? FileManager.default.removeItem(atPath: output) } }
            let server = PreviewServer(
                root: root.path, output: output, host: host, port: port, today: try today.options().today,
                verbose: verbose
            ) { line in
                printValueLine(line)
                fflush(nil)
            }
            do {
                try await server.run()
            } catch  where String(describing: error).contains("Address already in use") {
                printError("roster: \(host):\(port) is already in use (another `roster serve`?); pass another --port, or --port 0 for a free one")
                throw ExitCode(1)
            }
        }
    }
}

extension Roster.Serve {
    /// A new folder of the preview's own in `parent` (mkdtemp: a name no one chose before, mode
    /// 0700). /dev/shm and /tmp are shared: a name another user can guess (it was the pid) may
    /// be theirs already, a folder whose pages they rewrite or a link the build wrote through.
    static func makeFolder(in parent: String) -> String? {
        var template = Array((parent + "/roster-serve-XXXXXX").utf8CString)
        return template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }.map { String(cString: $0) }
    }

    /// Where the preview builds when no --out is given: in memory (/dev/shm) when the system
    /// has it with room to spare (a container's may hold 64 MB; 10,000 orgs make 200 MB) and
    /// TMPDIR names no other place, as `hugo server` renders to memory. Creating 21,000 files
    /// there takes a fraction of the time it takes on a disk.
    static func scratchFolder() -> String {
        var isFolder: ObjCBool = false
        var space = statvfs()
        if ProcessInfo.processInfo.environment["TMPDIR"] == nil, FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &isFolder),
            isFolder.boolValue, access("/dev/shm", W_OK | X_OK) == 0, statvfs("/dev/shm", &space) == 0,
            UInt64(space.f_bavail) * UInt64(space.f_frsize) >= 2 << 30
        {
            return "/dev/shm"
        }
        return FileManager.default.temporaryDirectory.path
    }
}
