#if canImport(Glibc)
import Glibc
#endif

/// Writes the files of one change all or nothing, even across a crash.
///
/// 1. every new file is written and fsynced under a temporary name beside its target;
/// 2. a journal listing the renames and deletions is written atomically: the commit point;
/// 3. the renames and deletions are carried out, each directory fsynced;
/// 4. the journal is removed.
/// A crash before step 2 leaves the old files and some temporaries (removed on recovery); a
/// crash after it is completed by ``recover(root:)`` (`roster unlock`, or the next change).
public enum Transaction {
    public static let journalName = ".roster-journal"

    public static func commit(_ files: [FileChange], root: String) throws(AtomicWriter.WriteError) {
        guard !files.isEmpty else { return }
        var entries: [JSONNode] = []
        for file in files {
            if let bytes = file.new {
                let temp = try AtomicWriter.writeTemporary(bytes, beside: root + "/" + file.path)
                pauseForCrashTests()
                let relative = String(temp.dropFirst(root.count + 1))
                entries.append(entry(path: file.path, temp: relative))
            } else {
                entries.append(entry(path: file.path, temp: nil))
            }
        }
        let journal = JSONWriter.canonicalBytes(JSONNode(.array(entries)))
        try AtomicWriter.write(journal, to: root + "/" + journalName)
        try carryOut(entries, root: root)
    }

    static func entry(path: String, temp: String?) -> JSONNode {
        var members = [JSONMember(key: "path", node: JSONNode(.string(path)))]
        members.append(temp.map { JSONMember(key: "temp", node: JSONNode(.string($0))) }
                       ?? JSONMember(key: "delete", node: JSONNode(.bool(true))))
        return JSONNode(.object(members))
    }

    static func carryOut(_ entries: [JSONNode], root: String) throws(AtomicWriter.WriteError) {
        var directories = Set<String>()
        for e in entries {
            guard case .string(let path)? = e.member("path")?.node.value else { continue }
            let target = root + "/" + path
            if case .string(let temp)? = e.member("temp")?.node.value {
                // Already renamed by an earlier, interrupted run when the temporary is gone.
                if FileAccess.exists(root + "/" + temp), rename(root + "/" + temp, target) != 0 {
                    throw AtomicWriter.failure(path)
                }
            } else if unlink(target) != 0, errno != ENOENT {
                throw AtomicWriter.failure(path)
            }
            directories.insert(AtomicWriter.parent(of: target))
            pauseForCrashTests()
        }
        for d in directories.sorted() { AtomicWriter.syncDirectory(d) }
        unlink(root + "/" + journalName)
        AtomicWriter.syncDirectory(root)
    }

    public static func isPending(root: String) -> Bool {
        FileAccess.exists(root + "/" + journalName)
    }

    /// Completes a committed change and removes temporaries of an uncommitted one. Call it with
    /// the repository lock held. Returns what it did, for the user.
    @discardableResult
    public static func recover(root: String) throws(AtomicWriter.WriteError) -> [String] {
        var done: [String] = []
        if case .success(let bytes) = FileAccess.read(root + "/" + journalName),
           case .array(let entries)? = JSONParser.parse(bytes).root?.value {
            try carryOut(entries, root: root)
            done.append("completed an interrupted change of \(entries.count) file\(entries.count == 1 ? "" : "s")")
        } else if isPending(root: root) {
            unlink(root + "/" + journalName)
        }
        // Temporaries of an uncommitted change: in the root (the journal's) or anywhere under data/.
        func sweep(_ dir: String) {
            let folder = dir.isEmpty ? root : root + "/" + dir
            for name in FileAccess.list(folder) {
                let relative = dir.isEmpty ? name : dir + "/" + name
                if name.hasPrefix(AtomicWriter.temporaryPrefix) {
                    unlink(folder + "/" + name)
                    done.append("removed \(relative), left by an interrupted change")
                } else if !dir.isEmpty || name == "data", FileAccess.isDirectory(folder + "/" + name) {
                    sweep(relative)
                }
            }
        }
        sweep("")
        return done
    }
}

/// `ROSTER_CRASH_TEST_PAUSE_MS` widens the window between the steps of a commit, so the crash
/// test's SIGKILL lands inside it instead of mostly before or after. Tests only; unset, it costs
/// one environment lookup per run.
private let crashTestPause: UInt32 = {
    guard let text = getenv("ROSTER_CRASH_TEST_PAUSE_MS"), let ms = UInt32(String(cString: text)) else { return 0 }
    return ms * 1000
}()

private func pauseForCrashTests() {
    if crashTestPause > 0 { usleep(crashTestPause) }
}
