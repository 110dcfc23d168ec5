import RosterCore

/// What the Consumer Orgs page's script loads to sort, filter and search every org, cut into
/// pieces so that no fetch exceeds ``pieceTarget`` (well under 200 KB) however many orgs there
/// are. Orgs are numbered by their place in the page order (names in natural order); every
/// piece speaks of orgs by that number:
/// - `search/rows-N.js`: the table rows of consecutive orgs (what a row shows);
/// - `search/terms-N.js`: words (of names, ids, team names, members' names) with the orgs that
///   hold them (``PostingList``), and `prefix*` entries for prefixes of many words
///   (``PrefixLists``), in UTF-16 order, each piece a range of words;
/// - `search/status-S.js`: the orgs of one status;
/// - `search/manifest.js` and `search-index.json`: where the pieces start (``OrgsIndexFiles``).
/// Pieces are `.js` files that register themselves (`RosterOrgsIndex.add(name, data)`): loaded
/// by script tags, they work from `file://`, where `fetch` does not. Data is JSON with `<`, `>`,
/// `&` and U+2028/2029 escaped, so no record text can end a string or a script.
struct OrgsIndex: Sendable {
    /// A piece is cut once it reaches this size (a row or a word's list is far smaller).
    static let pieceTarget = 96 * 1024
    /// Rows per piece at most, so a sort that needs a few rows loads little.
    static let rowsPerPiece = 1000
    /// Share names a row carries at most; the org's page lists them all.
    static let shareNamesShown = 10

    let total: Int
    /// Bytes of each rows piece (`[row, ...]`) and the number of its first org.
    var rows: [(first: Int, json: [UInt8])] = []
    /// Bytes of each terms piece (`{word: list, ...}`) and its first word.
    var terms: [(first: String, json: [UInt8])] = []
    /// Each status with its count and its orgs' list.
    var statuses: [(status: OrgStatus, count: Int, list: String)] = []

    init(_ m: PortalModel) {
        let orgs = m.snapshot.orgs, order = m.orgOrder
        total = order.count
        // The model's tables taken out once, and each org read in place: through `m` and
        // `orgs[k]` on every core, each use copied a table or a record, a reference count per
        // field, on objects both threads count.
        let sharesOfOrg = m.sharesOfOrg, activeUsers = m.activeUsers
        let runs = stride(from: 0, to: order.count, by: 512).map { $0..<min(order.count, $0 + 512) }
        let encoded = parallelMap(runs, chunkSize: 1) { run in
            orgs.withUnsafeBufferPointer { orgs in
                run.map { k in
                    let org = orgs.baseAddress! + order[k]
                    let place = sharesOfOrg.place(position: order[k], id: org.pointee.record.id)
                    return Self.row(org, shares: sharesOfOrg, users: place.map { activeUsers[place: $0] }, at: place)
                }
            }
        }.flatMap { $0 }
        rows = Self.cut(encoded, open: 0x5B, close: 0x5D, limit: Self.rowsPerPiece)
        terms = Self.cut(Self.postings(orgs, order: order), open: 0x7B, close: 0x7D, limit: .max)
        // Each status's orgs in a list of their own, found by the status's place among the
        // cases (a dictionary hashed each of 10,000 statuses); each org read in place (copied
        // as the loop variable, it cost a reference count per field).
        let cases = OrgStatus.allCases
        var byStatus = [[Int]](repeating: [], count: cases.count)
        orgs.withUnsafeBufferPointer { orgs in
            for n in order.indices {
                let status = orgs[order[n]].record.status
                byStatus[cases.firstIndex(of: status)!].append(n)
            }
        }
        statuses = cases.indices.sorted { cases[$0].rawValue < cases[$1].rawValue }.map { k in
            (cases[k], byStatus[k].count, PostingList.encode(byStatus[k], total: total))
        }
    }

