import Dispatch
import RosterCore
import RosterTemplates

extension PortalBuilder {
    /// Every file of the HTML portal. Pages of one record carry a key of everything they show,
    /// so an unchanged record's page is not rendered again.
    func htmlJobs(_ m: PortalModel, _ t: TemplateSet) -> [Job] {
        let script = options.extraScript
        // The preview's script goes over every page's values.
        let scriptFrame: [TemplateValue] = script.map { [.fields([.extraScript: .string($0)])] } ?? []
        @Sendable func page(_ frames: [TemplateValue], _ template: String) -> [UInt8] {
            t.render(frames: frames + scriptFrame, template: template)
        }
        @Sendable func page(_ frames: [TemplateValue], _ template: String, _ out: inout [UInt8]) {
            t.render(frames: frames + scriptFrame, template: template, into: &out)
        }
        let scriptFrames = scriptFrame.map(TemplateFrame.value)
        @Sendable func orgPage(_ frames: [TemplateFrame], _ model: OrgPage, _ out: inout [UInt8]) {
            t.render(frames: scriptFrames.isEmpty ? frames : frames + scriptFrames, model: model, template: "org", into: &out)
        }
        let baseKey = pageBaseKey(m, t)

        var jobs: [Job] = [
            Job(path: "index.html", key: nil) { page(Pages.overview(m), "index") },
            Job(path: "404.html", key: nil) { page(NotFoundPage.context(m, sitePath: options.sitePath), "404") },
            Job(path: "api/orgs.json", key: nil, pieces: { JSONAPI.orgs(m, emit: $0) }),
            Job(path: "api/shares.json", key: nil, pieces: { JSONAPI.shares(m, emit: $0) }),
        ]
        // The keys of the record pages, then the search index, each over every core. (Made side
        // by side as the two halves of a `concurrentPerform`, the index's own parallel parts
        // ran on one thread: libdispatch shares the threads of an apply among the applies
        // nested in it, one each on two cores; the index took 70 ms at 10,000 orgs, now 40.)
        let orgs = m.snapshot.orgs
        let fingerprints = options.session == nil ? m.snapshot.fingerprints(of: orgs) : nil
        // The model's tables are taken out once: read through `m` on every core, each use
        // copied the table, a reference count on the same object from both threads.
        let tables = OrgKeyTables(sharesOfOrg: m.sharesOfOrg, history: m.history, today: m.today)
        let keys = parallelMap(Array(orgs.indices), chunkSize: 256) { i in
            orgKey(m, orgs[i], at: i, baseKey, fingerprint: fingerprints?[i], tables)
        }
        let shareKeys = self.shareKeys(m, baseKey)
        // The files that show every record come first (each gets a range of the workers' own,
        // see `run`): the registration queue, and the index the orgs list's script sorts,
        // filters and searches. Then the long lists in pages (ListPages): a page is keyed by
        // the keys of its records, which cover what its rows show, so only the pages of
        // changed records are rendered again.
        for n in 1...ListPages(total: m.pendingRegistrations.count).count {
            jobs.append(Job(path: "registrations/" + ListPages.file(n), key: nil) { page(Pages.registrations(m, page: n), "registrations") })
        }
        jobs += OrgsIndexFiles.jobs(OrgsIndex(m))
        let orgPages = ListPages(total: m.orgOrder.count)
        var listed = baseKey
        listed.add(String(orgPages.total))
        for status in OrgStatus.allCases { listed.add(String(m.statusCounts[status] ?? 0)) }
        for n in 1...orgPages.count {
            let key = Self.listKey(listed, "orgs", n, m.orgOrder[orgPages.range(n)].map { keys[$0] })
            jobs.append(Job(path: "orgs/" + ListPages.file(n), key: key) { page(Pages.orgs(m, page: n), "orgs") })
        }
        let sharePages = ListPages(total: m.sharesByName.count)
        listed = baseKey
        listed.add(String(sharePages.total))
        for n in 1...sharePages.count {
            let key = Self.listKey(listed, "shares", n, m.shareOrder[sharePages.range(n)].map { shareKeys[$0] })
            jobs.append(Job(path: "shares/" + ListPages.file(n), key: key) { page(Pages.shares(m, page: n), "shares") })
        }
        jobs.reserveCapacity(jobs.count + 2 * m.snapshot.orgs.count + m.snapshot.shares.count + m.docs.pages.count + t.assets.count)
        recordJobs(m, orgKeys: keys, shareKeys: shareKeys, render: page, org: orgPage, into: &jobs)
        for doc in m.docs.pages {
            jobs.append(Job(path: "docs/\(doc.slug)/index.html", key: nil) { page(Pages.doc(m, doc), "doc") })
        }
        for asset in t.assets {
            jobs.append(Job(path: "assets/" + asset.name, key: nil) { asset.bytes })
        }
        return jobs
    }

