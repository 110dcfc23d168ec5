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

    /// The ledger of sent messages in `roster notify`'s outbox (`Outbox.ledgerName`).
    public static let outboxLedger = "sent.log"

    /// Why a portal build may not write into `output`, which holds what `roster export` or
    /// `roster notify` wrote there (full e-mails: `access.json`, `scim/`, an outbox's `sent.log`
    /// or `.eml` files), or nil. Those refuse a folder a build wrote; this is the other order:
    /// `export --out public`, then `build --out public`, would publish the export with the
    /// portal (a build leaves files it did not write, and removes only its own). A folder no
    /// build wrote yet (no `.roster-build.json`) is looked at whole, not only at its top: the
    /// export in `public/private/` was published as well. Once a build wrote the folder, export
    /// and notify refuse it and every folder inside it, so its top suffices (a walk of 100,000
    /// org folders on each rebuild would not).
    public static func heldPrivateFiles(output: String) -> String? {
        let top = open(output, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard top >= 0 else { return nil }
        let built = faccessat(top, ExportDestination.portalManifest, F_OK, AT_SYMLINK_NOFOLLOW) == 0
        var held: [String] = []
        collectPrivateFiles(top, prefix: "", descend: !built, into: &held)
        guard !held.isEmpty else { return nil }
        let shown =
            held.sorted().prefix(3).map { TerminalText.escape($0) }.joined(separator: ", ") + (held.count > 3 ? " and \(held.count - 3) more" : "")
        return
            "the output folder holds files of roster export or roster notify (\(shown)), with full e-mails, which the portal would then publish; pass a folder of the portal's own, such as --out _site"
    }

    /// Adds to `held` the names in the folder `fd` (which it closes) that export or notify
    /// write, with `prefix`; with `descend`, the same for each folder in it, never through a
    /// symbolic link.
    static func collectPrivateFiles(_ fd: Int32, prefix: String, descend: Bool, into held: inout [String]) {
        guard let dir = fdopendir(fd) else {
            close(fd)
            return
        }
        defer { closedir(dir) }
        // A folder is opened by its bytes: a name that is not UTF-8 reads with U+FFFD.
        var folders: [(bytes: [CChar], name: String)] = []
        while let entry = readdir(dir) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            let name = String(decoding: bytes, as: UTF8.self)
            if name == "." || name == ".." { continue }
            if AccessExport.paths.contains(name) || name == "scim" || name == outboxLedger || name.hasSuffix(".eml") {
                held.append(prefix + name)
            } else if descend, entry.pointee.d_type == UInt8(DT_DIR) || entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                folders.append((bytes.map { CChar(bitPattern: $0) } + [0], name))
            }
        }
        for folder in folders {
            let sub = openat(dirfd(dir), folder.bytes, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if sub >= 0 { collectPrivateFiles(sub, prefix: prefix + folder.name + "/", descend: true, into: &held) }
        }
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
