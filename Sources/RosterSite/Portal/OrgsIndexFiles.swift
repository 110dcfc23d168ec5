import RosterCore

/// The files of ``OrgsIndex``: its pieces as self-registering scripts under `search/`, and the
/// manifest that says where each piece starts, as `search/manifest.js` for the page's script
/// and as `search-index.json` for anyone else.
///
/// `search-index.json` (a contract path) used to be one array of every org, share and doc,
/// about 200 bytes an org: 20 MB at 100,000 orgs. It is now this manifest (`"format":
/// "roster-orgs-index/1"`, an object, so a reader of the old array fails at once instead of
/// finding a part of the orgs); the orgs themselves are in its pieces and in `api/orgs.json`,
/// the shares in `api/shares.json`.
enum OrgsIndexFiles {
    static let folder = "search/"

    static func jobs(_ index: OrgsIndex) -> [PortalBuilder.Job] {
        let manifest = self.manifest(index)
        var jobs = [
            PortalBuilder.Job(path: "search-index.json", key: nil) { manifest },
            PortalBuilder.Job(path: folder + "manifest.js", key: nil) { script("manifest", manifest) },
        ]
        for (n, piece) in index.rows.enumerated() {
            jobs.append(.init(path: folder + "rows-\(n).js", key: nil) { script("rows-\(n)", piece.json) })
        }
        for (n, piece) in index.terms.enumerated() {
            jobs.append(.init(path: folder + "terms-\(n).js", key: nil) { script("terms-\(n)", piece.json) })
        }
        for s in index.statuses {
            var quoted: [UInt8] = []
            JSONWriter.writeString(s.list, htmlSafe: true, into: &quoted)
            let list = quoted
            jobs.append(.init(path: folder + "status-\(s.status.rawValue).js", key: nil) { script("status-\(s.status.rawValue)", list) })
        }
        return jobs
    }

    /// `RosterOrgsIndex.add("name", data);`: `data` is JSON written HTML-safe, a valid script.
    static func script(_ name: String, _ json: [UInt8]) -> [UInt8] {
        Array("RosterOrgsIndex.add(\"\(name)\", ".utf8) + (json.last == 0x0A ? json.dropLast() : json[...]) + Array(");\n".utf8)
    }

    static func manifest(_ index: OrgsIndex) -> [UInt8] {
        var j = JSONStream(htmlSafe: true, capacity: 16 * 1024)
        j.beginObject()
        j.field("format", "roster-orgs-index/1")
        j.field("orgs", index.total)
        j.field("pageSize", ListPages.pageSize)
        j.key("files")
        j.beginObject()
        j.field("rows", folder + "rows-{n}.js")
        j.field("terms", folder + "terms-{n}.js")
        j.field("status", folder + "status-{status}.js")
        j.field("orgs", "api/orgs.json")
        j.field("shares", "api/shares.json")
        j.endObject()
        j.field("row", "[name, id, status, teams, users, invitations, shares, created, share names]; orgs numbered from 0 in page order")
        j.key("rows")
        j.beginArray()
        for piece in index.rows { j.number(piece.first) }
        j.endArray()
        j.field("terms", strings: index.terms.lazy.map(\.first))
        j.key("statuses")
        j.beginObject()
        for s in index.statuses {
            j.key(text: s.status.rawValue)
            j.number(s.count)
        }
        j.endObject()
        j.endObject()
        return j.bytes + [0x0A]
    }
}