    /// `["name","id","status",teams,users,invitations,shares,"created","share names"]`: the
    /// row of the org `org` points to, which consumes the shares at `place` of `shares` (none
    /// when nil) and has `users` active users (counted when nil). Read through a pointer: an org
    /// handed over as a value was copied, a reference count per field, for each of 100,000
    /// orgs; the shares lent in place, their names escaped one after the other into the string
    /// (joined first, each link was copied, a reference count for each of its fields).
    static func row(_ org: UnsafePointer<OrgFile>, shares: ByOrgID<[(share: ShareName, link: ShareLink)]>, users: Int?, at place: Int?) -> [UInt8] {
        var out: [UInt8] = [0x5B]
        for text in [org.pointee.record.name, org.pointee.record.id, org.pointee.record.status.rawValue] {
            JSONWriter.writeString(text, htmlSafe: true, into: &out)
            out.append(0x2C)
        }
        let active = users ?? org.pointee.record.userCount
        let teams = org.pointee.record.teams.count, members = org.pointee.record.members.count
        let count = place.map { shares[place: $0].count } ?? 0
        out.append(contentsOf: "\(teams),\(active),\(members - active),\(count),".utf8)
        JSONWriter.writeString(Labels.day(org.pointee.record.createdAt), htmlSafe: true, into: &out)
        out.append(contentsOf: [0x2C, 0x22])
        if let place {
            shares[place: place].forEachLent { k, s in
                guard k < shareNamesShown else { return }
                if k > 0 { out.append(contentsOf: [0x2C, 0x20]) }
                JSONWriter.appendEscaped(s.pointee.share.name, htmlSafe: true, into: &out)
            }
        }
        if count > shareNamesShown { out.append(contentsOf: " and \(count - shareNamesShown) more".utf8) }
        out.append(contentsOf: [0x22, 0x5D])
        return out
    }

    /// The words an org is found by.
    static func words(_ org: OrgRecord) -> [String] {
        var found = Set<String>(minimumCapacity: 64)
        var scratch: [UInt8] = []
        withUnsafePointer(to: OrgFile(path: "", record: org)) {
            eachWord($0, scratch: &scratch) { found.insert(String(decoding: $0, as: UTF8.self)) }
        }
        return Array(found)
    }

    /// Calls `body` with the bytes of each word of the org's name, id, team names and members'
    /// names, a word as often as it occurs; `scratch` is a buffer reused from call to call.
    /// The org is read through a pointer (see ``row(_:shares:users:)``).
    static func eachWord(_ org: UnsafePointer<OrgFile>, scratch: inout [UInt8], _ body: (UnsafeRawBufferPointer) -> Void) {
        SearchTokens.eachWord(org.pointee.record.name, scratch: &scratch, body)
        SearchTokens.eachWord(org.pointee.record.id, scratch: &scratch, body)
        org.pointee.record.teams.forEachLent { _, team in SearchTokens.eachWord(team.pointee.name, scratch: &scratch, body) }
        // Lent: a member copied out of the array costs a reference count per field.
        org.pointee.record.members.forEachLent { _, member in
            SearchTokens.eachWord(member.pointee.firstName, scratch: &scratch, body)
            SearchTokens.eachWord(member.pointee.lastName, scratch: &scratch, body)
        }
    }

