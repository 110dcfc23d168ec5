import Foundation
import RosterCore
import RosterTemplates

/// The steps of `roster build`, in order; each is one function below.
extension PortalBuilder {
    var steps: [BuildStep] {
        [
            BuildStep("checking inputs", checkInputs),
            BuildStep("reading and validating records", readAndValidate),
            BuildStep("loading templates, docs and history", load),
            BuildStep("rendering and writing pages", renderAndWrite),
            BuildStep("writing the manifest, removing stale files", writeManifest),
        ]
    }

    /// Whether anything changed since the last build into the same folder; when nothing did,
    /// the build is complete.
    func checkInputs(_ s: inout BuildState) -> BuildStep.Next {
        let session = options.session
        // The preview rebuilds when a watched file changed, so it skips the stamps of every
        // input file (they tell whether anything changed) and keeps its manifest in memory.
        // `git rev-parse` runs while the inputs are stamped: a process started and waited for,
        // a few milliseconds in which the stamps' walk would otherwise wait.
        let root = options.root
        let (head, (inputs, records)) = concurrently({ GitHistory.head(root: root) ?? "" }) { () -> (InputStamps, RecordStamps?) in
            guard session == nil else { return (InputStamps(), nil) }
            let taken = InputStamps.taking(root: root)
            return (taken.stamps, taken.records)
        }
        s.recordStamps = records
        s.header = BuildManifest.Header(
            generator: generator, format: options.format.rawValue, head: head, today: options.today.description, inputs: inputs)
        s.remembered = session?.lastManifest()
        s.previous = s.remembered
        guard s.remembered == nil, let file = ManifestFile.read(s.output) else {
            if session == nil { s.earlierClean = s.output.cleanOrgs() }
            return .proceed
        }
        let was = file.header
        if session == nil, was.generator == s.header.generator, was.format == s.header.format, was.head == s.header.head, was.today == s.header.today,
            !was.inputs.digest.isEmpty, s.header.inputs.unchanged(since: was.inputs, root: options.root), file.allExist(in: s.output)
        {
            s.report.upToDate = true
            s.report.files = was.fileCount
            file.restamp(s.header.inputs, output: s.output)
            return .finish
        }
        // Both read on one core each (at 100,000 orgs 50 ms each, one after the other).
        let output = s.output
        (s.earlierClean, s.previous) = concurrently({ session == nil ? output.cleanOrgs() : nil }, { file.parsed() })
        return .proceed
    }

    func readAndValidate(_ s: inout BuildState) throws(Failure.Cause) -> BuildStep.Next {
        s.clock.restart()
        // Without a session (`roster build`), the bytes of each file are not kept once decoded,
        // only their fingerprints (the keys of pages): at 100,000 orgs they held 430 MB. The
        // per-org rules then run on each org while its bytes are in hand, so their findings are
        // placed without reading the files again (the preview remembers findings by file instead).
        let validation = ValidationOptions(today: options.today)
        // The orgs the last build into this folder found clean are not checked again in the
        // same bytes (the preview remembers findings by file instead).
        let clean =
            options.session == nil ? CleanOrgs.Request(salt: generator, earlier: s.earlierClean, keepsRecords: options.keepsRecords) : nil
        var snapshot = RecordStore.load(
            root: options.root, cache: options.session?.records, keepSources: options.session != nil, fingerprints: true,
            validating: options.session == nil ? validation : nil, clean: clean, stamps: s.recordStamps)
        // Not needed past the load (at 100,000 orgs, 110,000 paths and stamps).
        s.recordStamps = nil
        let unread = snapshot.savedRecordsUsed
        s.clock.lap("reading" + (unread > 0 ? " (\(Plural.count(unread, "unchanged file")) from \(SavedRecords.folder)/)" : ""))
        let findings = Validator.validate(snapshot, options: validation, memo: options.session?.validation)
        if findings.contains(where: { $0.severity == .error }) { throw .invalid(findings) }
        s.report.warnings = findings
        s.clock.lap("validating")
        // Saved while the next step indexes the records (``load(_:)``).
        s.recordsToSave = snapshot.takeRecordsToSave()
        s.snapshot = snapshot
        return .proceed
    }

    func load(_ s: inout BuildState) throws(Failure.Cause) -> BuildStep.Next {
        do {
            s.templates = options.format == .html ? try TemplateSet.load(directory: options.root + "/site-templates") : TemplateSet.empty
        } catch {
            throw .templates(error)
        }
        let docs: DocsSite
        do {
            docs = try DocsSite.load(directory: options.root + "/content")
        } catch {
            throw .docs(error)
        }
        let root = options.root, head = s.header.head
        let history = options.session?.history(head: head) { GitHistory.load(root: root, head: head) } ?? GitHistory.load(root: root, head: head)
        s.clock.lap("loading")
        // The decoded records are saved for the next build on a thread of their own, waited for
        // only once the pages are written (``writeManifest(_:)``): the serial stretches of the
        // save (the file's write) and of the steps in between (the sort of the names, the
        // search index's merge) leave a core idle that the other fills. Waited for at the
        // model, the save held up a first build of 10,000 orgs by 50 ms on a core half idle.
        let snapshot = BuildState.made(s.snapshot, by: "reading"), today = options.today
        if let save = s.recordsToSave { s.savingRecords = Background(save) }
        s.recordsToSave = nil
        s.model = PortalModel(snapshot: snapshot, docs: docs, history: history, today: today)
        s.clock.lap("indexing")
        return .proceed
    }

