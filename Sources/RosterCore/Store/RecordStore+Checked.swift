/// A lean load that validates as it reads: `roster validate` of 100,000 orgs read again the
/// 16,000 files with findings only to place them, and walked every org a second time for the
/// per-org rules after the load.
extension RecordStore {
    /// The per-org rules of a validation, run on one org and its bytes; the findings placed.
    typealias OrgCheck = @Sendable (OrgFile, [UInt8]) -> [Finding]

    /// Reads the settings and the shares first (the per-org rules look at both), then the orgs,
    /// each checked by the per-org rules while its bytes are in hand; a file unchanged since
    /// `saved` (the records the last build saved, with `clean.keepsRecords`) comes from there.
    static func loadChecked(
        _ folders: RecordFolders, root: String, jobs: [(String, RecordKind)], findings: [Finding], options: ValidationOptions,
        fingerprints: Bool, clean: CleanOrgs.Request? = nil, saved: SavedRecords? = nil, stamps: RecordStamps? = nil,
        now: Int64 = RacyTimes.now()
    ) -> Snapshot {
        // Only with records saved is there anything to compare stamps with.
        let stamps = saved == nil ? nil : stamps?.table()
        let match = saved?.match(jobs).entries ?? []
        let others = jobs.indices.filter { jobs[$0].1 != .org }
        let window = saved?.window(others.map { match[$0] })
        let first = parallelMap(others) { j in
            if let saved, let window,
                let result = savedResult(saved, match[j], in: window, folders: folders, stamps: stamps, job: jobs[j], context: nil, earlier: nil)
            {
                return result
            }
            return loadFile(folders, root: root, path: jobs[j].0, kind: jobs[j].1, keep: false, fingerprint: fingerprints || clean != nil)
        }
        let check = Validator.orgCheck(ValidationContext(snapshot: assemble(first, extraFindings: []), options: options))
        // What the per-org rules read besides the org: an earlier build's clean orgs count only
        // when it is all the same.
        let context = clean.map { CleanOrgs.context(salt: $0.salt, options: options, others: first.map { ($0.path, $0.fingerprint) }) }
        let earlier: CleanOrgs?? = clean.map { request in request.earlier.flatMap { $0.context == context ? $0 : nil } }
        // In the order of the jobs, which the snapshot keeps, in one array (two arrays of
        // 110,000 results, then a third merging them, held 30 MB more at once).
        var slots = [Int](repeating: -1, count: jobs.count), k = 0
        for j in others {
            slots[j] = k
            k += 1
        }
        let slot = slots
        // A window of saved entries at a time (``SavedRecords/window(_:)``).
        let results = parallelMap(
            Array(jobs.indices), window: SavedRecords.windowJobs,
            prepare: { part in saved?.window(part.map { slot[$0] >= 0 ? -1 : match[$0] }) }
        ) { window, j in
            if slot[j] >= 0 { return first[slot[j]] }
            if let saved, let window,
                let result = savedResult(
                    saved, match[j], in: window, folders: folders, stamps: stamps, job: jobs[j], context: context, earlier: earlier)
            {
                return result
            }
            return loadFile(folders, root: root, path: jobs[j].0, kind: .org, keep: false, fingerprint: fingerprints, check: check, clean: earlier)
        }
        var snapshot = assemble(results, extraFindings: findings)
        snapshot.unkept = UnkeptSources(folders: folders, results)
        snapshot.checked = CheckedOrgs(options: options, findings: results.indices.filter { results[$0].org != nil }.map { results[$0].checked })
        snapshot.cleanOrgs = context.map { CleanOrgs(context: $0, keys: results.compactMap(\.clean)) }
        snapshot.savedRecordsUsed = results.reduce(0) { $0 + ($1.unread ? 1 : 0) }
        if let saved, let context {
            snapshot.recordsToSave = RecordsToSave(saved: saved, parts: parts(results, context: context, now: now))
        }
        return snapshot
    }

    /// The result of a record file from its saved entry `k`, if the file is still the one saved
    /// (and, for an org, the per-org rules' findings on it are known in `context`); nil: read it.
    static func savedResult(
        _ saved: SavedRecords, _ k: Int, in window: SavedRecords.Window, folders: RecordFolders, stamps: RecordStamps.Lookup?,
        job: (path: String, kind: RecordKind), context: UInt64?, earlier: CleanOrgs??
    ) -> FileResult? {
        guard k >= 0, let stamp = folders.stamp(job.path, known: stamps), let entry = saved.entry(k, in: window, stamp: stamp, kind: job.kind) else {
            return nil
        }
        var result = FileResult(path: job.path)
        (result.stamp, result.fingerprint, result.saved, result.unread) = (stamp, entry.fingerprint, k, true)
        if let share = entry.share { result.share = ShareFile(path: job.path, record: share) }
        guard let org = entry.org else { return result }
        result.org = OrgFile(path: job.path, record: org)
        let key = CleanOrgs.Key(path: job.path, size: stamp.size, content: entry.fingerprint)
        if entry.context == context {
            result.checked = entry.findings
        } else if let found = earlier ?? nil, found.contains(key) {
            // Clean in this context too: the entry is saved again with it.
            (result.checked, result.saved) = ([], nil)
        } else {
            return nil
        }
        if result.checked?.isEmpty == true, earlier != nil { result.clean = key }
        return result
    }

    /// What the next saved records hold, in the order of the jobs: entries kept as they were,
    /// and new ones for the files read that decoded cleanly, are old enough not to be racy, and
    /// (orgs) were checked in `context`.
    static func parts(_ results: [FileResult], context: UInt64, now: Int64) -> [SavedRecords.Part] {
        results.compactMap { r -> SavedRecords.Part? in
            if let k = r.saved { return .kept(k) }
            guard r.findings.isEmpty, !r.outdated, let stamp = r.stamp, !RacyTimes.isRacy(stamp.latest, at: now), let print = r.fingerprint
            else { return nil }
            var entry = SavedRecords.NewEntry(path: r.path, stamp: stamp, fingerprint: print, context: 0, findings: [])
            if let org = r.org, let checked = r.checked {
                (entry.org, entry.context, entry.findings) = (org, context, checked)
            } else if let share = r.share {
                entry.share = share
            } else {
                return nil
            }
            return .new(entry)
        }
    }
}

/// The saved records a build's load found, and what it would save instead: written once
/// validation passed (a refused build writes nothing).
struct RecordsToSave: Sendable {
    let saved: SavedRecords
    let parts: [SavedRecords.Part]
}

extension Snapshot {
    /// Saves the records this load decoded for the next build (``SavedRecords``), if it was
    /// asked to keep them; then lets go of what was saved before. Whether new entries were made.
    @discardableResult
    public mutating func saveRecords() -> Bool {
        takeRecordsToSave()?() ?? false
    }

    /// What ``saveRecords()`` would do, to be done later or on another thread (the snapshot no
    /// longer holds it); nil when there is nothing to save.
    public mutating func takeRecordsToSave() -> (@Sendable () -> Bool)? {
        guard let pending = recordsToSave else { return nil }
        recordsToSave = nil
        return { pending.saved.save(pending.parts) }
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
