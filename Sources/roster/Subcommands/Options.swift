import ArgumentParser
import Foundation
import RosterCore

/// Where the project is; every verb takes it.
struct RootOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The project root: the folder that holds data/.", valueName: "dir"))
    var root: String = "."

    /// The root as an absolute path without a trailing slash.
    var path: String {
        let url = URL(fileURLWithPath: root, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        return url.standardizedFileURL.path
    }
}

/// Writes to standard error. Control characters other than line breaks are shown escaped
/// (``TerminalText``); a one-line message that quotes record text escapes it whole first.
func printError(_ message: String) {
    writeAll(2, TerminalText.escape(message, keepingLineBreaks: true) + "\n")
}

/// Prints one line to standard output with every control character in it shown escaped, line
/// breaks included: for a line that holds record text, which must neither end it nor start another.
func printValueLine(_ line: String) {
    print(TerminalText.escape(line))
}

/// True when standard output is a terminal, so colour is welcome, and the user did not turn
/// colour off with `NO_COLOR` (set and not empty, as https://no-color.org asks).
var stdoutIsTerminal: Bool { isatty(1) == 1 && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty }

/// Ends the process at once, skipping the release of large in-memory snapshots.
func exitNow(_ code: Int32) -> Never {
    fflush(nil)
    exit(code)
}

/// Writes text to standard output in one system call.
func writeOut(_ text: String) {
    writeAll(1, text)
}

/// Writes every byte to `fd`, or stops quietly when the reader has gone (EPIPE: `roster … |
/// head`): Foundation's non-throwing FileHandle.write crashes the process on that error.
func writeAll(_ fd: Int32, _ text: String) {
    _ = FileAccess.writeAll(fd, Array(text.utf8))
}
