import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// The export's files while they are written: each goes into a temporary file beside its place
/// (so it can be written while the records are still being validated), and is renamed over its
/// place only by ``commit()``, once the records are known to be valid; ``abandon()`` removes
/// them with any folder made for them, so that invalid records change no file. Nothing is
/// fsynced: the export is made again from the records at any time, and the rename keeps a
/// reader from ever seeing half a file.
public final class StagedExport: @unchecked Sendable {
    private struct File {
        var path: String
        var temporary: String
        var descriptor: Int32
        /// The first write that failed (the reason), set only by the file's sink.
        var failure: String?
    }

    private var files: [File] = []
    /// Folders made for the files, deepest last.
    private var made: [String] = []
    /// One per file, in order: where the file's pieces go.
    private(set) var sinks: [OrderedSink] = []

    /// Opens a temporary file for each of `paths` (relative) under `folder`, which
    /// ``ExportDestination/check(output:root:files:)`` accepted.
    public init(folder: String, paths: [String]) throws(AtomicWriter.WriteError) {
        for path in paths {
            let target = folder + "/" + path
            let directory = AtomicWriter.parent(of: target)
            do throws(AtomicWriter.WriteError) { try makeDirectories(directory) } catch {
                abandon()
                throw error
            }
            let temporary =
                directory + "/" + AtomicWriter.temporaryPrefix + "\(getpid())-" + (path.split(separator: "/").last.map(String.init) ?? "file")
            let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard fd >= 0 else {
                let error = AtomicWriter.failure(target)
                abandon()
                throw error
            }
            files.append(File(path: target, temporary: temporary, descriptor: fd))
        }
        sinks = files.indices.map { k in OrderedSink { [unowned self] bytes in self.append(bytes, to: k) } }
    }

    /// Called by file `k`'s sink only, one piece at a time.
    private func append(_ bytes: UnsafeRawBufferPointer, to k: Int) {
        guard files[k].failure == nil, var at = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let n = write(files[k].descriptor, at, left)
            if n <= 0 {
                files[k].failure = String(cString: strerror(n == 0 ? EIO : errno))
                return
            }
            at += n
            left -= n
        }
    }

    /// Puts every file in its place (a file that already holds exactly these bytes keeps them and
    /// its modification time); on a failure, nothing more is renamed and the rest is removed.
    public func commit() throws(AtomicWriter.WriteError) {
        for k in files.indices {
            if let reason = files[k].failure {
                let path = files[k].path
                abandon()
                throw AtomicWriter.WriteError(path: path, reason: reason)
            }
            close(files[k].descriptor)
            files[k].descriptor = -1
            if Self.sameBytes(files[k].temporary, files[k].path) {
                unlink(files[k].temporary)
            } else if rename(files[k].temporary, files[k].path) != 0 {
                let error = AtomicWriter.failure(files[k].path)
                abandon()
                throw error
            }
            files[k].temporary = ""
        }
        made = []
    }

    /// Removes the temporary files not yet renamed and the folders made for them.
    public func abandon() {
        for k in files.indices where !files[k].temporary.isEmpty {
            if files[k].descriptor >= 0 { close(files[k].descriptor) }
            unlink(files[k].temporary)
            files[k].temporary = ""
        }
        for folder in made.reversed() { rmdir(folder) }
        made = []
    }

    /// Whether `existing` is a regular file with the same bytes as `new`.
    static func sameBytes(_ new: String, _ existing: String) -> Bool {
        var a = stat(), b = stat()
        guard lstat(existing, &b) == 0, (b.st_mode & S_IFMT) == S_IFREG, stat(new, &a) == 0, a.st_size == b.st_size else { return false }
        guard case .success(let x) = FileAccess.read(new), case .success(let y) = FileAccess.read(existing) else { return false }
        return x == y
    }

    /// Makes `directory` and its missing parents, remembering those it made.
    private func makeDirectories(_ directory: String) throws(AtomicWriter.WriteError) {
        var info = stat()
        if stat(directory, &info) == 0 { return }
        try makeDirectories(AtomicWriter.parent(of: directory))
        guard mkdir(directory, 0o755) == 0 || errno == EEXIST else { throw AtomicWriter.failure(directory) }
        made.append(directory)
    }
}
