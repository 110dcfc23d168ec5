#if canImport(Glibc)
    import Glibc
#endif
import Foundation

/// One path that differs between two sides of a comparison, anywhere in the tree, with its git
/// mode on each side (`100644` a file, `100755` an executable, `120000` a symbolic link,
/// `160000` a submodule; nil where the path does not exist).
public struct TreeChange: Sendable, Equatable {
    public var path: String
    public var baseMode: String?
    public var headMode: String?
    /// The object ids git's diff names on each side (nil where the path does not exist, and on
    /// the side of the working tree): what ``GitReader/objects(_:)`` reads without a tree walk.
    public var baseObject: String? = nil
    public var headObject: String? = nil

    public static let regularFile = "100644"
    public static let symbolicLink = "120000"
    public static let submodule = "160000"

    /// A symbolic link or a submodule on either side: never a record, never followed.
    public var involvesLink: Bool {
        [baseMode, headMode].contains { (mode: String?) in mode == Self.symbolicLink || mode == Self.submodule }
    }
}

extension GitReader {
    /// Every path of the whole tree that differs between `base` and `head` (nil: the working
    /// tree, with untracked files that are not ignored), whatever its kind.
    public func treeChanges(base: String, head: String?) throws(Failure) -> [TreeChange] {
        // --no-abbrev: full object ids. An abbreviated one is resolved by cat-file as a ref name
        // first (a branch or tag named like it would be read instead of the file) and can be
        // ambiguous in a big repository; looking each one up also cost a dozen stats.
        var args = ["diff", "--raw", "-z", "--no-abbrev", "--no-renames", "--no-ext-diff", "--ignore-submodules=none", base]
        if let head { args.append(head) }
        var changes: [String: TreeChange] = [:]
        // -z --raw: ":<old mode> <new mode> <old id> <new id> <status>\0<path>\0" per path.
        let fields = split(try git(args))
        var k = 0
        while k + 1 < fields.count {
            let header = fields[k].dropFirst().split(separator: " ")
            let path = fields[k + 1]
            k += 2
            guard header.count >= 5 else { continue }
            // Fail closed: an id that is not a full one (40 or 64 hex digits) is never looked up.
            guard header[2...3].allSatisfy(Self.isFullObjectID) else {
                throw Failure(message: "git diff named an object by an abbreviated id (\(header[2]))")
            }
            let mode = { (m: Substring) -> String? in m == "000000" ? nil : String(m) }
            let object = { (id: Substring) -> String? in id.allSatisfy { $0 == "0" } ? nil : String(id) }
            changes[path] = TreeChange(
                path: path, baseMode: mode(header[0]), headMode: mode(header[1]), baseObject: object(header[2]),
                headObject: head == nil ? nil : object(header[3]))
        }
        if head == nil {
            for path in split(try git(["ls-files", "-z", "--others", "--exclude-standard"])) where changes[path] == nil {
                changes[path] = TreeChange(path: path, baseMode: nil, headMode: Self.workingTreeMode(root + "/" + path))
            }
        }
        return changes.values.sorted { $0.path < $1.path }
    }

    static func isFullObjectID(_ id: Substring) -> Bool {
        (id.utf8.count == 40 || id.utf8.count == 64) && id.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    /// The git mode a working-tree file would get, read without following a link.
    static func workingTreeMode(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0 else { return TreeChange.regularFile }
        switch info.st_mode & S_IFMT {
        case S_IFLNK: return TreeChange.symbolicLink
        case S_IFDIR: return TreeChange.submodule
        default: return info.st_mode & 0o111 != 0 ? "100755" : TreeChange.regularFile
        }
    }

    /// The day of the commit where the compared head branched off `base` (or of `base`).
    func branchDay(base: String) -> CalendarDate? {
        let point = (try? git(["merge-base", base, "HEAD"])).map {
            String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return (try? date(of: point.flatMap { $0.isEmpty ? nil : $0 } ?? base)).flatMap(Formats.timestamp)
    }
}
