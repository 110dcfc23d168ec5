import Dispatch

/// Loads a repository's records into a ``Snapshot``, in parallel, keeping every problem.
public enum RecordStore {
    /// The outcome of reading one file.
    public struct FileResult: Sendable {
        var path: String
        var bytes: [UInt8]?
        var findings: [Finding] = []
        /// Files, not bare records: a cached result then shares its record with every snapshot.
        var org: OrgFile?
        var share: ShareFile?
        var marketplace: MarketplaceSettings?
        var outdated = false
        /// Set when the bytes were not kept (a lean load): enough to re-read them for positions.
        var stamp: RecordCache.Stamp?
        /// FNV-1a of the bytes, when a lean load was asked for it (``Snapshot/fingerprint(_:)``).
        var fingerprint: UInt64?
        /// The findings of the per-org rules, placed, when a lean load validated the org.
        var checked: [Finding]?
        /// When the per-org rules found nothing (or an earlier build found nothing in the same
        /// bytes): the org's entry in the next ``CleanOrgs``.
        var clean: CleanOrgs.Key?
        /// Set when the result is entry k of the saved records, unchanged (``SavedRecords``).
        var saved: Int?
        /// Whether the record came from the saved records, its file unread.
        var unread = false
    }

    /// Reads `data/` under `root`. Never throws: unreadable files become findings. With a
    /// `cache` (a long-running preview), files whose size, time and inode did not change since
    /// the last load are not parsed again. Without `keepSources` (a one-shot `validate`), the
    /// bytes of each file are dropped once decoded, and only the files with findings are read
    /// again to place them (110,000 files hold 400 MB); with `fingerprints`, a fingerprint of
    /// each file's bytes is kept instead (``Snapshot/fingerprint(_:)``: `roster build` keys pages by it).
    /// With `validating` (and without `cache` or `keepSources`), the per-org rules run on each
    /// org while its bytes are in hand, and ``Validator/validate(_:options:orgPaths:memo:)``
    /// with the same options takes their findings, already placed, instead of reading the
    /// files again to place them; with `clean` as well (`roster build`), those rules do not run
    /// on an org the earlier build found clean in the same bytes (``CleanOrgs``), and the
    /// snapshot's ``Snapshot/cleanOrgs`` are the clean orgs of this load; with
    /// `clean.keepsRecords`, unchanged files come from the records saved by the last build, and
    /// ``Snapshot/saveRecords()`` saves this load's (``SavedRecords``: a file whose times are
    /// not clearly older than `now`, read before the first file is looked at, is not saved);
    /// with `stamps`, a file is compared with its saved record by the stamp taken there.
    public static func load(
        root: String, cache: RecordCache? = nil, keepSources: Bool = true, fingerprints: Bool = false,
        validating: ValidationOptions? = nil, clean: CleanOrgs.Request? = nil, stamps: RecordStamps? = nil, now: Int64? = nil
    ) -> Snapshot {
        let now = now ?? RacyTimes.now()
        // Record folders are opened once, without following a link, and files are read
        // relative to them: `data/orgs -> /elsewhere` is never read (the scan reports it).
        let folders = RecordFolders(root: root)
        var keepOpen = false  // a lean snapshot reads files with findings again through them
        defer { if !keepOpen { folders.close() } }
        var jobs: [(String, RecordKind)] = [(Snapshot.marketplacePath, .marketplace)]
        // The record folders are listed once, for the scan for links and for the jobs. The
        // entries of the records saved by the last build (a lean load for `roster build`) are
        // found meanwhile: each is a walk on one thread, and one after the other they held up
        // the load (at 100,000 orgs, 45 ms).
        let records = [(Snapshot.orgsDirectory, RecordKind.org), (Snapshot.sharesDirectory, .share)]
        func listing() -> [String: [(name: String, kind: FileAccess.EntryKind)]] {
            var listed: [String: [(name: String, kind: FileAccess.EntryKind)]] = [:]
            for (dir, _) in records { listed[dir] = folders.entries(in: dir) }
            return listed
        }
        // The options of a lean load that validates as it reads (below), if this is one.
        let checking = cache == nil && !keepSources ? validating : nil
        let salt = checking != nil && clean?.keepsRecords == true ? clean?.salt : nil
        let (saved, listed) = salt.map { salt in concurrently({ SavedRecords(root: root, salt: salt) }, listing) } ?? (nil, listing())
        var findings = SymlinkScan.findings(root: root, listed: listed)
        for (dir, kind) in records {
            for (name, _) in listed[dir] ?? [] where !name.hasPrefix(".") {
                let path = dir + "/" + name
                if name.hasSuffix(".json") {
                    jobs.append((path, kind))
                } else {
                    findings.append(
                        Finding(
                            path: path, pointer: nil, line: 1, column: 1, severity: .warning, rule: LoaderRule.strayFile.id,
                            message: "\(dir)/ holds only <id>.json record files; this file is ignored"))
                }
            }
        }
        if Transaction.isPending(root: root) {
            findings.append(
                Finding(
                    path: Transaction.journalName, pointer: nil, line: 1, column: 1, rule: LoaderRule.interruptedChange.id,
                    message: "a change was interrupted before all its files were written; run `roster unlock` to complete it"))
        }
        guard let cache else {
            if let validating = checking {
                keepOpen = true
                return loadChecked(
                    folders, root: root, jobs: jobs, findings: findings, options: validating, fingerprints: fingerprints, clean: clean,
                    saved: saved, stamps: stamps, now: now)
            }
            let results = parallelMap(jobs) { loadFile(folders, root: root, path: $0, kind: $1, keep: keepSources, fingerprint: fingerprints) }
            var snapshot = assemble(results, extraFindings: findings)
            if !keepSources { (snapshot.unkept, keepOpen) = (UnkeptSources(folders: folders, results), true) }
            return snapshot
        }
        let known = cache.current()
        let loaded = parallelMap(jobs) { path, kind -> (stamp: RecordCache.Stamp?, result: RecordStore.FileResult) in
            let stamp = RecordCache.stamp(root + "/" + path)
            if let stamp, let hit = known[path], hit.stamp == stamp { return (stamp, hit.result) }
            return (stamp, loadFile(folders, root: root, path: path, kind: kind))
        }
        var next = RecordCache.Entries(minimumCapacity: loaded.count)
        for (job, file) in zip(jobs, loaded) {
            if let stamp = file.stamp { next[job.0] = (stamp, file.result) }
        }
        cache.store(next)
        return assemble(loaded.map(\.result), extraFindings: findings)
    }

