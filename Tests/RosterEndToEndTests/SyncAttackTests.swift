import Foundation
import Testing

/// `roster sync` against service providers that answer wrongly, as a buggy or hostile one
/// could: scim2-server behind `Support/scim/paging_proxy.py`.
@Suite struct SyncAttackTests {
    /// A copy of the demo marketplace's records in a folder of its own (the caller removes it).
    func demoCopy() throws -> URL {
        let url = scratch.appendingPathComponent("roster-sync-attack-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("data"), to: url.appendingPathComponent("data"))
        return url
    }

    /// A copy of the demo marketplace, mirrored onto `server` by a first `--apply`.
    func mirrored(_ server: SCIMServer) throws -> URL {
        let url = try demoCopy()
        let first = try sync(server.base, server, url, ["--apply"])
        #expect(first.status == 0, "\(first.stderr)")
        return url
    }

    func sync(_ base: String, _ server: SCIMServer, _ repo: URL, _ extra: [String] = []) throws -> RosterRun {
        try roster(
            ["sync", "--scim", base] + extra, in: repo, environment: fixedEnvironment.merging(["ROSTER_SCIM_TOKEN": server.token]) { $1 })
    }

    /// The paging proxy in MODE in front of `server`; returns it once it listens, its base URL
    /// and the file it logs each listing request to.
    func pagingProxy(_ server: SCIMServer, _ mode: String) async throws -> (Process, String, URL) {
        let port = try freePort()
        let script = packageRoot.appendingPathComponent("Tests/RosterEndToEndTests/Support/scim/paging_proxy.py")
        let log = scratch.appendingPathComponent("paging-\(port).log")
        #expect(FileManager.default.createFile(atPath: log.path, contents: nil))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script.path, String(port), "http://127.0.0.1:\(server.port)", mode]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = try FileHandle(forWritingTo: log)
        p.standardInput = FileHandle.nullDevice
        try p.run()
        do { try await waitUntilListening(port: port, process: p) } catch { stopProcess(p); throw error }
        return (p, "http://127.0.0.1:\(port)/v2", log)
    }

    func listings(_ log: URL) throws -> Int {
        try String(contentsOf: log, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("list ") }.count
    }

    /// Pages that overlap (a resource on two pages) made the copy look like a second user with
    /// the same externalId: the plan deactivated, or with --prune deleted, a user the records
    /// keep, and emptied a group. A server that ignores startIndex and claims 10,000 resources
    /// kept roster reading the same page (100 requests here, for ever on a real one). Both are
    /// refused at the first repeated id, with nothing changed.
    @Test func aListingThatShowsAResourceTwiceIsRefused() async throws {
        let server = try await SCIMServer()
        defer { server.stop() }
        let repo = try mirrored(server)
        defer { try? FileManager.default.removeItem(at: repo) }
        let before = try await server.list("Users").filter { $0["active"] as? Bool == true }.count
        let (overlap, overlapBase, _) = try await pagingProxy(server, "overlap")
        defer { stopProcess(overlap) }
        let run = try sync(overlapBase, server, repo, ["--apply", "--prune"])
        #expect(run.status == 1, "\(run.stdout)")
        #expect(run.stderr.contains("a second time"), "\(run.stderr)")
        #expect(!run.stdout.contains("delete user") && !run.stdout.contains("deactivate user"), "\(run.stdout)")
        let users = try await server.list("Users")
        #expect(users.count == 49 && users.filter { $0["active"] as? Bool == true }.count == before)
        let (repeating, repeatingBase, log) = try await pagingProxy(server, "repeat")
        defer { stopProcess(repeating) }
        let endless = try sync(repeatingBase, server, repo)
        #expect(endless.status == 1, "\(endless.stdout)")
        #expect(endless.stderr.contains("a second time"), "\(endless.stderr)")
        #expect(try listings(log) == 2, "stopped at the first page that repeats")
    }
}

extension SyncAttackTests {
    /// A listing whose pages run out before its totalResults made roster plan from part of it:
    /// every user it did not see was to be created again (69 of 79 resources here), and a
    /// maxResults of 0 made it read nothing at all. Now the short listing is refused with nothing
    /// changed, and a maxResults of 0 is no limit.
    @Test func aListingThatEndsBeforeItsTotalIsRefused() async throws {
        let server = try await SCIMServer()
        defer { server.stop() }
        let repo = try mirrored(server)
        defer { try? FileManager.default.removeItem(at: repo) }
        let (stop, stopBase, _) = try await pagingProxy(server, "stop")
        defer { stopProcess(stop) }
        let run = try sync(stopBase, server, repo, ["--apply"])
        #expect(run.status == 1, "\(run.stdout)")
        #expect(run.stderr.contains("Users from 6: the listing ends after 5 of the 49 resources its totalResults counts"), "\(run.stderr)")
        #expect(!run.stdout.contains("create user"), "\(run.stdout)")
        #expect(try await server.list("Users").count == 49)
        let (zero, zeroBase, _) = try await pagingProxy(server, "zero")
        defer { stopProcess(zero) }
        let again = try sync(zeroBase, server, repo, ["--apply"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("No changes"), "\(again.stdout)")
    }
}

extension SyncAttackTests {
    /// "127.0.0.09" passed as loopback (each part a number below 256), but the resolver reads a
    /// leading zero as octal, finds no address in it, and asks DNS (or a search domain) for the
    /// name: the token went in clear to whatever that returned. Only plain decimal parts count.
    @Test func aLoopbackLookalikeThatTheResolverAsksDNSForIsRefused() throws {
        let repo = try demoCopy()
        defer { try? FileManager.default.removeItem(at: repo) }
        for host in ["127.0.0.09", "127.0.0.08", "127.00.0.1", "127.0.0.+1"] {
            let run = try roster(
                ["sync", "--scim", "http://\(host):9/v2"], in: repo,
                environment: fixedEnvironment.merging(["ROSTER_SCIM_TOKEN": "token-s3cret"]) { $1 })
            #expect(run.status == 64, "\(host): \(run.stderr)")
            #expect(run.stderr.contains("in clear"), "\(host): \(run.stderr)")
        }
    }
}

extension SyncAttackTests {
    /// A server's error detail was printed whole: up to 64 MB per failed change (one line per
    /// change with --apply) into the terminal or the CI log. It is quoted up to a few hundred
    /// characters, with its size (20,000 here, so that the old code's output fits in the pipe).
    @Test func aHugeErrorDetailIsQuotedInPart() async throws {
        let server = try await SCIMServer()
        defer { server.stop() }
        let repo = try demoCopy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let (proxy, base, _) = try await pagingProxy(server, "loud")
        defer { stopProcess(proxy) }
        let run = try sync(base, server, repo)
        #expect(run.status == 1, "\(run.stdout)")
        #expect(run.stderr.contains("ServiceProviderConfig: HTTP 401: sss"), "\(run.stderr.prefix(300))")
        #expect(run.stderr.contains("... (20000 bytes): ddd") && run.stderr.contains("... (20000 bytes) (is the token right?)"))
        #expect(run.stderr.utf8.count < 1000, "\(run.stderr.utf8.count) bytes")
    }
}

extension SyncAttackTests {
    /// An id the server gave went into the URL as it was: `..` made a change to `Users/..` (the
    /// collection), and `a/b`, `x?y=1` or `h#f` addressed another resource or none. Each id is now
    /// one percent-encoded path segment, so the change reaches the resource that has it, and an
    /// id no segment can carry is refused, named and escaped, with nothing sent for it.
    @Test func anIdTheServerGaveIsOnePathSegmentOrRefused() async throws {
        let server = try await SCIMServer()
        defer { server.stop() }
        let repo = try mirrored(server)
        defer { try? FileManager.default.removeItem(at: repo) }
        let refused = ["..", ".", "", "ctl\u{1B}[2J"]
        let encoded = ["a/b", "x?y=1", "h#f", "p%2e%2e", "s p"]
        let owned = try await server.list("Users").sorted { ($0["userName"] as! String) < ($1["userName"] as! String) }.prefix(9)
        var shown: [String: String] = [:]
        for (user, id) in zip(owned, refused + encoded) {
            shown[user["id"] as! String] = id
            try await server.request(
                "PATCH", "Users/\(user["id"] as! String)",
                json:
                    #"{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "replace", "path": "name.givenName", "value": "Changed"}]}"#
            )
        }
        let mapping = scratch.appendingPathComponent("ids-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: shown).write(to: mapping)
        defer { try? FileManager.default.removeItem(at: mapping) }
        let port = try freePort()
        let log = scratch.appendingPathComponent("ids-\(port).log")
        #expect(FileManager.default.createFile(atPath: log.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: log) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let script = packageRoot.appendingPathComponent("Tests/RosterEndToEndTests/Support/scim/id_proxy.py")
        p.arguments = ["python3", script.path, String(port), "http://127.0.0.1:\(server.port)", mapping.path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = try FileHandle(forWritingTo: log)
        p.standardInput = FileHandle.nullDevice
        try p.run()
        defer { stopProcess(p) }
        try await waitUntilListening(port: port, process: p)

        let run = try sync("http://127.0.0.1:\(port)/v2", server, repo, ["--apply"])
        #expect(run.status == 1, "\(run.stdout)")
        #expect(run.stderr.contains("roster sync: 4 of 9 changes failed"), "\(run.stderr)")
        for id in ["..", ".", "", #"ctl\u{1B}[2J"#] {
            #expect(run.stderr.contains("the server gave it the id \"\(id)\", "), "\(id): \(run.stderr)")
        }
        #expect(!run.stderr.contains("\u{1B}"), "the id is shown escaped")
        let requests = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: String]
        }
        let changed = requests.filter { $0["method"] != "GET" }
        #expect(changed.allSatisfy { $0["id"] != nil }, "every change addressed one resource: \(changed)")
        #expect(Set(changed.compactMap { $0["id"] }) == Set(encoded), "\(changed)")
        #expect(changed.count == encoded.count, "\(changed)")
        for user in try await server.list("Users") where shown[user["id"] as! String] != nil {
            let givenName = (user["name"] as? [String: Any])?["givenName"] as? String
            #expect(
                (givenName == "Changed") == refused.contains(shown[user["id"] as! String]!), "\(shown[user["id"] as! String]!): \(givenName ?? "")")
        }
    }
}

extension SyncAttackTests {
    /// A server that claims a huge totalResults and lists fresh ids on every page never repeats
    /// one, so the check for a repeated id never fired: roster read for ever (here until the
    /// proxy gave up after 100 pages), its memory growing. A listing that claims more than
    /// --max-listing is refused at its first page, one that holds more at the page that passes
    /// it, with nothing changed.
    @Test func aListingOfEverFreshIdsIsRefusedAtItsCap() async throws {
        let server = try await SCIMServer()
        defer { server.stop() }
        let repo = try mirrored(server)
        defer { try? FileManager.default.removeItem(at: repo) }
        let before = try await server.list("Users")
        let (claiming, claimingBase, claimingLog) = try await pagingProxy(server, "fresh")
        defer { stopProcess(claiming) }
        let run = try sync(claimingBase, server, repo, ["--apply", "--prune"])
        #expect(run.status == 1, "\(run.stdout)")
        #expect(
            run.stderr.contains(
                "Users from 1: the listing claims 1000000000 resources (totalResults), more than the 100000 roster reads from one listing (--max-listing); nothing was changed"
            ), "\(run.stderr)")
        #expect(try listings(claimingLog) == 1, "refused at the first page")
        let (open, openBase, openLog) = try await pagingProxy(server, "fresh-open")
        defer { stopProcess(open) }
        let capped = try sync(openBase, server, repo, ["--apply", "--prune", "--max-listing", "20"])
        #expect(capped.status == 1, "\(capped.stdout)")
        #expect(capped.stderr.contains("Users from 21: the listing holds more than the 20 resources"), "\(capped.stderr)")
        #expect(try listings(openLog) == 5, "refused at the page that passes the cap")
        #expect(!(run.stdout + capped.stdout).contains("Plan:"))
        let after = try await server.list("Users")
        #expect(
            try JSONSerialization.data(withJSONObject: after, options: .sortedKeys)
                == JSONSerialization.data(withJSONObject: before, options: .sortedKeys))
    }
}

