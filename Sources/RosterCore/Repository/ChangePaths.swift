/// The only files a change writes or deletes: `data/marketplace.json` and
/// `data/{orgs,shares,deletions}/<id>.json` with a valid id. The transaction checks every path
/// of a change, and every path of a journal before replaying it, against this list, so neither a
/// bug nor a hand-placed `.roster-journal` naming `../outside` can touch another file.
public enum ChangePaths {
    /// Folders whose files are named by a record id.
    static let idFolders = [Snapshot.orgsDirectory, Snapshot.sharesDirectory, Tombstone.directory]

    /// Whether a change may write or delete `path` (relative to the root).
    public static func isWritable(_ path: String) -> Bool {
        if path == Snapshot.marketplacePath { return true }
        let folder = AtomicWriter.parent(of: path)
        guard idFolders.contains(folder) else { return false }
        let name = path.dropFirst(folder.count + 1)
        guard name.hasSuffix(".json") else { return false }
        return Formats.isValidID(String(name.dropLast(5)))
    }

    /// Whether `temp` is the temporary file a transaction writes for `path`: in the same
    /// folder, named `.roster-tmp-<pid>-<file name>` (see ``AtomicWriter/writeTemporary``).
    public static func isTemporary(_ temp: String, of path: String) -> Bool {
        let folder = AtomicWriter.parent(of: path)
        guard isWritable(path), temp.hasPrefix(folder + "/") else { return false }
        let name = temp.dropFirst(folder.count + 1)
        let fileName = path.dropFirst(folder.count + 1)
        guard name.hasPrefix(AtomicWriter.temporaryPrefix), name.hasSuffix("-" + fileName) else { return false }
        let pid = name.dropFirst(AtomicWriter.temporaryPrefix.count).dropLast(fileName.count + 1)
        return !pid.isEmpty && pid.count <= 10 && pid.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