    /// Loads one file's bytes into a result, read relative to its folder without following a link.
    static func loadFile(
        _ folders: RecordFolders, root: String, path: String, kind: RecordKind, keep: Bool = true, fingerprint: Bool = false,
        check: OrgCheck? = nil, clean: CleanOrgs?? = nil
    ) -> FileResult {
        switch folders.read(path) {
        case .success(let (bytes, stamp)):
            var result = decode(path: path, bytes: bytes, kind: kind)
            let print = fingerprint || clean != nil ? Snapshot.fingerprint(bytes) : nil
            // An org with load errors is checked for structure only (see Validator).
            if let check, let org = result.org, !result.findings.contains(where: { $0.severity == .error }) {
                let key = clean.map { _ in CleanOrgs.Key(path: path, size: bytes.count, content: print!) }
                if let key, let earlier = clean ?? nil, earlier.contains(key) {
                    result.checked = []
                } else {
                    result.checked = check(org, bytes)
                }
                if result.checked?.isEmpty == true { result.clean = key }
            }
            if !keep { (result.bytes, result.stamp) = (nil, stamp) }
            if !keep, fingerprint { result.fingerprint = print }
            return result
        case .failure(let error):
            var result = FileResult(path: path)
            let message: String
            switch error {
            case .symbolicLink:
                message = "record files must be regular files, not symbolic links (nor inside a linked folder); replace the link with the file itself"
            case .notRegularFile: message = "expected a regular file"
            case .system(let reason):
                if kind == .marketplace, !FileAccess.exists(root + "/" + path) {
                    message = "data/marketplace.json is missing; run `roster init` to create a repository, or pass --root DIR"
                } else {
                    message = "cannot read the file: \(reason)"
                }
            }
            let rule = error == .symbolicLink ? SymlinkScan.rule : LoaderRule.fileUnreadable.id
            result.findings.append(Finding(path: path, pointer: nil, line: 1, column: 1, rule: rule, message: message))
            return result
        }
    }

    /// Parses and decodes one record file: straight from its bytes when it is plain and has
    /// nothing to report (nearly every file), else through the tree of ``JSONParser``.
    static func decode(path: String, bytes: [UInt8], kind: RecordKind) -> FileResult {
        var result = FileResult(path: path, bytes: bytes)
        switch kind {
        case .org: result.org = PlainDecoder.org(bytes, path: path).map { OrgFile(path: path, record: $0) }
        case .share: result.share = PlainDecoder.share(bytes, path: path).map { ShareFile(path: path, record: $0) }
        case .marketplace: break
        }
        return result.org != nil || result.share != nil ? result : decodeFully(path: path, bytes: bytes, kind: kind)
    }

