#if canImport(Glibc)
    import Glibc
#endif

/// Where roster may write generated files (the portal, a catalogue, an export): never into the
/// repository's root or into the folders it reads (`data/`, `content/`, `site-templates/`,
/// `schemas/`, `.git/`, and `.roster-cache/`, the records a build keeps), where generated files
/// would pass for records or docs, or be taken for the build's own.
public enum OutputFolder {
    /// The folders under the root that hold sources, not output.
    public static let sources = ["data", "content", "site-templates", "schemas", ".git", SavedRecords.folder]

    /// Why `output` may not receive generated files (both absolute, without trailing slash),
    /// or nil when it may. Symbolic links are resolved as far as the path exists, so a link
    /// cannot smuggle the output into a source folder.
    public static func refusal(root: String, output: String) -> String? {
        let root = resolved(root), output = resolved(output)
        if output == root {
            return "the output folder is the repository's root; pass a folder of its own, such as --out _site"
        }
        for folder in sources {
            let source = root + "/" + folder
            if output == source || output.hasPrefix(source + "/") {
                return "the output folder is inside \(folder)/, which roster reads as sources; pass a folder of its own, such as --out _site"
            }
        }
        // "/" holds every repository ("//" would hold none).
        if root.hasPrefix(output == "/" ? "/" : output + "/") {
            return "the output folder holds the repository; pass a folder of its own, such as --out _site"
        }
        return nil
    }

    /// The real path of the longest existing prefix of `path`, with the rest appended.
    static func resolved(_ path: String) -> String {
        var head = path, tail: [Substring] = []
        while !head.isEmpty, head != "/" {
            if let real = realpath(head, nil) {
                defer { free(real) }
                let base = String(cString: real)
                return tail.isEmpty ? base : (base == "/" ? "" : base) + "/" + tail.reversed().joined(separator: "/")
            }
            guard let slash = head.lastIndex(of: "/") else { break }
            tail.append(head[head.index(after: slash)...])
            head = String(head[..<slash])
        }
        return path
    }
}