    /// `"word":"list"` entries, in word order.
    /// Orgs are numbered by their place in `order` (places in `orgs`).
    static func postings(_ orgs: [OrgFile], order: [Int], parts: Int = max(1, min(8, ParallelJobs.defaultWorkers))) -> [(String, [UInt8])] {
        // Each run of consecutive orgs gathers the lists of its words on a core of its own (an
        // org is added once to a word's list, however often the word occurs in it), in a table
        // for each part of the words (by a hash of their bytes); each part then joins the runs'
        // lists in order, so each list stays in org order, and sorts its words, on a core of
        // its own; the sorted parts are merged. One table for every org, filled on one thread,
        // held up the whole build for 40 ms at 10,000 orgs; the runs joined on one thread
        // took 130 ms at 100,000; the words of every org at once held 50 MB.
        let runs = stride(from: 0, to: order.count, by: 2048).map { $0..<min(order.count, $0 + 2048) }
        let partial = parallelMap(runs, chunkSize: 1) { run -> [WordLists] in
            var lists = [WordLists](repeating: WordLists(), count: parts)
            var scratch: [UInt8] = []
            scratch.reserveCapacity(64)
            orgs.withUnsafeBufferPointer { orgs in
                for k in run {
                    eachWord(orgs.baseAddress! + order[k], scratch: &scratch) { word in
                        let hash = NameTable<Bool>.hash(word)
                        lists[part(of: hash, parts)].add(word, hash: hash, org: k)
                    }
                }
            }
            return lists
        }
        let sortedParts = parallelMap(Array(0..<parts), chunkSize: 1) { p -> [(word: String, list: [Int])] in
            var all = WordLists()
            for lists in partial { all.join(lists[p]) }
            return all.sorted()
        }
        var sorted: [String] = [], lists: [[Int]] = []
        sorted.reserveCapacity(sortedParts.reduce(0) { $0 + $1.count })
        lists.reserveCapacity(sorted.capacity)
        var heads = [Int](repeating: 0, count: parts)
        while true {
            var least: Int? = nil
            for p in 0..<parts where heads[p] < sortedParts[p].count {
                if let l = least, !SearchTokens.less(sortedParts[p][heads[p]].word, sortedParts[l][heads[l]].word) { continue }
                least = p
            }
            guard let p = least else { break }
            sorted.append(sortedParts[p][heads[p]].word)
            lists.append(sortedParts[p][heads[p]].list)
            heads[p] += 1
        }
        let entries = PrefixLists.merged(sorted, PrefixLists.prefixes(sorted))
        let total = order.count, found = lists
        return parallelMap(entries, chunkSize: 1024) { entry -> (String, [UInt8]) in
            let list: [Int]
            switch entry {
            case .word(_, let place): list = found[place]
            case .prefix(_, let range): list = PrefixLists.union(Array(found[range]), total: total)
            }
            let key = entry.key
            var out: [UInt8] = []
            JSONWriter.writeString(key, htmlSafe: true, into: &out)
            out.append(0x3A)
            JSONWriter.writeString(PostingList.encode(list, total: total), htmlSafe: true, into: &out)
            return (key, out)
        }
    }

    /// Which of `parts` parts of the words a word whose ``NameTable/hash(_:)`` is `hash` is in:
    /// its high half (the low bits pick the word's slot in its part's table, which would then
    /// use only the slots of one remainder).
    static func part(of hash: UInt64, _ parts: Int) -> Int {
        Int((hash >> 32) % UInt64(parts))
    }

    /// Entries joined into pieces of about ``pieceTarget`` bytes (at most `limit` entries),
    /// each between `open` and `close`, one entry a line; each piece named by its first entry.
    static func cut<Key>(_ entries: [(Key, [UInt8])], open: UInt8, close: UInt8, limit: Int) -> [(first: Key, json: [UInt8])] {
        cut(entries.map(\.1), open: open, close: close, limit: limit).map { (entries[$0.first].0, $0.json) }
    }

    /// The same for entries named by their place: each piece named by the place of its first.
    static func cut(_ entries: [[UInt8]], open: UInt8, close: UInt8, limit: Int) -> [(first: Int, json: [UInt8])] {
        var pieces: [(first: Int, json: [UInt8])] = []
        var current: [UInt8] = [], first = 0, count = 0
        func flush() {
            guard count > 0 else { return }
            current.append(contentsOf: [0x0A, close])
            pieces.append((first, current))
            current = []; count = 0
        }
        for (k, bytes) in entries.enumerated() {
            if count > 0 && (current.count + bytes.count > pieceTarget || count >= limit) { flush() }
            if count == 0 { first = k; current = [open, 0x0A] } else { current.append(contentsOf: [0x2C, 0x0A]) }
            current.append(contentsOf: bytes)
            count += 1
        }
        flush()
        return pieces
    }
}