    /// The key of page `n` of a list of records whose keys are `keys` (nil: a record whose key
    /// is not known, and the page is always made). `base` holds what every page of the list
    /// shows besides its rows (the count of items, of each status).
    static func listKey(_ base: FNV1a, _ list: String, _ n: Int, _ keys: [String?]) -> String? {
        var h = base
        h.add(list)
        h.add(String(n))
        for key in keys {
            guard let key else { return nil }
            h.add(key)
        }
        return h.key
    }

    /// A share's page shows each consumer's name, status and why its users cannot use the share
    /// (which an org's end date, a link's dates, or the day, change without the share's file): its key, on
    /// every core, adds them part by part (a string made for each of 270,000 links took 0.23 s
    /// on one thread at 100,000 orgs).
    func shareKeys(_ m: PortalModel, _ baseKey: FNV1a) -> [String] {
        let shares = m.snapshot.shares
        let fingerprints = m.snapshot.fingerprints(of: shares)
        // Taken out of the model once (see ``OrgKeyTables``).
        let names = m.orgNames, statuses = m.orgStatus, blockers = m.orgBlockers, today = m.today
        // What a consumer shows on a share's page, as one number for each org, made once on
        // every core: each of the 270,000 links at 100,000 orgs read the org's name and
        // blockers where they lay in the heap, a miss of the cache each (the keys took 0.28 s
        // of CPU, against 0.09 s for ten builds of 10,000 orgs).
        let shown = parallelMap(Array(0..<names.count), chunkSize: 1024) { place -> UInt64 in
            var h = FNV1a()
            h.add(names[place: place])
            h.add(statuses[place: place].rawValue)
            h.add(blockers[place: place])
            return h.value
        }
        return parallelMap(Array(shares.indices), chunkSize: 64) { i -> String in
            var h = baseKey
            h.add(fingerprints[i] ?? 0)
            // Each link lent in place: a copy of each of 270,000, the loop variable, cost a
            // reference count per field.
            shares[i].record.consumers.forEachLent { _, link in
                h.add(link.pointee.org)
                if let org = names.place(of: link.pointee.org) {
                    h.add(shown[org])
                } else {
                    h.add("")
                }
                // The link opens or ends on a day, though no file changes.
                h.add(link.pointee.closedReason(on: today) ?? "")
            }
            return h.key
        }
    }

