/// A record together with its file, relative to the project root.
///
/// The record is kept in a shared box (copied on write), so copying a file value costs two
/// reference counts instead of one per string and list of the record: the portal and the
/// validator copy 10,000 orgs several times per build.
public struct RecordFile<Record: Sendable & Equatable>: Sendable, Equatable {
    public var path: String
    @usableFromInline var box: RecordBox<Record>

    public init(path: String, record: Record) {
        self.path = path
        box = RecordBox(record)
    }

    /// Inlinable, so that a caller in another module borrows the record in place instead of
    /// calling a generic accessor that copies the whole record (about 20 retains per org).
    @inlinable public var record: Record {
        _read { yield box.value }
        _modify {
            var value = box.value
            yield &value
            box = RecordBox(value)
        }
    }

    /// Calls `body` with the record lent from a box held for the call. Read through
    /// ``record`` from a file that is not a local (an array's element, a class's property),
    /// the record was copied for each use: a reference count for each of its fields.
    @inlinable public func withRecord<R>(_ body: (borrowing Record) throws -> R) rethrows -> R {
        let box = self.box
        return try body(box.value)
    }

    public static func == (a: RecordFile, b: RecordFile) -> Bool {
        a.path == b.path && (a.box === b.box || a.box.value == b.box.value)
    }
}