    func renderAndWrite(_ s: inout BuildState) throws(Failure.Cause) -> BuildStep.Next {
        let model = BuildState.made(s.model, by: "loading")
        s.jobs =
            options.format == .html
            ? htmlJobs(model, s.templates) : MarkdownCatalogue.jobs(model)
        s.clock.lap("listing pages")
        // Every output path is known and checked before the first write: a refused build
        // leaves the output folder as it was.
        let writer: OutputWriter
        let existing: [Bool]
        // Before the first page is written, the manifest in the folder keys no page and lists
        // this build's files with the earlier ones: a build stopped half-way (killed, a write
        // that failed) left pages of inputs that may change back, which the earlier manifest's
        // keys would then reuse, and files that only the stale-file removal of a later build
        // finds. (The preview keeps its manifest in memory once it has built.) Its bytes are
        // made while the output folder is looked at, whose stretches on one thread left a core
        // idle (25 ms at 100,000 orgs); it is written only once the look found nothing wrong.
        let paths = s.jobs.map(\.path), header = s.header, previous = s.previous?.files
        let marks = s.remembered == nil
        let unfinished: [UInt8]?
        do {
            let manifest = options.session == nil ? [CleanOrgs.fileName, BuildManifest.fileName] : []
            // `roster build` looks at each file that is there (the preview trusts its own last
            // build): what is in the way of a write, and which unchanged pages are still there.
            let output = s.output
            let look = { Result { () throws(SiteOutput.Failure) in try output.checkTargets(paths + manifest, files: marks) } }
            let targets: Result<SiteOutput.Targets, SiteOutput.Failure>
            (unfinished, targets) = marks ? concurrently({ Self.unfinishedManifest(header, paths, previous: previous) }, look) : (nil, look())
            existing = try targets.get().existing
            writer = try OutputWriter(s.output)
        } catch {
            throw .output(error)
        }
        s.clock.lap("checking the output folder")
        defer { writer.closeFolder() }
        if let unfinished {
            do {
                try s.output.write(unfinished, to: BuildManifest.fileName)
            } catch {
                throw .output(error)
            }
            s.clock.lap("marking the build unfinished")
        }
        s.results = run(s.jobs, into: writer, previous: s.previous, trusted: s.remembered != nil, existing: existing)
        // The manifest needs only paths and keys: what made the files goes before its step,
        // the build's peak of memory (the search index's pieces and a closure for each of
        // 200,000 files held 40 MB at 100,000 orgs).
        for k in s.jobs.indices { s.jobs[k].content = .whole { [] } }
        s.clock.lap("rendering and writing")
        return .proceed
    }

    func writeManifest(_ s: inout BuildState) throws(Failure.Cause) -> BuildStep.Next {
        if let saving = s.savingRecords, saving.wait() { s.clock.lap("saving decoded records (the rest)") }
        var manifest = BuildManifest(header: s.header)
        manifest.files.reserveCapacity(s.jobs.count)
        // Only the preview keeps the table of pages; `roster build` writes the keys by position.
        let keepsPages = options.session != nil
        // Made at its size once: growing, the table of 200,000 pages was held twice at a time.
        if keepsPages { manifest.pages.reserveCapacity(s.jobs.reduce(0) { $0 + ($1.key == nil ? 0 : 1) }) }
        for (job, result) in zip(s.jobs, s.results) {
            if let error = result.error { throw .output(error) }
            if result.rendered { s.report.rendered += 1 } else { s.report.reused += 1 }
            if result.wrote { s.report.written += 1 }
            if keepsPages, let key = result.key { manifest.pages[job.path] = key }
            manifest.files.append(job.path)
        }
        if let stale = s.previous?.files {
            for path in Self.gone(from: stale, in: manifest.files) where s.output.remove(path) {
                s.report.removed += 1
            }
        }
        s.report.files = manifest.files.count
        s.clock.lap("removing stale files")
        if let session = options.session {
            session.finished(manifest)
        } else {
            do {
                // Before the manifest: a build stopped between the two still rechecks nothing wrongly.
                if let clean = s.snapshot?.cleanOrgs { try s.output.write(clean.bytes(), to: CleanOrgs.fileName) }
                let results = s.results
                try s.output.write(BuildManifest.bytes(manifest.header, files: manifest.files) { results[$0].key }, to: BuildManifest.fileName)
            } catch {
                throw .output(error)
            }
            s.clock.lap("writing the manifest")
        }
        return .proceed
    }
}

extension PortalBuilder {
    /// The manifest of a build under way: no key, inputs never unchanged, and the files of
    /// `paths`, then those of `previous` it does not list.
    static func unfinishedManifest(_ header: BuildManifest.Header, _ paths: [String], previous: [String]?) -> [UInt8] {
        var header = header
        header.inputs = InputStamps()
        guard let previous else { return BuildManifest.bytes(header, files: paths) { _ in nil } }
        return BuildManifest.bytes(header, files: paths + gone(from: previous, in: paths)) { _ in nil }
    }

    /// The paths of `previous` that `paths` does not hold, compared as bytes: as Strings,
    /// "e\u{301}.css" was "é.css", and the file of the one no longer made was kept.
    static func gone(from previous: [String], in paths: [String]) -> [String] {
        if previous.elementsEqual(paths, by: { SiteOutput.same($0, $1) }) { return [] }
        var current = NameTable<Bool>(capacity: paths.count)
        for path in paths { current.insert(path[...], true) }
        return previous.filter { current.value($0[...]) == nil }
    }
}
