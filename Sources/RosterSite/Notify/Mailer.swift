import Foundation

/// Hands one message to a sendmail-compatible command (run by `/bin/sh -c`) on its standard
/// input, and says whether the command took it: it exited with status 0 *and* read the whole
/// message. A command that is missing, fails, or exits without reading (`true`) is a failure
/// with a reason, never a crash: SIGPIPE is ignored, and roster keeps its own copy of the
/// pipe's read end, so a write never meets a closed pipe and the bytes left unread can be seen
/// once the command is gone.
enum Mailer {
    /// Why the command did not take the message; nil when it did.
    static func deliver(_ message: [UInt8], command: String) -> String? {
        signal(SIGPIPE, SIG_IGN)
        var input: [Int32] = [0, 0], errors: [Int32] = [0, 0]
        guard pipe(&input) == 0 else { return "cannot create a pipe: \(systemError())" }
        guard pipe(&errors) == 0 else { close(input[0]); close(input[1]); return "cannot create a pipe: \(systemError())" }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        for fd in input + errors { posix_spawn_file_actions_addclose(&actions, fd) }
        let words: [String] = ["/bin/sh", "-c", command]
        let argv = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, environ)
        close(errors[1])
        guard spawned == 0 else {
            close(input[0]); close(input[1]); close(errors[0])
            return "cannot run /bin/sh: \(String(cString: strerror(spawned)))"
        }
        let (status, written, detail) = feed(message, to: input[1], errors: errors[0], child: pid)
        // The command has exited: whatever it left in the pipe, it did not read.
        _ = fcntl(input[0], F_SETFL, O_NONBLOCK)
        var probe: UInt8 = 0
        let unread = written < message.count || read(input[0], &probe, 1) > 0
        close(input[0])
        let said = detail.isEmpty ? "" : ": \(detail)"
        if status >= 128 { return "`\(command)` was killed by signal \(status - 128)\(said)" }
        if status == 127 { return "`\(command)` was not found (exit status 127)\(said)" }
        if status != 0 { return "`\(command)` exited with status \(status)\(said)" }
        if unread { return "`\(command)` exited without reading the whole message (is it a sendmail-compatible command?)" }
        return nil
    }

    /// Writes `message` to the command, collects its standard error (the first 2 KB) and waits
    /// for it to exit. Returns the exit status (128 + n for signal n), how many bytes were written
    /// and the command's message on one line.
    static func feed(_ message: [UInt8], to input: Int32, errors: Int32, child pid: pid_t) -> (Int32, Int, String) {
        _ = fcntl(input, F_SETFL, O_NONBLOCK)
        var written = 0, writing = true, errorsOpen = true
        var detail: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var status: Int32 = 0
        if message.isEmpty { close(input); writing = false }
        while true {
            var fds: [pollfd] = []
            if writing { fds.append(pollfd(fd: input, events: Int16(POLLOUT), revents: 0)) }
            if errorsOpen { fds.append(pollfd(fd: errors, events: Int16(POLLIN), revents: 0)) }
            // A short timeout: the command's exit is noticed even if a process it started keeps
            // its standard error open.
            _ = poll(&fds, nfds_t(fds.count), 50)
            for p in fds where p.revents != 0 {
                if p.fd == input {
                    let n = message.withUnsafeBufferPointer { write(input, $0.baseAddress! + written, message.count - written) }
                    if n > 0 { written += n }
                    if written == message.count || (n < 0 && errno != EAGAIN && errno != EINTR) { close(input); writing = false }
                } else {
                    let n = buffer.withUnsafeMutableBufferPointer { read(errors, $0.baseAddress!, $0.count) }
                    if n > 0, detail.count < 2048 { detail += buffer[0..<min(n, 2048 - detail.count)] }
                    if n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR) { close(errors); errorsOpen = false }
                }
            }
            var raw: Int32 = 0
            let done = waitpid(pid, &raw, WNOHANG)
            if done == pid {
                status = (raw & 0x7F) == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F)
                break
            }
            if done < 0, errno != EINTR { status = 255; break }
        }
        if writing { close(input) }
        if errorsOpen {
            _ = fcntl(errors, F_SETFL, O_NONBLOCK)
            while detail.count < 2048 {
                let n = buffer.withUnsafeMutableBufferPointer { read(errors, $0.baseAddress!, $0.count) }
                if n <= 0 { break }
                detail += buffer[0..<min(n, 2048 - detail.count)]
            }
            close(errors)
        }
        return (status, written, oneLine(detail))
    }

    /// The command's own words on one line, control characters shown as `?`, at most 300 characters.
    static func oneLine(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let flat = String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\n" ? " " : EmailHeader.isControl($0) ? "?" : $0 }))
        return flat.count > 300 ? String(flat.prefix(300)) + "…" : flat
    }

    static func systemError() -> String { String(cString: strerror(errno)) }
}
