import Foundation
import Testing

/// `roster sync` against a real SCIM 2.0 service provider (scim2-server from PyPI), on a copy of
/// the demo marketplace in `data/`.
@Suite struct SyncTests {
    /// A temporary repository holding a copy of the demo data.
    func demo() throws -> URL {
        let url = scratch.appendingPathComponent("roster-sync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("data"), to: url.appendingPathComponent("data"))
        return url
    }

    func sync(_ server: SCIMServer, _ repo: URL, _ extra: [String] = [], token: String? = nil, url: String? = nil) throws -> RosterRun {
        try roster(
            ["sync", "--scim", url ?? server.base] + extra, in: repo,
            environment: fixedEnvironment.merging(["ROSTER_SCIM_TOKEN": token ?? server.token]) { $1 })
    }

    /// `Support/scim/fault_proxy.py` in front of `server` with these arguments after the
    /// upstream (see the script); returns it once it listens, with its port.
    func faultProxy(_ server: SCIMServer, _ arguments: [String]) async throws -> (Process, Int) {
        let port = try freePort()
        let script = packageRoot.appendingPathComponent("Tests/RosterEndToEndTests/Support/scim/fault_proxy.py")
        let proxy = try launch(["python3", script.path, String(port), "http://127.0.0.1:\(server.port)"] + arguments)
        do { try await waitUntilListening(port: port, process: proxy) } catch { stopProcess(proxy); throw error }
        return (proxy, port)
    }

    func emails(_ users: [[String: Any]], active: Bool? = nil) -> Set<String> {
        Set(users.filter { active == nil || $0["active"] as? Bool == active }.compactMap { $0["userName"] as? String })
    }

    func members(of org: String, in repo: URL) throws -> Set<String> {
        let text = try String(contentsOf: repo.appendingPathComponent("data/orgs/\(org).json"), encoding: .utf8)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        return Set((object["members"] as! [[String: Any]]).map { $0["email"] as! String })
    }

    @Test func applyCreatesEverythingThenMirrorsEachChange() async throws {
        let server = try await SCIMServer()
        defer { server.stop() }
        let repo = try demo()
        defer { try? FileManager.default.removeItem(at: repo) }
        let plan = try sync(server, repo)
        #expect(plan.status == 2, "\(plan.stderr)")
        #expect(plan.stdout.contains("Run with --apply"))
        #expect(try await server.list("Users").isEmpty, "a plan changes nothing")

        let first = try sync(server, repo, ["--apply"])
        #expect(first.status == 0, "\(first.stderr)")
        let users = try await server.list("Users")
        let groups = try await server.list("Groups")
        let export = scratch.appendingPathComponent("roster-sync-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: export) }
        #expect(try roster(["export", "--out", export.path], in: repo).status == 0)
        let exported = try JSONSerialization.jsonObject(with: Data(contentsOf: export.appendingPathComponent("access.json"))) as! [String: Any]
        let exportedUsers = exported["users"] as! [[String: Any]]
        #expect(emails(users) == Set(exportedUsers.map { $0["email"] as! String }))
        #expect(emails(users, active: true) == Set(exportedUsers.filter { $0["active"] as! Bool }.map { $0["email"] as! String }))
        #expect(
            groups.count == 10
                + (try FileManager.default.contentsOfDirectory(atPath: repo.path + "/data/orgs").reduce(0) { n, file in
                    let org =
                        try JSONSerialization.jsonObject(with: Data(contentsOf: repo.appendingPathComponent("data/orgs/\(file)"))) as! [String: Any]
                    return n + (org["teams"] as! [Any]).count
                }))
        #expect(try sync(server, repo, ["--apply"]).stdout.contains("No changes"), "a second --apply plans nothing")

        // Disabling an org deactivates exactly its users.
        let initech = try members(of: "initech", in: repo)
        #expect(try roster(["org", "disable", "initech"], in: repo).status == 0)
        let disabled = try sync(server, repo)
        #expect(disabled.status == 2)
        let deactivated = disabled.stdout.split(separator: "\n").filter { $0.hasPrefix("- deactivate user ") }
            .map { String($0.dropFirst("- deactivate user ".count).prefix { $0 != ":" }) }
        #expect(Set(deactivated) == initech.intersection(emails(users, active: true)))
        #expect(disabled.stdout.contains("\(deactivated.count) to deactivate"))
        #expect(try sync(server, repo, ["--apply"]).status == 0)
        let after = try await server.list("Users")
        #expect(emails(after, active: false).isSuperset(of: initech))
        #expect(emails(after, active: true) == emails(users, active: true).subtracting(initech))
        let second = try sync(server, repo, ["--apply"])
        #expect(second.status == 0)
        #expect(second.stdout.contains("Plan: 0 to create, 0 to update, 0 to deactivate, 0 to delete."))

        // Removing a member deactivates them (and takes them out of their groups).
        #expect(try roster(["member", "remove", "hooli-cloud", "dinesh.chugtai@hooli.example"], in: repo).status == 0)
        let removal = try sync(server, repo)
        #expect(removal.stdout.contains("- deactivate user dinesh.chugtai@hooli.example: no longer in the records"))
        #expect(try sync(server, repo, ["--apply"]).status == 0)
        #expect(try await server.user("dinesh.chugtai@hooli.example")?["active"] as? Bool == false)

        // A link whose until has passed removes the entitlement.
        let later = try sync(server, repo, ["--today", "2027-04-09"])
        #expect(
            later.stdout.contains("entitlements: [share:claims-api, share:geo-boundaries] -> [share:claims-api]")
                || later.stdout.contains("-> [share:geo-boundaries]"), "\(later.stdout)")
        #expect(try sync(server, repo, ["--today", "2027-04-09", "--apply"]).status == 0)
        #expect(try sync(server, repo, ["--today", "2027-04-09"]).status == 0)
    }

