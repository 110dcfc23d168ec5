#if canImport(Glibc)
    import Glibc
#endif
import Foundation

/// Runs a program and collects its output, with `posix_spawn` and `waitpid`.
///
/// Foundation's `Process.waitUntilExit` polls its run loop and added about 60 ms to every git
/// call here; `roster diff` makes six of them.
public enum ChildProcess {
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: [UInt8]
        public var stderr: [UInt8]
    }

    /// Held while pipes are made close-on-exec and while a child is spawned. Without it, a
    /// child spawned by another thread inherited these pipes' ends: two `git cat-file --batch`
    /// run at once each held the other's standard input open, so neither saw its end and both
    /// waited forever. (Glibc's `pipe2` with `O_CLOEXEC` is not visible to Swift.)
    static let spawning = NSLock()

    /// Three pipes (to the child, from it, its errors), each end close-on-exec: `dup2` onto
    /// 0, 1 and 2 in the child clears the flag for the ends it keeps.
    static func pipes() -> ([Int32], [Int32], [Int32])? {
        var toChild: [Int32] = [0, 0], fromChild: [Int32] = [0, 0], errors: [Int32] = [0, 0]
        guard pipe(&toChild) == 0 else { return nil }
        guard pipe(&fromChild) == 0 else {
            toChild.forEach { close($0) }
            return nil
        }
        guard pipe(&errors) == 0 else {
            (toChild + fromChild).forEach { close($0) }
            return nil
        }
        for fd in toChild + fromChild + errors { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (toChild, fromChild, errors)
    }

    /// Runs `arguments[0]` (looked up in PATH) with `input` on standard input.
    public static func run(_ arguments: [String], input: [UInt8] = []) -> Output? {
        guard let (toChild, fromChild, errors) = spawning.withLock({ pipes() }) else { return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        for fd in toChild + fromChild + errors { posix_spawn_file_actions_addclose(&actions, fd) }
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = spawning.withLock { posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ) }
        close(toChild[0]); close(fromChild[1]); close(errors[1])
        guard spawned == 0 else {
            close(toChild[1]); close(fromChild[0]); close(errors[0])
            return nil
        }
        // Feed standard input and drain both outputs together, so no pipe fills up and blocks.
        var out: [UInt8] = [], err: [UInt8] = []
        var written = 0
        var inputOpen = true
        if input.isEmpty { close(toChild[1]); inputOpen = false }
        // Non-blocking: poll says "writable" when a little room is free, and a blocking write
        // of more would wait for the child, which may itself wait for us to read its output
        // (git cat-file --batch with 2,000 paths did).
        _ = fcntl(toChild[1], F_SETFL, fcntl(toChild[1], F_GETFL) | O_NONBLOCK)
        var open: Set<Int32> = [fromChild[0], errors[0]]
        var buffer = [UInt8](repeating: 0, count: 65536)
        signal(SIGPIPE, SIG_IGN)
        while !open.isEmpty {
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if inputOpen { fds.append(pollfd(fd: toChild[1], events: Int16(POLLOUT), revents: 0)) }
            guard poll(&fds, nfds_t(fds.count), -1) >= 0 else { if errno == EINTR { continue } else { break } }
            for p in fds where p.revents != 0 {
                if p.fd == toChild[1] {
                    let n = input.withUnsafeBufferPointer { write(p.fd, $0.baseAddress! + written, min(65536, input.count - written)) }
                    if n > 0 { written += n }
                    let retry = n < 0 && (errno == EAGAIN || errno == EINTR)
                    if (n <= 0 && !retry) || written == input.count { close(toChild[1]); inputOpen = false }
                    continue
                }
                let n = buffer.withUnsafeMutableBufferPointer { read(p.fd, $0.baseAddress!, $0.count) }
                if n > 0 {
                    if p.fd == fromChild[0] { out.append(contentsOf: buffer[0..<n]) } else { err.append(contentsOf: buffer[0..<n]) }
                } else if n == 0 || errno != EINTR {
                    close(p.fd)
                    open.remove(p.fd)
                }
            }
        }
        if inputOpen { close(toChild[1]) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Output(status: exit, stdout: out, stderr: err)
    }
}
