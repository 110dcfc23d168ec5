/// A lean load that validates as it reads: `roster validate` of 100,000 orgs read again the
/// 16,000 files with findings only to place them, and walked every org a second time for the
/// per-org rules after the load.
extension RecordStore {
    /// The per-org rules of a validation, run on one org and its bytes; the findings placed.
    typealias OrgCheck = @Sendable (OrgFile, [UInt8]) -> [Finding]

    /// Reads the settings and the shares first (the per-org rules look at both), then the orgs,
    /// each checked by the per-org rules while its bytes are in hand.
    static func loadChecked(
        _ folders: RecordFolders, root: String, jobs: [(String, RecordKind)], findings: [Finding], options: ValidationOptions,
        fingerprints: Bool, clean: CleanOrgs.Request? = nil
    ) -> Snapshot {
        let others = jobs.filter { $0.1 != .org }
        let first = parallelMap(others) { loadFile(folders, root: root, path: $0, kind: $1, keep: false, fingerprint: fingerprints || clean != nil) }
        let check = Validator.orgCheck(ValidationContext(snapshot: assemble(first, extraFindings: []), options: options))
        // What the per-org rules read besides the org: an earlier build's clean orgs count only
        // when it is all the same.
        let context = clean.map { CleanOrgs.context(salt: $0.salt, options: options, others: first.map { ($0.path, $0.fingerprint) }) }
        let earlier: CleanOrgs?? = clean.map { request in request.earlier.flatMap { $0.context == context ? $0 : nil } }
        // In the order of the jobs, which the snapshot keeps, in one array (two arrays of
        // 110,000 results, then a third merging them, held 30 MB more at once).
        var slots = [Int](repeating: -1, count: jobs.count), k = 0
        for j in jobs.indices where jobs[j].1 != .org {
            slots[j] = k
            k += 1
        }
        let slot = slots
        let results = parallelMap(Array(jobs.indices)) { j in
            slot[j] >= 0
                ? first[slot[j]]
                : loadFile(folders, root: root, path: jobs[j].0, kind: .org, keep: false, fingerprint: fingerprints, check: check, clean: earlier)
        }
        var snapshot = assemble(results, extraFindings: findings)
        snapshot.unkept = UnkeptSources(folders: folders, results)
        snapshot.checked = CheckedOrgs(options: options, findings: results.indices.filter { results[$0].org != nil }.map { results[$0].checked })
        snapshot.cleanOrgs = context.map { CleanOrgs(context: $0, keys: results.compactMap(\.clean)) }
        return snapshot
    }
}

extension RecordStore {
    /// Whether `id` is, byte for byte, the file name of `path` without `.json` (what
    /// ``fileStem(_:)`` gives), without making that name a string. A name that is not ASCII is
    /// left to ``fileStem(_:)`` (false), which cuts `.json` by characters, not bytes.
    static func isStem(_ id: String, of path: String) -> Bool {
        var id = id, path = path
        return id.withUTF8 { id in
            path.withUTF8 { path in
                let start = (path.lastIndex(of: 0x2F) ?? -1) + 1
                guard !path[start...].contains(where: { $0 >= 0x80 }) else { return false }
                var end = path.count
                if end - start >= 5, path[(end - 5)...].elementsEqual(".json".utf8) { end -= 5 }
                return path[start..<end].elementsEqual(id)
            }
        }
    }
}

/// The findings of the per-org rules a lean load ran, one entry per org of the snapshot (nil for
/// an org not checked), and the options they were made with.
struct CheckedOrgs: Sendable {
    let options: ValidationOptions
    let findings: [[Finding]?]
}
