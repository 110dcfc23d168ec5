import Foundation
import RosterCore

/// What the previous build wrote and from which inputs: `.roster-build.json` in the output.
///
/// Lines of text, the header first: `roster-build 2`, then `name<TAB>value` lines (generator,
/// format, head, today, inputs, one `racy` line per racy input) up to `files<TAB>count`; then
/// one line per output file, `key<TAB>path` (the key empty for files not rendered from one
/// record). The header alone answers "did any input change" (``Header``): the file list is
/// only scanned for files that are missing, and parsed only when the build goes on.
/// Values escape `%`, tab, newline and carriage return as `%25`, `%09`, `%0A`, `%0D`.
struct BuildManifest: Sendable, Equatable {
    static let fileName = ".roster-build.json"
    static let magic = "roster-build 2"
    /// Names the renderer: the format version and the size and time of the roster binary, so
    /// the outputs of another build of roster are not trusted.
    static let generator = generator(of: "/proc/self/exe")

    /// The name of the binary at `path`: its size, its modification and change times to the
    /// nanosecond and its inode. The records and findings a build saves are trusted by this
    /// name alone; size and modification second were the same for another binary of the same
    /// size copied with its time (`cp -p`, `install -p`, Nix's store, whose times are all 1 s),
    /// and a rebuilt rule's findings were taken from the old one.
    static func generator(of path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "roster-portal-2 unknown" }
        let (m, c) = (info.st_mtim, info.st_ctim)
        return "roster-portal-2 \(info.st_size):\(m.tv_sec).\(m.tv_nsec):\(c.tv_sec).\(c.tv_nsec):\(info.st_ino)"
    }

    var header = Header()
    /// Output path -> key of the inputs it was rendered from (pages rendered from one record),
    /// as the preview keeps it.
    var pages: [String: String] = [:]
    /// Every file the build wrote.
    var files: [String] = []
    /// The key of each of `files` by position, as a manifest read from its file has them (and
    /// then no `pages`): a table of 200,000 paths made on one thread before every build at
    /// 100,000 orgs took 150 ms, and the next build lists the same paths in the same order.
    var keys: [String?] = []

    /// Every page's key by path, from whichever of the two forms the manifest holds.
    var keyedPages: [String: String] {
        guard !keys.isEmpty else { return pages }
        var out: [String: String] = [:]
        for (path, key) in zip(files, keys) { if let key { out[path] = key } }
        return out
    }

    var generator: String { header.generator }
    var format: String { header.format }

    init(header: Header = Header()) {
        self.header = header
    }

    /// Everything a build depends on besides its records' bytes.
    struct Header: Sendable, Equatable {
        var generator = BuildManifest.generator
        var format = "html"
        var head = ""
        var today = ""
        /// Empty when the inputs were not stamped (the preview): never "unchanged" then.
        var inputs = InputStamps()
        var fileCount = 0
    }

    static func load(_ output: SiteOutput) -> BuildManifest? {
        ManifestFile.read(output)?.parsed()
    }

    func bytes() -> [UInt8] {
        keys.isEmpty ? Self.bytes(header, files: files) { pages[files[$0]] } : Self.bytes(header, files: files) { keys[$0] }
    }

    /// The manifest of `files`, the key of file `k` being `key(k)`: `roster build` hands the
    /// keys by position, without a table of 21,000 paths made to be looked up once each.
    /// Files are listed in the order the build made them, which the same inputs repeat: the
    /// next build then finds no file gone by comparing the two lists in order (sorted here,
    /// they never matched the build's order, and every build made a set of 200,000 paths at
    /// 100,000 orgs to look for stale files; the sort itself took 70 ms).
    static func bytes(_ header: Header, files: [String], key: (Int) -> String?) -> [UInt8] {
        var out = BuildManifest(header: header).headerBytes(fileCount: files.count)
        out.reserveCapacity(out.count + files.count * 48)
        for k in files.indices {
            if let key = key(k) { out += key.utf8 }
            out.append(0x09)
            out += Self.escape(files[k]).utf8
            out.append(0x0A)
        }
        return out
    }

    func headerBytes(fileCount: Int) -> [UInt8] {
        var lines = [Self.magic]
        lines.append("generator\t" + Self.escape(header.generator))
        lines.append("format\t" + Self.escape(header.format))
        lines.append("head\t" + Self.escape(header.head))
        lines.append("today\t" + Self.escape(header.today))
        lines.append("inputs\t" + Self.escape(header.inputs.digest))
        for (path, hash) in header.inputs.racy.sorted(by: { $0.key < $1.key }) {
            lines.append("racy\t" + String(hash, radix: 16) + "\t" + Self.escape(path))
        }
        lines.append("files\t\(fileCount)")
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    static func escape(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x25 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return value }
        return value.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\t", with: "%09")
            .replacingOccurrences(of: "\n", with: "%0A").replacingOccurrences(of: "\r", with: "%0D")
    }

    static func unescape(_ value: String) -> String {
        guard value.utf8.contains(0x25) else { return value }
        return value.replacingOccurrences(of: "%09", with: "\t").replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%25", with: "%")
    }
}
