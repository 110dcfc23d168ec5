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

/// `--today`, the one day option of every verb that measures ages or access: a date, else
/// `$ROSTER_TODAY`, else today in UTC. A malformed date is bad usage (64), found while parsing.
struct TodayOption: ParsableArguments {
    @Option(
        name: .customLong("today"),
        help: ArgumentHelp(
            "Measure ages and access from this day, YYYY-MM-DD. Default: $ROSTER_TODAY, else today (UTC).", valueName: "date"),
        transform: TodayOption.parse)
    var day: CalendarDate?

    static func parse(_ text: String) throws -> CalendarDate {
        guard let day = Formats.date(text) else { throw ValidationError("--today must be a date such as 2025-03-14, not \"\(text)\"") }
        return day
    }

    /// The validation options of that day; `$ROSTER_TODAY` is read (and checked) only without --today.
    func options() throws -> ValidationOptions {
        if let day { return ValidationOptions(today: day) }
        guard let text = ProcessInfo.processInfo.environment["ROSTER_TODAY"] else { return ValidationOptions() }
        guard let day = Formats.date(text) else { throw ValidationError("ROSTER_TODAY must be a date such as 2025-03-14, not \"\(text)\"") }
        return ValidationOptions(today: day)
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

/// True when standard output is a terminal, so colour is welcome.
var stdoutIsTerminal: Bool { isatty(1) == 1 }

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
    let bytes = Array(text.utf8)
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeBufferPointer { write(fd, $0.baseAddress! + done, $0.count - done) }
        if n > 0 { done += n } else if n < 0, errno == EINTR { continue } else { return }
    }
}
