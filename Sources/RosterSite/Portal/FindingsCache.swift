import Foundation
import RosterCore

/// The per-org findings of the last `roster build`, kept in the output folder
/// (`.roster-findings`) so that the next build checks only the orgs whose files changed, as the
/// preview does in memory (``ValidationMemo``).
///
/// Safe by construction: an org's findings are used only while its file has the size and
/// fingerprint they were made for; the cache only when this roster wrote it
/// (``BuildManifest/generator``), for the same day, settings file and shares, and its checksum
/// holds. Anything else (missing, another version, truncated, edited) and it is ignored: it makes
/// a build faster, never different. Lines of text: the header, then for each org
/// `O<TAB>path<TAB>size:fingerprint<TAB>count` and its findings, one `F` line each.
struct FindingsCache {
    static let fileName = ".roster-findings"
    static let magic = "roster-findings 1"

    /// Each org file's fingerprint (``PortalBuilder/fingerprint(_:)``, which the keys of its
    /// pages use too), by path.
    let fingerprints: [String: UInt64]
    /// What every entry depends on besides its org's file.
    let header: [String]

    init(snapshot: Snapshot, today: CalendarDate) {
        let orgs = snapshot.orgs.map(\.path)
        let sources = snapshot.sources
        let values = parallelMap(orgs, chunkSize: 256) { path in sources[path].map(PortalBuilder.fingerprint) }
        var fingerprints: [String: UInt64] = [:]
        fingerprints.reserveCapacity(orgs.count)
        for (path, value) in zip(orgs, values) { fingerprints[path] = value }
        self.fingerprints = fingerprints
        header = [
            Self.magic, "generator\t" + BuildManifest.escape(BuildManifest.generator), "today\t\(today)",
            "settings\t" + (sources[Snapshot.marketplacePath].map { Self.stamp($0, PortalBuilder.fingerprint($0)) } ?? "-"),
            "shares\t" + String(ValidationMemo.sharesKey(snapshot), radix: 16),
        ]
    }

    /// The size and fingerprint of a file's bytes, as the cache writes them.
    static func stamp(_ bytes: [UInt8], _ fingerprint: UInt64) -> String {
        "\(bytes.count):" + String(fingerprint, radix: 16)
    }

    /// The stamp of the org file at `path` as it is now.
    func stamp(_ path: String, _ snapshot: Snapshot) -> String? {
        guard let bytes = snapshot.sources[path], let value = fingerprints[path] else { return nil }
        return Self.stamp(bytes, value)
    }

    /// A memo holding the cached findings still valid for `snapshot`: none when the cache is
    /// missing or in any doubt.
    func memo(_ output: SiteOutput, snapshot: Snapshot, today: CalendarDate) -> ValidationMemo {
        let memo = ValidationMemo()
        guard let entries = read(output) else { return memo }
        var valid: [(path: String, bytes: [UInt8], findings: [Finding])] = []
        for (path, entry) in entries where stamp(path, snapshot) == entry.stamp {
            guard let bytes = snapshot.sources[path] else { continue }
            valid.append((path, bytes, entry.findings))
        }
        memo.seed(
            settings: snapshot.sources[Snapshot.marketplacePath], shares: ValidationMemo.sharesKey(snapshot), today: today, entries: valid)
        return memo
    }

    /// Writes what `memo` remembers of the orgs of `snapshot` (the one it last validated: it
    /// holds their bytes, the same buffers).
    func save(_ output: SiteOutput, memo: ValidationMemo, snapshot: Snapshot) throws(SiteOutput.Failure) {
        guard let contents = memo.contents() else { return }
        var body: [UInt8] = []
        body.reserveCapacity(contents.entries.count * 96)
        for org in snapshot.orgs {
            guard let entry = contents.entries[org.path], snapshot.sources[org.path] == entry.bytes, let stamp = stamp(org.path, snapshot) else {
                continue
            }
            body += "O\t\(BuildManifest.escape(org.path))\t\(stamp)\t\(entry.findings.count)\n".utf8
            for f in entry.findings { body += Self.line(f).utf8 }
        }
        try output.write(Self.headerBytes(header, body: body) + body, to: Self.fileName)
    }

    static func headerBytes(_ header: [String], body: [UInt8]) -> [UInt8] {
        var h = FNV1a()
        h.add(body)
        return Array((header + ["check\t" + h.hex + ":\(body.count)"]).joined(separator: "\n").utf8) + [0x0A]
    }

    static func line(_ f: Finding) -> String {
        let fields = [
            "F", f.path, String(f.line), String(f.column), f.severity.rawValue, f.rule, f.pointer.map { "p" + $0 } ?? "", f.message,
        ]
        return fields.map(BuildManifest.escape).joined(separator: "\t") + "\n"
    }
}
