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
        guard !relative.isEmpty, !relative.hasPrefix("/"), !relative.contains("\0"), !relative.contains("\\") else { return false }
        return relative.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    /// Writes `bytes` at `relative` unless the file already holds them; returns whether it wrote.
    @discardableResult
    public func write(_ bytes: [UInt8], to relative: String) throws(Failure) -> Bool {
        guard Self.isContained(relative) else { throw Failure(path: relative, reason: "refused: the path would leave the output folder") }
        do {
            // The site can be rebuilt at any time, so it is written without fsync: still renamed
            // into place, so a reader (the preview server) never sees half a page.
            return try AtomicWriter.write(bytes, to: directory + "/" + relative, durable: false)
        } catch {
            throw Failure(path: relative, reason: error.reason)
        }
    }

    public func exists(_ relative: String) -> Bool {
        Self.isContained(relative) && FileManager.default.fileExists(atPath: directory + "/" + relative)
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
    /// "size:mtime" of every input file, to see at a glance that nothing changed.
    var inputs: [String: String] = [:]
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
        m.inputs = map("inputs")
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
            JSONMember(key: "inputs", node: map(inputs)),
            JSONMember(key: "pages", node: map(pages)),
            JSONMember(key: "files", node: JSONNode(.array(files.sorted().map { JSONNode(.string($0)) }))),
        ]))
        return Array(JSONWriter.canonical(root).utf8)
    }

    /// "size:mtime" of every file under the input folders of `root`.
    static func stamps(root: String) -> [String: String] {
        var out: [String: String] = [:]
        for folder in ["data", "content", "site-templates"] {
            for relative in (try? FileManager.default.subpathsOfDirectory(atPath: root + "/" + folder)) ?? [] {
                var info = stat()
                let full = root + "/" + folder + "/" + relative
                guard lstat(full, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
                out[folder + "/" + relative] = "\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
            }
        }
        return out
    }
}