    @Test func othersAreNeverTouchedAndPruneDeletesOnlyWhatRosterOwns() async throws {
        let server = try await SCIMServer()
        defer { server.stop() }
        let repo = try demo()
        defer { try? FileManager.default.removeItem(at: repo) }
        // Someone else's users (one with a member's e-mail as externalId) and group.
        try await server.request(
            "POST", "Users", json: #"{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "ops@provider.example", "active": true}"#
        )
        try await server.request(
            "POST", "Users",
            json:
                #"{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "twin", "externalId": "peter.gibbons@initech.example", "active": true}"#
        )
        try await server.request(
            "POST", "Groups", json: #"{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Admins", "externalId": "admins"}"#)
        let before = try await server.list("Users").filter { $0["userType"] == nil }
        let first = try sync(server, repo, ["--apply"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("(3 resources on the server not created by roster: left alone)"), "\(first.stdout)")
        #expect(try roster(["member", "remove", "hooli-cloud", "dinesh.chugtai@hooli.example"], in: repo).status == 0)
        // The team's app goes first (a team that owns an app cannot be deleted).
        #expect(try roster(["app", "delete", "hooli-cloud", "pied-piper-feed"], in: repo).status == 0)
        #expect(try roster(["team", "delete", "hooli-cloud", "platform"], in: repo).status == 0)
        let prune = try sync(server, repo, ["--prune", "--apply"])
        #expect(prune.status == 0, "\(prune.stderr)")
        #expect(prune.stdout.contains("x delete user dinesh.chugtai@hooli.example (--prune)"))
        #expect(prune.stdout.contains("x delete group org:hooli-cloud/team:platform (--prune)"))
        #expect(!prune.stdout.contains("ops@provider.example") && !prune.stdout.contains("twin") && !prune.stdout.contains("admins"))
        let users = try await server.list("Users")
        #expect(try await server.user("dinesh.chugtai@hooli.example") == nil)
        let others = users.filter { $0["userType"] == nil }
        #expect(others.count == 2)
        let twin = { (list: [[String: Any]]) in
            try JSONSerialization.data(withJSONObject: list.first { $0["userName"] as? String == "twin" }!, options: .sortedKeys)
        }
        #expect(try twin(others) == twin(before), "someone else's user is exactly as it was")
        let groups = try await server.list("Groups")
        #expect(groups.contains { $0["displayName"] as? String == "Admins" })
        #expect(!groups.contains { $0["externalId"] as? String == "org:hooli-cloud/team:platform" })
        #expect(try sync(server, repo, ["--prune"]).status == 0, "nothing left to prune")
    }

    @Test func aWrongTokenOrADownServerFailsWithTheReasonAndNeverShowsTheToken() async throws {
        let server = try await SCIMServer()
        defer { server.stop() }
        let repo = try demo()
        defer { try? FileManager.default.removeItem(at: repo) }
        let wrong = try sync(server, repo, token: "not-the-token-s3cret")
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("HTTP 401"), "\(wrong.stderr)")
        #expect(!(wrong.stdout + wrong.stderr).contains("s3cret"))
        let down = try sync(server, repo, url: "http://127.0.0.1:\(try freePort())/v2")
        #expect(down.status == 1)
        #expect(down.stderr.contains("cannot reach"), "\(down.stderr)")
        #expect(!(down.stdout + down.stderr).contains(server.token))
        let missing = try roster(["sync", "--scim", server.base], in: repo, environment: fixedEnvironment.merging(["ROSTER_SCIM_TOKEN": ""]) { $1 })
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("ROSTER_SCIM_TOKEN is not set"))
        let clear = try sync(server, repo, url: "http://scim.example/v2")
        #expect(clear.status == 64)
        #expect(clear.stderr.contains("in clear"))
        #expect(try await server.list("Users").isEmpty)
    }

