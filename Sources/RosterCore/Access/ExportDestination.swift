import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Where `roster export` may write. The export carries full e-mails, so it must never land where
/// the portal publishes (`_site/`, or any folder a `roster build` wrote, known by its manifest),
/// nor in the repository's own folders (`data/`, `content/`, `site-templates/`, `schemas/`) or its
/// root, where it would be committed. Paths are compared after resolving symbolic links, and a
/// link as the output folder (or inside it, where a file would go) is refused outright.
public enum ExportDestination {
    public struct Refusal: Error, CustomStringConvertible, Equatable {
        public var path: String
        public var reason: String
        public var description: String { "\(path): refused: \(reason)" }
    }

    /// Folders of the repository that must not receive the export.
    public static let forbiddenFolders = ["_site", "data", "content", "site-templates", "schemas"]
    /// The manifest every portal build leaves in its output folder.
    static let portalManifest = ".roster-build.json"

    /// Checks `output` (absolute) against the repository at `root` (absolute) before anything is
    /// written; returns the resolved output folder. `what` names what holds the e-mails (the
    /// export, or the e-mails `roster notify` writes), `example` a folder to use instead.
    public static func check(
        output: String, root: String, files: [String], holding what: String = "the export", example: String = "/tmp/access"
    ) throws(Refusal) -> String {
        if isLink(output) {
            throw Refusal(path: output, reason: "the output folder is a symbolic link; give the real folder")
        }
        let real = resolve(output)
        let realRoot = resolve(root)
        if real == realRoot {
            throw Refusal(
                path: output,
                reason:
                    "this is the repository root; \(what) holds full e-mails and must stay out of the repository's files (use a folder outside it, such as \(example))"
            )
        }
        for folder in forbiddenFolders where real == realRoot + "/" + folder || real.hasPrefix(realRoot + "/" + folder + "/") {
            let why = folder == "_site" ? "the portal's output, which is published" : "a folder of the repository's sources"
            throw Refusal(
                path: output,
                reason: "inside \(folder)/, \(why); \(what) holds full e-mails (use a folder outside the repository, such as \(example))")
        }
        var ancestor = real
        while !ancestor.isEmpty {
            if FileManager.default.fileExists(atPath: ancestor + "/" + portalManifest) {
                throw Refusal(
                    path: output,
                    reason: "inside a portal output folder (\(ancestor) holds \(portalManifest)), which is published; \(what) holds full e-mails")
            }
            ancestor = String(ancestor[..<(ancestor.lastIndex(of: "/") ?? ancestor.startIndex)])
        }
        for file in files {
            var partial = real
            for part in file.split(separator: "/") {
                partial += "/" + part
                if isLink(partial) { throw Refusal(path: partial, reason: "is a symbolic link; roster does not write through links") }
            }
        }
        return real
    }

    static func isLink(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK
    }

    /// The real path of `path`: its deepest existing ancestor resolved by `realpath`, followed by
    /// the components that do not exist yet.
    static func resolve(_ path: String) -> String {
        var head = path, tail: [Substring] = []
        while !head.isEmpty && head != "/" {
            if let r = realpath(head, nil) {
                defer { free(r) }
                let base = String(cString: r)
                return ([base == "/" ? "" : base] + tail.reversed().map(String.init)).joined(separator: "/")
            }
            guard let slash = head.lastIndex(of: "/") else { break }
            tail.append(head[head.index(after: slash)...])
            head = String(head[..<slash])
        }
        return path
    }
}
