import Foundation
import RosterCore

/// A manifest as read from the output folder: its header parsed, its file list left as bytes
/// until it is needed (100,000 orgs list 200,000 files; a no-op build only checks they exist).
struct ManifestFile {
    var header: BuildManifest.Header
    /// The file lines, `key<TAB>path<LF>` each.
    var body: ArraySlice<UInt8>

    /// Nil when there is no manifest or it is not one this build writes (an older one is then
    /// like none: every page is rendered, and files are compared before they are written).
    static func read(_ output: SiteOutput) -> ManifestFile? {
        guard case .success(let bytes) = FileAccess.read(output.directory + "/" + BuildManifest.fileName) else { return nil }
        var header = BuildManifest.Header()
        var start = 0
        var first = true
        while let end = bytes[start...].firstIndex(of: 0x0A) {
            let line = String(decoding: bytes[start..<end], as: UTF8.self)
            start = end + 1
            if first {
                guard line == BuildManifest.magic else { return nil }
                first = false
                continue
            }
            let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 2 else { return nil }
            let value = BuildManifest.unescape(parts[1])
            switch parts[0] {
            case "generator": header.generator = value
            case "format": header.format = value
            case "head": header.head = value
            case "today": header.today = value
            case "inputs": header.inputs.digest = value
            case "racy":
                guard parts.count == 3, let hash = UInt64(parts[1], radix: 16) else { return nil }
                header.inputs.racy[BuildManifest.unescape(parts[2])] = hash
            case "files":
                guard let count = Int(parts[1]) else { return nil }
                header.fileCount = count
                return ManifestFile(header: header, body: bytes[start...])
            default: return nil
            }
        }
        return nil
    }

    /// Calls `line` with the key and path bytes of every file line; false when a line is
    /// malformed or `line` says stop.
    func forEachLine(_ line: (ArraySlice<UInt8>, ArraySlice<UInt8>) -> Bool) -> Bool {
        var start = body.startIndex
        var count = 0
        while start < body.endIndex {
            guard let end = body[start...].firstIndex(of: 0x0A), let tab = body[start..<end].firstIndex(of: 0x09) else { return false }
            guard line(body[start..<tab], body[(tab + 1)..<end]) else { return false }
            start = end + 1
            count += 1
        }
        return count == header.fileCount
    }

    /// After a no-op build: files that were racy then (read by content at every no-op) and
    /// have settled since are trusted by their stats from now on. Their content was just found
    /// unchanged, and a file not racy then is not racy now, so the new header says no more.
    func restamp(_ now: InputStamps, output: SiteOutput) {
        guard now.racy.count < header.inputs.racy.count, now.digest == header.inputs.digest else { return }
        var manifest = BuildManifest(header: header)
        manifest.header.inputs = now
        _ = try? output.write(manifest.headerBytes(fileCount: header.fileCount) + body, to: BuildManifest.fileName)
    }

    /// The whole manifest, its file list parsed.
    func parsed() -> BuildManifest? {
        var manifest = BuildManifest(header: header)
        manifest.files.reserveCapacity(header.fileCount)
        manifest.keys.reserveCapacity(header.fileCount)
        let complete = forEachLine { key, bytes in
            manifest.files.append(BuildManifest.unescape(String(decoding: bytes, as: UTF8.self)))
            manifest.keys.append(key.isEmpty ? nil : String(decoding: key, as: UTF8.self))
            return true
        }
        return complete ? manifest : nil
    }
}

extension SiteOutput {
    /// ``isContained(_:)`` on the bytes of a path (the manifest's file list is checked as bytes):
    /// not empty, not absolute, no empty, `.` or `..` part, no NUL or backslash.
    static func isContained<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
        guard let first = bytes.first, first != 0x2F else { return false }
        var part = bytes.startIndex
        var k = bytes.startIndex
        while true {
            let end = k == bytes.endIndex
            let b = end ? 0x2F : bytes[k]
            if b == 0 || b == 0x5C { return false }
            if b == 0x2F {
                let n = k - part
                if n == 0 || (n <= 2 && bytes[part..<k].allSatisfy { $0 == 0x2E }) { return false }
                if end { return true }
                part = k + 1
            }
            k += 1
        }
    }
}