extension SyncAttackTests {
    /// Each request had a timeout, the run none: a server answering each request just within it
    /// kept a sync going for ever. Past --deadline no request is sent. While reading, the sync
    /// stops with nothing changed; during --apply, between requests, printing each change not
    /// sent, and the counts applied, failed and not sent, which a second run completes.
    @Test func theSyncStopsAtItsDeadlineAndSaysWhatWasApplied() async throws {
        let server = try await SCIMServer()
        defer { server.stop() }
        let repo = try demoCopy()
        defer { try? FileManager.default.removeItem(at: repo) }
        let (writes, writesBase, _) = try await pagingProxy(server, "slow-writes")
        defer { stopProcess(writes) }
        let started = Date()
        let partial = try sync(writesBase, server, repo, ["--apply", "--concurrency", "2", "--deadline", "4"])
        #expect(Date().timeIntervalSince(started) < 25, "stopped soon after the deadline")
        #expect(partial.status == 1, "\(partial.stdout)")
        let summary = try #require(partial.stderr.split(separator: "\n").last.map(String.init), "\(partial.stderr)")
        #expect(summary.hasPrefix("roster sync: stopped: the deadline (--deadline 4 s) passed; "), "\(summary)")
        let planned = partial.stdout.split(separator: "\n").filter { $0.hasPrefix("+ ") }.count
        let notSent = partial.stderr.split(separator: "\n").filter { $0.hasPrefix("not sent: + create ") }
        let users = try await server.list("Users")
        #expect(!users.isEmpty && !notSent.isEmpty, "\(partial.stderr)")
        #expect(summary.contains("\(notSent.count) of \(planned) changes not sent, 0 failed (listed above); \(users.count) applied."), "\(summary)")
        #expect(notSent.filter { $0.contains("create user") }.count + users.count == 49, "each user is either made or listed as not sent")
        #expect(try await server.list("Groups").isEmpty, "no group was started")
        for line in notSent where line.contains("create user") {
            let email = line.split(separator: " ")[4]
            #expect(!users.contains { $0["userName"] as? String == String(email) }, "\(line)")
        }
        let (slow, slowBase, _) = try await pagingProxy(server, "slow")
        defer { stopProcess(slow) }
        let reading = Date()
        let read = try sync(slowBase, server, repo, ["--apply", "--timeout", "2", "--deadline", "3"])
        #expect(Date().timeIntervalSince(reading) < 14, "stopped soon after the deadline")
        #expect(read.status == 1, "\(read.stdout)")
        #expect(read.stderr.contains("roster sync: cannot read the service provider: "), "\(read.stderr)")
        #expect(read.stderr.contains("not sent: the deadline (--deadline 3 s) passed"), "\(read.stderr)")
        #expect(try await server.list("Users").count == users.count)
        let rest = try sync(server.base, server, repo, ["--apply"])
        #expect(rest.status == 0, "\(rest.stderr)")
        #expect(try await server.list("Users").count == 49)
    }
}
