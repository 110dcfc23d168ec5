/// The org files an earlier `roster build` ran the per-org rules on and found nothing to say
/// about, kept beside its portal (`.roster-build.clean`) so that the next build does not run
/// those rules again on an org file that holds the same bytes.
///
/// Keyed by content, never by time: an entry is the FNV-1a of a file's bytes and of its path and
/// size, so a change within the same second, or of the same size, makes a different entry. The
/// whole set belongs to one ``context``: the roster binary that ran the rules, the validation
/// options (the day ages are measured from), and the path and fingerprint of every record file
/// that is not an org (the settings and shares the per-org rules read). Only clean orgs are
/// kept: an org with a finding is checked again, and no message, name or e-mail is written next
/// to a portal that may be published.
///
/// FNV-1a is not a cryptographic hash; a file made to collide with an earlier clean version of
/// itself would skip the per-org rules in `roster build` (which keys its pages the same way).
/// `roster validate` and `roster check`, which decide what may be merged, never read this file.
public struct CleanOrgs: Sendable, Equatable {
    public struct Key: Hashable, Sendable {
        /// FNV-1a of the file's bytes (``Snapshot/fingerprint(_:)``).
        var content: UInt64
        /// FNV-1a of the file's path and size.
        var place: UInt64

        init(path: String, size: Int, content: UInt64) {
            var h = FNV1a()
            h.add(path)
            h.add(String(size))
            (self.content, place) = (content, h.value)
        }

        init(content: UInt64, place: UInt64) {
            (self.content, self.place) = (content, place)
        }
    }

    /// What a build asks of the load: the name of the roster binary (its rules), and the clean
    /// orgs of the last build into the same folder, if any.
    public struct Request: Sendable {
        public var salt: String
        public var earlier: CleanOrgs?
        /// Whether the load reads the records it decoded before from `.roster-cache/records`,
        /// and saves them there for the next build once validation passed (``SavedRecords``).
        public var keepsRecords: Bool

        public init(salt: String, earlier: CleanOrgs?, keepsRecords: Bool = false) {
            (self.salt, self.earlier, self.keepsRecords) = (salt, earlier, keepsRecords)
        }
    }

    public static let fileName = ".roster-build.clean"
    static let magic = Array("roster-clean-orgs 1\n".utf8)

    public let context: UInt64
    /// In the order of the snapshot's orgs: the same records give the same bytes.
    let keys: [Key]
    /// Made when read from a file, to be looked up; a load's own set is only written.
    private let lookup: Set<Key>?

    init(context: UInt64, keys: [Key], lookup: Bool = false) {
        (self.context, self.keys, self.lookup) = (context, keys, lookup ? Set(keys) : nil)
    }

    func contains(_ key: Key) -> Bool { lookup?.contains(key) ?? keys.contains(key) }

    public static func == (a: CleanOrgs, b: CleanOrgs) -> Bool { a.context == b.context && a.keys == b.keys }

    /// The context of a load: the binary, the options, and every record file besides the orgs,
    /// by path and fingerprint (nil: the file could not be read).
    static func context(salt: String, options: ValidationOptions, others: [(path: String, fingerprint: UInt64?)]) -> UInt64 {
        var h = FNV1a()
        h.add(salt)
        h.add(options.today.description)
        h.add(options.errorsOnly ? "errors only" : "all")
        for file in others {
            h.add(file.path)
            h.add(file.fingerprint.map { String($0, radix: 16) } ?? "unread")
        }
        return h.value
    }

    /// The magic line, the context, the count, then two numbers a key (little-endian).
    public func bytes() -> [UInt8] {
        var out = Self.magic
        out.reserveCapacity(out.count + 16 + keys.count * 16)
        func add(_ n: UInt64) { withUnsafeBytes(of: n.littleEndian) { out += $0 } }
        add(context)
        add(UInt64(keys.count))
        for key in keys {
            add(key.content)
            add(key.place)
        }
        return out
    }

    /// Nil for anything but a whole file of this version: then every org is checked.
    public static func parse(_ bytes: [UInt8]) -> CleanOrgs? {
        let start = magic.count
        guard bytes.count >= start + 16, bytes[..<start].elementsEqual(magic) else { return nil }
        return bytes.withUnsafeBytes { raw -> CleanOrgs? in
            func number(_ k: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + 8 * k, as: UInt64.self)) }
            let count = number(1)
            guard count <= UInt64((bytes.count - start - 16) / 16), bytes.count == start + 16 + Int(count) * 16 else { return nil }
            let keys = (0..<Int(count)).map { Key(content: number(2 + 2 * $0), place: number(3 + 2 * $0)) }
            return CleanOrgs(context: number(0), keys: keys, lookup: true)
        }
    }
}
