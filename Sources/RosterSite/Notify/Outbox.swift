import Foundation
import RosterCore

/// The folder `roster notify` writes messages to, and its ledger of what was sent.
///
/// The ledger, `sent.log` in the outbox, holds one Message-ID per line, appended (and fsynced)
/// only after the sendmail command took the message. A message whose identity is in the ledger
/// is never written or sent again, whatever range or file name it comes from; one that failed
/// is not in it and goes out on the next run. Only `sent.log` and names from
/// ``EmailMessage/fileName`` (template, validated id, hexadecimal digits) are written here.
public struct Outbox: Sendable {
    public let directory: String
    public static let ledgerName = OutputFolder.outboxLedger

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public init(directory: String) {
        self.directory = directory
    }

    var ledgerPath: String { directory + "/" + Self.ledgerName }

    /// The part of a Message-ID that names the fact (`roster-<fingerprint>`): a change of the
    /// sender's domain does not make a sent message new.
    static func ledgerKey(_ messageID: String) -> String {
        let trimmed = messageID.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t\r"))
        return String(trimmed.split(separator: "@", maxSplits: 1).first ?? Substring(trimmed))
    }

    /// The ledger's entries. A ledger that exists but cannot be read is an error: taking it for
    /// empty would send everything again.
    public func sent() throws(Failure) -> Set<String> {
        let fd = open(ledgerPath, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return [] }
            throw Failure(description: "\(ledgerPath): cannot read the ledger of sent messages: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBufferPointer { read(fd, $0.baseAddress!, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else {
                throw Failure(description: "\(ledgerPath): cannot read the ledger of sent messages: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            bytes += chunk[0..<n]
        }
        return Set(String(decoding: bytes, as: UTF8.self).split(separator: "\n").map { Self.ledgerKey(String($0)) })
    }

    /// Whether `message` was sent by an earlier run.
    public func wasSent(_ message: EmailMessage, ledger: Set<String>) -> Bool {
        ledger.contains(Self.ledgerKey(message.messageID))
    }

    /// Writes the message's file (atomically, not following a symbolic link).
    public func write(_ message: EmailMessage) throws(Failure) {
        do {
            try AtomicWriter.write(message.bytes, to: directory + "/" + message.fileName)
        } catch {
            throw Failure(description: error.description)
        }
    }

    /// Appends a Message-ID to the ledger and makes it durable before the next message goes.
    func record(_ messageID: String) throws(Failure) {
        let fd = open(ledgerPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw Failure(description: "\(ledgerPath): cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let line = Array((messageID + "\n").utf8)
        guard FileAccess.writeAll(fd, line) else {
            throw Failure(description: "\(ledgerPath): cannot write: \(String(cString: strerror(errno)))")
        }
        guard fsync(fd) == 0 else { throw Failure(description: "\(ledgerPath): cannot sync: \(String(cString: strerror(errno)))") }
    }

    public struct SendResult: Sendable {
        public var sent: [String] = []
        public var skipped: [String] = []
        /// Each failed message: what names it (file, Message-ID, recipient) and why.
        public var failed: [(message: String, reason: String)] = []
        /// Set when a sent message could not be recorded: sending stopped there.
        public var ledgerFailure: String?
    }

    /// Pipes each message not yet in the ledger to `command` (run by /bin/sh), in order. A
    /// message the command did not take is reported and left for the next run; the others go
    /// on. If the ledger cannot be written, sending stops: the next run would send again.
    public func send(_ messages: [EmailMessage], command: String) throws(Failure) -> SendResult {
        var result = SendResult()
        var done = try sent()
        for message in messages {
            if done.contains(Self.ledgerKey(message.messageID)) { result.skipped.append(message.fileName); continue }
            let name = "\(directory)/\(message.fileName) (Message-ID \(message.messageID), to \(message.recipient))"
            if let reason = Mailer.deliver(message.bytes, command: command) {
                result.failed.append((name, reason))
                continue
            }
            do {
                try record(message.messageID)
            } catch {
                result.ledgerFailure =
                    "\(name) was sent, but recording it failed: \(error.description); add its Message-ID to \(ledgerPath) by hand, or the next run sends it again"
                return result
            }
            done.insert(Self.ledgerKey(message.messageID))
            result.sent.append(message.fileName)
        }
        return result
    }
}
