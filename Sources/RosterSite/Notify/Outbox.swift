import Foundation
import RosterCore

/// The folder `roster notify` writes messages to, and its ledger of what was sent.
///
/// The ledger, `sent.log` in the outbox, holds one Message-ID per line, appended (and fsynced)
/// only after the sendmail command accepted the message. A message in the ledger is never sent
/// again; one that failed is not in it and goes out on the next run.
public struct Outbox: Sendable {
    public let directory: String
    public static let ledgerName = "sent.log"

    public init(directory: String) {
        self.directory = directory
    }

    public func write(_ message: EmailMessage) throws {
        try AtomicWriter.write(message.bytes, to: directory + "/" + message.fileName)
    }

    public func sent() -> Set<String> {
        guard let data = FileManager.default.contents(atPath: directory + "/" + Self.ledgerName) else { return [] }
        return Set(String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init))
    }

    func record(_ messageID: String) throws {
        let path = directory + "/" + Self.ledgerName
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(fd) }
        let line = Array((messageID + "\n").utf8)
        _ = line.withUnsafeBufferPointer { Glibc.write(fd, $0.baseAddress!, $0.count) }
        fsync(fd)
    }

    public struct SendResult: Sendable {
        public var sent: [String] = []
        public var skipped: [String] = []
        public var failed: [(file: String, reason: String)] = []
    }

    /// Pipes each message not yet in the ledger to `command` (run by /bin/sh), in order.
    public func send(_ messages: [EmailMessage], command: String) -> SendResult {
        var result = SendResult()
        var done = sent()
        for message in messages {
            if done.contains(message.messageID) { result.skipped.append(message.fileName); continue }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", command]
            let input = Pipe(), errors = Pipe()
            process.standardInput = input
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            do {
                try process.run()
                input.fileHandleForWriting.write(Data(message.bytes))
                try input.fileHandleForWriting.close()
                let detail = errors.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                guard process.terminationStatus == 0 else {
                    let text = String(decoding: detail, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    result.failed.append((message.fileName, "`\(command)` exited with \(process.terminationStatus)\(text.isEmpty ? "" : ": \(text)")"))
                    continue
                }
                try record(message.messageID)
                done.insert(message.messageID)
                result.sent.append(message.fileName)
            } catch {
                result.failed.append((message.fileName, "\(error)"))
            }
        }
        return result
    }
}
