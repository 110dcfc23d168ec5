import Foundation
import RosterCore

extension FindingsCache {
    /// The findings of one org file, and the size and fingerprint of the bytes they were made for.
    struct Entry: Equatable {
        var stamp: String
        var findings: [Finding]
    }

    /// The entries of the cache in the output folder, or nil when there is none, or it was made
    /// by another roster, for another day, other settings or shares, or its checksum fails, or
    /// a line is not as written.
    func read(_ output: SiteOutput) -> [String: Entry]? {
        guard case .success(let bytes) = FileAccess.read(output.directory + "/" + Self.fileName) else { return nil }
        var start = 0
        for _ in 0...header.count {
            guard let end = bytes[start...].firstIndex(of: 0x0A) else { return nil }
            start = end + 1
        }
        let body = Array(bytes[start...])
        guard Self.headerBytes(header, body: body).elementsEqual(bytes[..<start]) else { return nil }
        let lines = body.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
        guard body.last == 0x0A || body.isEmpty else { return nil }
        var entries: [String: Entry] = [:]
        var k = lines.startIndex
        while k < lines.endIndex {
            let fields = Self.fields(lines[k])
            k += 1
            guard fields.count == 4, fields[0] == "O", let count = Int(fields[3]), count >= 0, count <= lines.endIndex - k else { return nil }
            var entry = Entry(stamp: fields[2], findings: [])
            entry.findings.reserveCapacity(count)
            for _ in 0..<count {
                guard let finding = Self.finding(Self.fields(lines[k])) else { return nil }
                entry.findings.append(finding)
                k += 1
            }
            guard entries.updateValue(entry, forKey: fields[1]) == nil else { return nil }
        }
        return entries
    }

    static func fields(_ line: ArraySlice<UInt8>) -> [String] {
        line.split(separator: 0x09, omittingEmptySubsequences: false).map { BuildManifest.unescape(String(decoding: $0, as: UTF8.self)) }
    }

    /// A finding as ``line(_:)`` wrote it.
    static func finding(_ f: [String]) -> Finding? {
        guard f.count == 8, f[0] == "F", let line = Int(f[2]), let column = Int(f[3]), let severity = Severity(rawValue: f[4]) else { return nil }
        let pointer: String?
        if f[6].isEmpty {
            pointer = nil
        } else {
            guard f[6].hasPrefix("p") else { return nil }
            pointer = String(f[6].dropFirst())
        }
        return Finding(path: f[1], pointer: pointer, line: line, column: column, severity: severity, rule: f[5], message: f[7])
    }
}