    /// Parses one record file into a tree and decodes it, reporting every problem.
    static func decodeFully(path: String, bytes: [UInt8], kind: RecordKind) -> FileResult {
        var result = FileResult(path: path, bytes: bytes)
        let parsed = JSONParser.parse(bytes)
        if !parsed.problems.isEmpty {
            let text = SourceText(bytes: bytes)
            for p in parsed.problems {
                let (line, column) = text.position(of: p.offset)
                result.findings.append(Finding(path: path, pointer: nil, line: line, column: column, rule: p.rule, message: p.message))
            }
        }
        guard var root = parsed.root else { return result }
        let log = DecodeLog(path: path)
        // The version decides how the rest is read, so it is checked first.
        if let versionNode = root.member("schemaVersion")?.node {
            guard case .number(let text) = versionNode.value, let version = Int(text) else {
                log.error(LoaderRule.wrongType.id, "/schemaVersion", "\"schemaVersion\" must be a whole number, not \(versionNode.value.typeName)")
                result.findings += log.findings
                return result
            }
            if version > currentSchemaVersion {
                log.error(
                    LoaderRule.schemaVersionNewer.id, "/schemaVersion",
                    "this file has schemaVersion \(version), newer than this roster understands (\(currentSchemaVersion)); upgrade roster")
                result.findings += log.findings
                return result
            }
            if version < Migrations.oldestSupported {
                log.error(
                    LoaderRule.invalidValue.id, "/schemaVersion",
                    "schemaVersion \(version) does not exist; the first version is \(Migrations.oldestSupported)")
                result.findings += log.findings
                return result
            }
            if version < currentSchemaVersion {
                root = Migrations.migrate(root, from: version, kind: kind)
                result.outdated = true
                result.findings.append(
                    .warning(
                        LoaderRule.schemaVersionOld.id, path, "/schemaVersion",
                        "schemaVersion \(version) is older than \(currentSchemaVersion); run `roster migrate` to rewrite the file"))
            }
        } else if case .object = root.value {
            log.error(LoaderRule.missingField.id, "", "the record is missing \"schemaVersion\": \(currentSchemaVersion)")
        }
        switch kind {
        case .marketplace:
            result.marketplace = RecordDecoder.marketplace(root, log: log)
        case .org:
            result.org = RecordDecoder.org(root, log: log).map { OrgFile(path: path, record: $0) }
            if let id = result.org?.record.id { checkFileName(id, path: path, log: log) }
        case .share:
            result.share = RecordDecoder.share(root, log: log).map { ShareFile(path: path, record: $0) }
            if let id = result.share?.record.id { checkFileName(id, path: path, log: log) }
        }
        result.findings += log.findings
        return result
    }

    static func checkFileName(_ id: String, path: String, log: DecodeLog) {
        let stem = fileStem(path)
        if id != stem {
            log.error(
                LoaderRule.idFilename.id, "/id",
                "the id \(Quote.value(id)) differs from the file name \"\(stem).json\"; rename the file or change the id")
        }
    }

    static func fileStem(_ path: String) -> String {
        // An ASCII path (every record's) by its bytes: `hasSuffix` on the name compares
        // Characters, and a stem cost 6,600 instructions, as much as checking a member.
        let ascii = path.withUTF8InPlace { u -> String? in
            guard ByteWords.isASCII(u) else { return nil }
            var (start, end) = (u.count, u.count)
            while start > 0 && u[start - 1] != 0x2F { start -= 1 }
            if end - start >= 5 && u[end - 5] == 0x2E && u[end - 4] == 0x6A && u[end - 3] == 0x73 && u[end - 2] == 0x6F && u[end - 1] == 0x6E {
                end -= 5
            }
            return String(decoding: UnsafeBufferPointer(rebasing: u[start..<end]), as: UTF8.self)
        }
        if let ascii { return ascii }
        let bytes = path.utf8
        let start = bytes.lastIndex(of: 0x2F).map { bytes.index(after: $0) } ?? bytes.startIndex
        let name = Substring(path[start...])
        return name.hasSuffix(".json") ? String(name.utf8.dropLast(5))! : String(name)
    }

    static func assemble(_ results: [FileResult], extraFindings: [Finding]) -> Snapshot {
        var snapshot = Snapshot(loadFindings: extraFindings)
        snapshot.orgs.reserveCapacity(results.count)
        let orgsPrefix = Snapshot.orgsDirectory + "/", sharesPrefix = Snapshot.sharesDirectory + "/"
        // Field by field, in place: a copy of each result (then freed) was most of this loop.
        results.withUnsafeBufferPointer { results in
            for k in results.indices {
                if let bytes = results[k].bytes { snapshot.sources[results[k].path] = bytes }
                if !results[k].findings.isEmpty { snapshot.loadFindings += results[k].findings }
                if results[k].outdated { snapshot.outdatedPaths.insert(results[k].path) }
                if let m = results[k].marketplace { snapshot.marketplace = m }
                if let org = results[k].org {
                    snapshot.orgs.append(org)
                } else if results[k].path.hasPrefix(orgsPrefix) {
                    snapshot.unreadableOrgIDs.insert(fileStem(results[k].path))
                }
                if let share = results[k].share {
                    snapshot.shares.append(share)
                } else if results[k].org == nil, results[k].path.hasPrefix(sharesPrefix) {
                    snapshot.unreadableShareIDs.insert(fileStem(results[k].path))
                }
            }
        }
        return snapshot
    }
}