    /// The pages of every org (and its JSON), with the keys `orgKeys`, and of every share.
    func recordJobs(
        _ m: PortalModel, orgKeys: [String?], shareKeys: [String], render page: @escaping @Sendable ([TemplateValue], String, inout [UInt8]) -> Void,
        org renderOrg: @escaping @Sendable ([TemplateFrame], OrgPage, inout [UInt8]) -> Void, into jobs: inout [Job]
    ) {
        // The navigation and menus of record pages are the same on every one: made once.
        let orgFrame = PageContext.frame(m, depth: 2, title: "", section: .orgs)
        let shareFrame = PageContext.frame(m, depth: 2, title: "", section: .shares)
        // The records are read from this array, not through the model: `m.snapshot.orgs[i]`
        // copied the whole record (a reference count per field) for each of 30,000 uses.
        let orgs = m.snapshot.orgs, shares = m.snapshot.shares
        // A job captures the record's position, not a copy of the record: 200,000 copies held
        // a reference to every field of every record until the end of the build.
        let orgFrames: [TemplateFrame] = [.value(.fields(orgFrame)), OrgPage.root]
        let orgPage: @Sendable (Int, inout [UInt8]) -> Void = { renderOrg(orgFrames, OrgPage(m, orgs[$0]), &$1) }
        let orgJSON: @Sendable (Int) -> [UInt8] = { orgs[$0].withRecord { JSONAPI.org(m, $0) } }
        let sharePage: @Sendable (Int, inout [UInt8]) -> Void = { page(Pages.share(m, shares[$0], frame: shareFrame), "share", &$1) }
        // Made in place on every core, two for each org then one for each share: 200,000
        // paths made and jobs stored one after the other held up the build on one core for
        // 50 ms at 100,000 orgs.
        let start = jobs.count, records = 2 * orgs.count + shares.count
        guard records > 0 else { return }
        jobs = [Job](unsafeUninitializedCapacity: max(jobs.capacity, start + records)) { buffer, count in
            _ = buffer.initialize(fromContentsOf: jobs)
            nonisolated(unsafe) let out = buffer.baseAddress! + start
            let runs = stride(from: 0, to: orgs.count + shares.count, by: 512).map { $0..<min(orgs.count + shares.count, $0 + 512) }
            DispatchQueue.concurrentPerform(iterations: runs.count) { r in
                for k in runs[r] {
                    if k < orgs.count {
                        let id = orgs[k].record.id
                        var page = Job(path: "orgs/" + id + "/index.html", key: orgKeys[k], item: k, into: orgPage)
                        page.alone = true
                        (out + 2 * k).initialize(to: page)
                        (out + 2 * k + 1).initialize(to: Job(path: "api/orgs/" + id + ".json", key: orgKeys[k], item: k, of: orgJSON))
                    } else {
                        let i = k - orgs.count
                        var page = Job(path: "shares/\(shares[i].record.id)/index.html", key: shareKeys[i], item: i, into: sharePage)
                        page.alone = true
                        (out + 2 * orgs.count + i).initialize(to: page)
                    }
                }
            }
            count = start + records
        }
    }

    /// What every page shows besides its own record: templates, settings, navigation.
    func pageBaseKey(_ m: PortalModel, _ t: TemplateSet) -> FNV1a {
        var base = FNV1a()
        base.add(generator)
        base.add(String(t.fingerprint))
        base.add(String(m.snapshot.fingerprint(Snapshot.marketplacePath) ?? 0))
        base.add(m.docs.pages.map { "\($0.slug)\t\($0.front.title)" }.joined(separator: "\n"))
        base.add(String(m.pendingRegistrations.count))
        return base
    }

    /// Everything an org's page shows: its file, the shares it consumes, its history.
    /// Nil (the page is always made) for a file whose bytes were not read. `known`: the
    /// fingerprint `roster build`'s lean load took of the file (looked up when not given).
    func orgKey(_ m: PortalModel, _ org: OrgFile, at position: Int, _ base: FNV1a, fingerprint known: UInt64?, _ tables: OrgKeyTables) -> String? {
        var h = base
        // The preview keeps the bytes and remembers their fingerprints; `roster build` reads
        // the fingerprint its lean load took, without keeping the bytes.
        let fingerprint: UInt64?
        if let session = options.session, let bytes = m.snapshot.sources[org.path] {
            fingerprint = session.fingerprint(org.path, bytes)
        } else {
            fingerprint = known ?? m.snapshot.fingerprint(org.path)
        }
        guard let fingerprint else { return nil }
        h.add(fingerprint)
        // Part by part, as the shares' keys: no string is made for a link, and each is read
        // in place.
        if let place = tables.sharesOfOrg.place(position: position, id: org.record.id) {
            tables.sharesOfOrg[place: place].forEachLent { _, s in
                h.add(s.pointee.share.digest)
                h.add(s.pointee.link.since)
                h.add(s.pointee.link.until ?? "")
            }
        }
        tables.history.commits(touching: org.path).forEachLent { _, c in h.add(c.pointee.hash) }
        // The page changes on the day the org expires, though its file does not.
        if org.record.isExpired(on: tables.today) { h.add("expired") }
        return h.key
    }

    /// What an org's key reads of the model besides the org.
    struct OrgKeyTables: Sendable {
        let sharesOfOrg: ByOrgID<[(share: ShareName, link: ShareLink)]>
        let history: GitHistory
        let today: CalendarDate
    }
}

extension PortalBuilder {
    static func fingerprint(_ bytes: [UInt8]) -> UInt64 {
        var h = FNV1a()
        h.add(bytes)
        return h.value
    }
}

extension TemplateSet {
    /// For the Markdown catalogue, which needs no template.
    static let empty = TemplateSet(library: [:], assets: [], fingerprint: 0)
}