    @Test func theMassRemovalGuardRefusesUnlessOverridden() async throws {
        let server = try await SCIMServer()
        defer { server.stop() }
        let repo = try demo()
        defer { try? FileManager.default.removeItem(at: repo) }
        #expect(try sync(server, repo, ["--apply"]).status == 0)
        for org in ["acme-logistics", "hooli-cloud", "globex-health"] {
            #expect(try roster(["org", "disable", org], in: repo).status == 0)
        }
        let refused = try sync(server, repo, ["--apply"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("guards.maxRemovalFraction"), "\(refused.stderr)")
        #expect(refused.stderr.contains("Nothing was changed"))
        #expect(try await server.user("daffy.duck@acme.example")?["active"] as? Bool == true)
        let allowed = try sync(server, repo, ["--apply", "--allow-mass-removal"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(try await server.user("daffy.duck@acme.example")?["active"] as? Bool == false)
    }

    @Test func a429IsRetriedAndA500IsReportedWithTheResourceAndDetail() async throws {
        let server = try await SCIMServer()
        defer { server.stop() }
        let repo = try demo()
        defer { try? FileManager.default.removeItem(at: repo) }
        let (proxy, port) = try await faultProxy(server, ["elmer.fudd@acme.example"])
        defer { stopProcess(proxy) }
        let run = try sync(server, repo, ["--apply"], url: "http://127.0.0.1:\(port)/v2")
        #expect(run.status == 1)
        #expect(run.stderr.contains("failed: create user elmer.fudd@acme.example: HTTP 500: injected failure for this user"), "\(run.stderr)")
        #expect(run.stderr.contains("roster sync: 1 of "), "\(run.stderr)")
        #expect(!run.stderr.contains("after a 429 with Retry-After"), "the throttled create waited as told: \(run.stderr)")
        let users = try await server.list("Users")
        #expect(!emails(users).contains("elmer.fudd@acme.example"))
        let exported = scratch.appendingPathComponent("roster-sync-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: exported) }
        let all = try roster(["export", "--out", exported.path], in: repo)
        #expect(
            all.stdout.contains("exported \(users.count + 1) users"),
            "every other create went through, the throttled one (429) included: \(all.stdout)")
        let rest = try sync(server, repo, ["--apply"])
        #expect(rest.status == 0, "\(rest.stderr)")
        #expect(rest.stdout.contains("+ create user elmer.fudd@acme.example"))
    }

    /// A redirect is refused, not followed: it could carry the bearer token to another URL.
    /// The proxy sends every request on to a working server, so following it would succeed.
    @Test func aRedirectIsNotFollowed() async throws {
        let server = try await SCIMServer()
        defer { server.stop() }
        let repo = try demo()
        defer { try? FileManager.default.removeItem(at: repo) }
        let (proxy, port) = try await faultProxy(server, ["redirect"])
        defer { stopProcess(proxy) }
        let run = try sync(server, repo, ["--apply"], url: "http://127.0.0.1:\(port)/v2")
        #expect(run.status == 1, "\(run.stdout)")
        #expect(
            run.stderr.contains(
                "ServiceProviderConfig: HTTP 307: redirected to \(server.base)/ServiceProviderConfig; give that URL with --scim (roster does not follow redirects)"
            ), "\(run.stderr)")
        #expect(!(run.stdout + run.stderr).contains(server.token))
        #expect(try await server.list("Users").isEmpty)
    }

    /// https verifies the server's certificate: a self-signed one that no trust store holds is
    /// refused, though the server behind it answers like a service provider.
    @Test func anUntrustedCertificateIsRefused() async throws {
        let port = try freePort()
        let script = packageRoot.appendingPathComponent("Tests/RosterEndToEndTests/Support/scim/tls_server.py")
        let server = try launch(["python3", script.path, String(port)])
        defer { stopProcess(server) }
        try await waitUntilListening(port: port, process: server)
        let repo = try demo()
        defer { try? FileManager.default.removeItem(at: repo) }
        let run = try roster(
            ["sync", "--scim", "https://localhost:\(port)/v2"], in: repo,
            environment: fixedEnvironment.merging(["ROSTER_SCIM_TOKEN": "token-for-tls-test"]) { $1 })
        #expect(run.status == 1, "\(run.stdout)")
        #expect(run.stderr.contains("cannot reach https://localhost:\(port)/v2: the server's TLS certificate is not trusted"), "\(run.stderr)")
    }

    /// An https service provider is reached through the proxy `https_proxy` names, as a CONNECT
    /// tunnel carrying the proxy's credentials, and TLS is still verified end to end through it
    /// (the untrusted certificate is refused); `no_proxy` naming the host goes direct.
    @Test func httpsGoesThroughTheProxyTheEnvironmentNames() async throws {
        let port = try freePort(), proxyPort = try freePort()
        let support = packageRoot.appendingPathComponent("Tests/RosterEndToEndTests/Support/scim")
        let server = try launch(["python3", support.appendingPathComponent("tls_server.py").path, String(port)])
        defer { stopProcess(server) }
        let log = scratch.appendingPathComponent("proxy-\(proxyPort).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let proxy = try launch(["python3", support.appendingPathComponent("connect_proxy.py").path, String(proxyPort), log.path])
        defer { stopProcess(proxy) }
        try await waitUntilListening(port: port, process: server)
        try await waitUntilListening(port: proxyPort, process: proxy)
        let repo = try demo()
        defer { try? FileManager.default.removeItem(at: repo) }
        var environment = fixedEnvironment.merging(["ROSTER_SCIM_TOKEN": "token-for-proxy-test"]) { $1 }
        environment["https_proxy"] = "http://ops:s3cret@127.0.0.1:\(proxyPort)"
        let run = try roster(["sync", "--scim", "https://localhost:\(port)/v2"], in: repo, environment: environment)
        #expect(run.status == 1, "\(run.stdout)")
        #expect(run.stderr.contains("the server's TLS certificate is not trusted"), "\(run.stderr)")
        #expect(!(run.stdout + run.stderr).contains("s3cret"))
        // One tunnel: an untrusted certificate is final, not retried.
        let tunnels = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        #expect(tunnels == ["CONNECT localhost:\(port) auth"], "\(tunnels)")
        environment["no_proxy"] = "example.com, localhost"
        let direct = try roster(["sync", "--scim", "https://localhost:\(port)/v2"], in: repo, environment: environment)
        #expect(direct.status == 1 && direct.stderr.contains("not trusted"), "\(direct.stderr)")
        #expect(try String(contentsOf: log, encoding: .utf8).split(separator: "\n").count == tunnels.count)
        environment["no_proxy"] = nil
        environment["https_proxy"] = "socks5://127.0.0.1:\(proxyPort)"
        let socks = try roster(["sync", "--scim", "https://localhost:\(port)/v2"], in: repo, environment: environment)
        #expect(socks.status == 64, "\(socks.stderr)")
        #expect(socks.stderr.contains("https_proxy names a proxy roster cannot use"), "\(socks.stderr)")
    }

    /// A POST whose answer is lost (the server created the user, the client saw a 502) is not
    /// sent again blindly: roster looks the user up by externalId first and takes it as created,
    /// so there is one user, not a duplicate or a 409 failure.
    @Test func aCreateWhoseAnswerIsLostIsNotRepeated() async throws {
        let server = try await SCIMServer()
        defer { server.stop() }
        let repo = try demo()
        defer { try? FileManager.default.removeItem(at: repo) }
        let (proxy, port) = try await faultProxy(server, ["nobody@nowhere.example", "elmer.fudd@acme.example"])
        defer { stopProcess(proxy) }
        let run = try sync(server, repo, ["--apply"], url: "http://127.0.0.1:\(port)/v2")
        #expect(run.status == 0, "\(run.stderr)")
        let users = try await server.list("Users")
        #expect(users.filter { $0["userName"] as? String == "elmer.fudd@acme.example" }.count == 1)
        let again = try sync(server, repo, ["--apply"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("No changes"), "\(again.stdout)")
    }

    /// A DELETE whose answer is lost (the server deleted, the client saw a 502) is retried; the
    /// retry's 404 means the resource is gone, which is what the plan asked: no failure.
    @Test func aDeleteWhoseAnswerIsLostIsNotAFailure() async throws {
        let server = try await SCIMServer()
        defer { server.stop() }
        let repo = try demo()
        defer { try? FileManager.default.removeItem(at: repo) }
        #expect(try sync(server, repo, ["--apply"]).status == 0)
        #expect(try roster(["member", "remove", "hooli-cloud", "dinesh.chugtai@hooli.example"], in: repo).status == 0)
        let (proxy, port) = try await faultProxy(server, ["nobody@nowhere.example", "nobody@nowhere.example", "lose-first-delete"])
        defer { stopProcess(proxy) }
        let prune = try sync(server, repo, ["--prune", "--apply"], url: "http://127.0.0.1:\(port)/v2")
        #expect(prune.status == 0, "\(prune.stderr)")
        #expect(prune.stdout.contains("x delete user dinesh.chugtai@hooli.example (--prune)"), "\(prune.stdout)")
        #expect(try await server.user("dinesh.chugtai@hooli.example") == nil)
        let again = try sync(server, repo, ["--prune"])
        #expect(again.status == 0, "\(again.stdout)")
    }

    /// Org and team names reach the plan's lines. A control character in one stops the sync
    /// before any plan (`text-control`); what a name may hold that a terminal hides or reorders
    /// (a bidi override or isolate, a zero width space) is shown escaped, so a record cannot
    /// recolour the terminal, reorder a line of the plan or forge one.
    @Test func namesInThePlanAreEscapedForTheTerminal() async throws {
        let server = try await SCIMServer()
        defer { server.stop() }
        let repo = try demo()
        defer { try? FileManager.default.removeItem(at: repo) }
        let file = repo.appendingPathComponent("data/orgs/acme-logistics.json")
        let original = try String(contentsOf: file, encoding: .utf8)
        func name(_ org: String, _ team: String) throws {
            let text = original.replacingOccurrences(of: "\"name\": \"Acme Logistics\"", with: "\"name\": \"\(org)\"")
                .replacingOccurrences(of: "\"name\": \"Billing\"", with: "\"name\": \"\(team)\"")
            try Data(text.utf8).write(to: file)
        }
        try name("Acme\\u001b[2J\\nPlan: 0 to create\\u202e", "Bill\\u001b]8;;x\\u0007ing")
        let refused = try sync(server, repo)
        let said = refused.stdout + refused.stderr
        #expect(refused.status == 1, "\(said)")
        #expect(said.contains("[text-control]"), "\(said)")
        #expect(!said.components(separatedBy: "\n").contains { $0.hasPrefix("Plan:") }, "\(said)")
        #expect(!said.contains("\u{1B}") && !said.contains("\u{202E}") && !said.contains("\u{7}"))

        try name("Acme\\u200f Plan: 0 to create\\u200b", "Bill\\u061cing")
        let plan = try sync(server, repo)
        #expect(plan.status == 2, "\(plan.stderr)")
        #expect(plan.stdout.contains(#"Acme\u{200F} Plan: 0 to create\u{200B}"#), "\(plan.stdout)")
        #expect(plan.stdout.contains(#"Bill\u{61C}ing"#), "\(plan.stdout)")
        #expect(!plan.stdout.contains("\u{200F}") && !plan.stdout.contains("\u{200B}") && !plan.stdout.contains("\u{61C}"))
        #expect(plan.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("Plan:") }.count == 1)
    }
}
