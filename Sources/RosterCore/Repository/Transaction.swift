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
/// Only the files ``ChangePaths`` allows are ever written, renamed or deleted, and a journal that
/// names anything else is refused before any of it is carried out.
public enum Transaction {
    public static let journalName = ".roster-journal"

    /// Why a change could not be written or completed.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// A file the change would write is not one a change may write: a record whose file
        /// name is not a valid id (loaded, but never written back or deleted), or a bug.
        case forbiddenPath(String)
        /// A folder on the way to a record is a symbolic link.
        case linkedFolder(String)
        /// The journal is not one roster wrote; nothing was done.
        case badJournal(String)
        case write(AtomicWriter.WriteError)

        public var description: String {
            switch self {
            case .forbiddenPath(let path):
                "refused: \(path) is not a file a change writes (data/marketplace.json, data/{orgs,shares,deletions}/<id>.json with an id of lower-case letters, digits and '-'); rename the record's file and id by hand first; nothing was written"
            case .linkedFolder(let path):
                "\(path) is a symbolic link; roster writes no record through a link: replace it with the folder itself; nothing was written"
            case .badJournal(let reason):
                "\(Transaction.journalName) \(reason), so it was not written by a roster change; nothing was replayed, moved or deleted. Inspect the file, remove it by hand (rm \(Transaction.journalName)) and check `git status`, then run the change again"
            case .write(let error): error.description
            }
        }
    }

    /// One step of a journal: move a temporary over `path`, or delete `path`.
    struct Step: Equatable {
        var path: String
        var temp: String?
    }

    public static func commit(_ files: [FileChange], root: String) throws(Failure) {
        guard !files.isEmpty else { return }
        for file in files where !ChangePaths.isWritable(file.path) { throw .forbiddenPath(file.path) }
        try checkFolders(files.map(\.path), root: root)
        var steps: [Step] = []
        do {
            for file in files {
                if let bytes = file.new {
                    let temp = try AtomicWriter.writeTemporary(bytes, beside: root + "/" + file.path)
                    pauseForCrashTests()
                    steps.append(Step(path: file.path, temp: String(temp.dropFirst(root.count + 1))))
                } else {
                    steps.append(Step(path: file.path, temp: nil))
                }
            }
            try AtomicWriter.write(journalBytes(steps), to: root + "/" + journalName)
        } catch {
            throw .write(error)
        }
        try carryOut(steps, root: root)
    }

    static func journalBytes(_ steps: [Step]) -> [UInt8] {
        let entries = steps.map { step in
            JSONNode(
                .object([
                    JSONMember(key: "path", node: JSONNode(.string(step.path))),
                    step.temp.map { JSONMember(key: "temp", node: JSONNode(.string($0))) }
                        ?? JSONMember(key: "delete", node: JSONNode(.bool(true))),
                ]))
        }
        return JSONWriter.canonicalBytes(JSONNode(.array(entries)))
    }

    /// Refuses when a folder on the way to one of `paths` is a symbolic link (a missing folder
    /// is created later, as a real one).
    static func checkFolders(_ paths: [String], root: String) throws(Failure) {
        for folder in Set(paths.map { AtomicWriter.parent(of: $0) }).sorted() {
            var walked = ""
            for part in folder.split(separator: "/") {
                walked += (walked.isEmpty ? "" : "/") + part
                var info = stat()
                guard lstat(root + "/" + walked, &info) == 0 else { break }
                if (info.st_mode & S_IFMT) != S_IFDIR { throw .linkedFolder(walked) }
            }
        }
    }

    /// Refuses a journal whose temporary is there but is not a regular file: roster writes
    /// each one anew, so a link (or a folder) there was placed by hand, and renaming it would put
    /// a link where a record was (a missing one was renamed by the interrupted run).
    static func checkTemporaries(_ steps: [Step], root: String) throws(Failure) {
        for step in steps {
            guard let temp = step.temp else { continue }
            var info = stat()
            if lstat(root + "/" + temp, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
                throw .badJournal(
                    "names the temporary \(JournalReader.quoted(temp)) for \(step.path), which is not a regular file (a symbolic link or a folder)")
            }
        }
    }

    static func carryOut(_ steps: [Step], root: String) throws(Failure) {
        var directories = Set<String>()
        for step in steps {
            let target = root + "/" + step.path
            if let temp = step.temp {
                // Already renamed by an earlier, interrupted run when the temporary is gone.
                if FileAccess.exists(root + "/" + temp), rename(root + "/" + temp, target) != 0 {
                    throw .write(AtomicWriter.failure(step.path))
                }
            } else if unlink(target) != 0, errno != ENOENT {
                throw .write(AtomicWriter.failure(step.path))
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
    /// the repository lock held. A journal that names a path a change does not write, or a
    /// temporary not of the transaction's naming, is refused before anything is done.
    /// Returns what it did, for the user.
    @discardableResult
    public static func recover(root: String) throws(Failure) -> [String] {
        var done: [String] = []
        if isPending(root: root) {
            let steps = try JournalReader.steps(FileAccess.read(root + "/" + journalName))
            try checkFolders(steps.map(\.path), root: root)
            try checkTemporaries(steps, root: root)
            try carryOut(steps, root: root)
            done.append("completed an interrupted change of \(Plural.count(steps.count, "file"))")
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
