import Foundation
import RosterCore

/// The output folder: every file goes through here, so none lands outside it, and a file whose
/// bytes would not change is not rewritten (its modification time stays).
public struct SiteOutput: Sendable {
    public let directory: String

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    public init(directory: String) {
        self.directory = URL(fileURLWithPath: directory).standardizedFileURL.path
    }

    /// Refuses a relative path that is absolute, empty, or climbs out with `..`.
    public static func isContained(_ relative: String) -> Bool {
        // Bytes, not Foundation's `contains`: this runs for each of 20,000 files.
        let bytes = Array(relative.utf8)
        guard !bytes.isEmpty, bytes[0] != 0x2F, !bytes.contains(0), !bytes.contains(0x5C) else { return false }
        return bytes.split(separator: 0x2F, omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && !(part.count == 1 && part[part.startIndex] == 0x2E) && !(part.count == 2 && part.allSatisfy { $0 == 0x2E })
        }
    }

    /// Whether every one of `files` exists, with one `fstatat` each relative to the output
    /// folder (no walk of the absolute path per file).
    func allExist(_ files: [String]) -> Bool {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        return files.allSatisfy { Self.isContained($0) && fstatat(fd, $0, &info, AT_SYMLINK_NOFOLLOW) == 0 }
    }

    /// Writes `bytes` at `relative` unless the file already holds them; returns whether it wrote.
    @discardableResult
    public func write(_ bytes: [UInt8], to relative: String) throws(Failure) -> Bool {
        guard Self.isContained(relative) else { throw Failure(path: relative, reason: "refused: the path would leave the output folder") }
        do {
            // The site can be rebuilt at any time: written in place, without fsync.
            return try AtomicWriter.write(bytes, to: directory + "/" + relative, durable: false)
        } catch {
            throw Failure(path: relative, reason: error.reason)
        }
    }

    public func exists(_ relative: String) -> Bool {
        var info = stat()
        return Self.isContained(relative) && lstat(directory + "/" + relative, &info) == 0
    }

    /// Removes a file roster wrote in an earlier build (listed in the manifest), and its folder
    /// when that becomes empty.
    public func remove(_ relative: String) {
        guard Self.isContained(relative) else { return }
        let path = directory + "/" + relative
        try? FileManager.default.removeItem(atPath: path)
        let parent = (path as NSString).deletingLastPathComponent
        if parent != directory, (try? FileManager.default.contentsOfDirectory(atPath: parent))?.isEmpty == true {
            try? FileManager.default.removeItem(atPath: parent)
        }
    }
}

/// What the previous build wrote and from which inputs: `.roster-build.json` in the output.
struct BuildManifest: Sendable, Equatable {
    static let fileName = ".roster-build.json"
    /// Names the renderer: the format version and the size and time of the roster binary, so
    /// the outputs of another build of roster are not trusted.
    static let generator: String = {
        var info = stat()
        let exe = stat("/proc/self/exe", &info) == 0 ? "\(info.st_size):\(info.st_mtim.tv_sec)" : "unknown"
        return "roster-portal-1 " + exe
    }()

    var generator = BuildManifest.generator
    var format = "html"
    /// A fingerprint of the path, size and modification time of every input file: when it is
    /// the same, nothing changed.
    var inputs = ""
    var head = ""
    /// Output path -> key of the inputs it was rendered from (pages rendered from one record).
    var pages: [String: String] = [:]
    /// Every file the build wrote.
    var files: [String] = []

    static func load(_ output: SiteOutput) -> BuildManifest? {
        guard let data = FileManager.default.contents(atPath: output.directory + "/" + fileName),
              let root = JSONParser.parse(Array(data)).root else { return nil }
        var m = BuildManifest()
        func string(_ key: String) -> String? {
            if case .string(let v)? = root.member(key)?.node.value { return v }
            return nil
        }
        func map(_ key: String) -> [String: String] {
            guard case .object(let members)? = root.member(key)?.node.value else { return [:] }
            var out: [String: String] = [:]
            for member in members { if case .string(let v) = member.node.value { out[member.key] = v } }
            return out
        }
        m.generator = string("generator") ?? ""
        m.format = string("format") ?? ""
        m.head = string("head") ?? ""
        m.inputs = string("inputs") ?? ""
        m.pages = map("pages")
        if case .array(let items)? = root.member("files")?.node.value {
            m.files = items.compactMap { if case .string(let v) = $0.value { return v } else { return nil } }
        }
        return m
    }

    func bytes() -> [UInt8] {
        func map(_ d: [String: String]) -> JSONNode {
            JSONNode(.object(d.keys.sorted().map { JSONMember(key: $0, node: JSONNode(.string(d[$0]!))) }))
        }
        let root = JSONNode(.object([
            JSONMember(key: "generator", node: JSONNode(.string(generator))),
            JSONMember(key: "format", node: JSONNode(.string(format))),
            JSONMember(key: "head", node: JSONNode(.string(head))),
            JSONMember(key: "inputs", node: JSONNode(.string(inputs))),
            JSONMember(key: "pages", node: map(pages)),
            JSONMember(key: "files", node: JSONNode(.array(files.sorted().map { JSONNode(.string($0)) }))),
        ]))
        return JSONWriter.canonicalBytes(root)
    }

    /// The fingerprint of path, size and modification time of every file under the input
    /// folders of `root`, in a stable order.
    static func stamps(root: String) -> String {
        var entries: [String] = []
        func walk(_ relative: String) {
            guard let dir = opendir(root + "/" + relative) else { return }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name == "." || name == ".." { continue }
                let path = relative + "/" + name
                var info = stat()
                guard fstatat(dirfd(dir), name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: walk(path)
                case S_IFREG: entries.append("\(path)\t\(info.st_size)\t\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)")
                default: continue
                }
            }
        }
        for folder in ["data", "content", "site-templates"] { walk(folder) }
        var hash = FNV1a()
        for entry in entries.sorted() { hash.add(entry) }
        return "\(entries.count):" + hash.hex
    }
}

