/// The files `roster export` writes (content/enforcing-access.md): `access.json`, `scim/Users.json` and
/// `scim/Groups.json`, as canonical JSON (deterministic bytes). They carry full e-mails, so they
/// never go where the portal publishes (see ``ExportDestination``).
///
/// For 100,000 users the files weigh 153 MB. They are laid out straight from the records
/// (``ExportRows``: each org's and user's fragments made once, then copied between constant
/// bytes), their long arrays in runs on all the cores, and each run handed to its file as soon
/// as the runs before it were (``OrderedSink``): never held whole in memory.
public enum AccessExport {
    /// The files' paths, relative to the output folder, in a fixed order.
    public static let paths = ["access.json", "scim/Users.json", "scim/Groups.json"]

    /// What an export holds, for the command's last line.
    public struct Summary: Sendable, Equatable {
        public var users: Int
        public var activeUsers: Int
        public var orgs: Int
    }

    /// Elements per run of a long array (a run of users is about 250 KB: it stays in the cache).
    static let run = 256

    /// Writes the bytes of the file `paths[k]` to `sinks[k]`, the long arrays in runs of `run`.
    static func write(_ snapshot: Snapshot, on day: CalendarDate, to sinks: [OrderedSink], run: Int = run) -> Summary {
        let rows = ExportRows(snapshot, on: day)
        let pieces = access(rows, Pieces(sink: 0, run: run)) + users(rows, Pieces(sink: 1, run: run)) + groups(rows, Pieces(sink: 2, run: run))
        OrderedSink.run(pieces, into: sinks)
        return withExtendedLifetime(rows) { Summary(users: rows.users.count, activeUsers: rows.activeUsers, orgs: rows.orgs.count) }
    }

    /// Writes the files into `staged` (see ``StagedExport``).
    public static func write(_ snapshot: Snapshot, on day: CalendarDate, to staged: StagedExport) -> Summary {
        write(snapshot, on: day, to: staged.sinks)
    }

    /// The files' bytes in memory, in the order of ``paths``.
    public static func files(_ snapshot: Snapshot, on day: CalendarDate) -> [(path: String, bytes: [UInt8])] {
        let buffers = paths.map { _ in ByteCollector() }
        _ = write(snapshot, on: day, to: buffers.map { b in OrderedSink { b.bytes.append(contentsOf: $0) } })
        return zip(paths, buffers).map { ($0, $1.bytes) }
    }

    /// `{ "date", "orgs": [...], "users": [...], "apps": [...] }`.
    static func access(_ rows: ExportRows, _ pieces: Pieces) -> [OrderedSink.Piece] {
        var pieces = pieces
        var head = JSONStream()
        head.beginObject()
        head.field("date", rows.day.description)
        pieces.constant(head.take() + Array(",\n  \"orgs\": [".utf8))
        pieces.elements(rows.orgs.count) { k, out in ExportLayout.org(k, rows.orgs[Int(rows.orgOrder[k])], &out) }
        pieces.constant(close(rows.orgs.count) + Array(",\n  \"users\": [".utf8))
        pieces.elements(rows.users.count) { k, out in
            let user = rows.users[Int(rows.userOrder[k])]
            ExportLayout.accessUser(k, user, rows.orgs[Int(user.org)], &out)
        }
        var apps = JSONStream(continuingArrayAtDepth: 2, after: 0)
        for app in rows.apps {
            apps.beginObject()
            apps.field("org", app.org)
            apps.field("id", app.id)
            apps.field("team", app.team)
            apps.field("shares", strings: app.shares)
            apps.endObject()
        }
        let tail = close(rows.users.count) + Array(",\n  \"apps\": [".utf8) + apps.take() + close(rows.apps.count) + Array("\n}\n".utf8)
        pieces.constant(tail)
        return pieces.list
    }

    /// `scim/Users.json`: every user, sorted by e-mail.
    static func users(_ rows: ExportRows, _ pieces: Pieces) -> [OrderedSink.Piece] {
        listResponse(rows.users.count, pieces) { k, out in
            let user = rows.users[Int(rows.userOrder[k])]
            ExportLayout.scimUser(k, user, rows.orgs[Int(user.org)], &out)
        }
    }

    /// `scim/Groups.json`: every org and team group, sorted by external id.
    static func groups(_ rows: ExportRows, _ pieces: Pieces) -> [OrderedSink.Piece] {
        listResponse(rows.groups.count, pieces) { k, out in
            ExportLayout.group(k, rows.groups[Int(rows.groupOrder[k])], rows.users, &out)
        }
    }

    /// An RFC 7644 section 3.4.2 ListResponse holding all `count` resources on one page.
    static func listResponse(_ count: Int, _ pieces: Pieces, _ resource: @escaping (Int, inout OutputBuffer) -> Void) -> [OrderedSink.Piece] {
        var pieces = pieces
        var head = JSONStream()
        head.beginObject()
        head.key("schemas")
        head.beginArray()
        head.string(SCIMDocuments.listSchema)
        head.endArray()
        head.field("totalResults", count)
        head.field("startIndex", 1)
        head.field("itemsPerPage", count)
        head.key("Resources")
        pieces.constant(head.take() + Array("[".utf8))
        pieces.elements(count, resource)
        pieces.constant(close(count) + Array("\n}\n".utf8))
        return pieces.list
    }

    /// What closes a long array of `count` elements (its members at depth 1).
    static func close(_ count: Int) -> [UInt8] {
        Array((count == 0 ? "]" : "\n  ]").utf8)
    }

    /// The pieces of one file, numbered in order.
    struct Pieces {
        let sink: Int
        let run: Int
        var list: [OrderedSink.Piece] = []

        mutating func constant(_ bytes: [UInt8]) {
            list.append(OrderedSink.Piece(sink: sink, index: list.count) { $0.append(bytes) })
        }

        /// `count` elements in runs, element `k` written by `element(k, &out)`.
        mutating func elements(_ count: Int, _ element: @escaping (Int, inout OutputBuffer) -> Void) {
            for start in stride(from: 0, to: count, by: run) {
                let range = start..<min(count, start + run)
                list.append(OrderedSink.Piece(sink: sink, index: list.count) { out in for k in range { element(k, &out) } })
            }
        }
    }

    final class ByteCollector: @unchecked Sendable {
        var bytes: [UInt8] = []
    }
}
