import Foundation
import Testing

/// `roster check` policy (SPEC section 5), default deny, through the real binary on real git
/// repositories: each role against each kind of path and field, and the attacks of issue 10.
@Suite struct PolicyTests {
    typealias Repo = GitOpsTests.Repo

    /// The roles of SPEC section 5's table, as actors of the base fixture.
    enum Who: String, CaseIterable, CustomStringConvertible {
        case admin = "admin@provider.example"
        case adminHandle = "@padmin"
        case superAdmin = "ann@acme.example"
        case superAdminHandle = "@ann-gh"
        case otherSuperAdmin = "olga@other.example"
        case teamMember = "bea@beta.example"
        case invitee = "bob@acme.example"
        case newcomer = "nina@newco.example"
        case newcomerHandle = "@nina-gh"

        var description: String { rawValue }
        /// The e-mail the actor has in the records (a handle's owner).
        var email: String {
            switch self {
            case .adminHandle: Who.admin.rawValue
            case .superAdminHandle: Who.superAdmin.rawValue
            case .newcomerHandle: Who.newcomer.rawValue
            default: rawValue
            }
        }
        var isAdmin: Bool { self == .admin || self == .adminHandle }
    }

    /// A repository whose base gives the handles and the other org the matrix needs.
    static func makeRepo() throws -> Repo {
        let repo = try Repo()
        try edit(repo, "data/marketplace.json") { m in
            m["admins"] = [["email": "admin@provider.example", "handle": "padmin"]]
        }
        try edit(repo, "data/orgs/acme.json") { org in
            org["members"] = (org["members"] as! [[String: Any]]).map { m in
                var m = m
                if m["email"] as? String == "ann@acme.example" { m["handle"] = "Ann-GH" }
                return m
            }
        }
        try repo.change("org", "create", "Other Org")
        try repo.change("member", "invite", "other-org", "olga@other.example", "--first", "Olga", "--last", "O", "--role", "super-admin")
        try repo.change("member", "activate", "other-org", "olga@other.example")
        #expect(try repo.run(["validate"]).status == 0)
        try repo.commit("base for the policy matrix")
        return repo
    }

    /// Rewrites a JSON file of the working tree through `body` (sorted keys, so formatting
    /// differs from canonical: the policy must judge fields, not bytes).
    static func edit(_ repo: Repo, _ path: String, _ body: (inout [String: Any]) throws -> Void) throws {
        let url = repo.url.appendingPathComponent(path)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        try body(&object)
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]).write(to: url)
    }

    static func editMember(_ repo: Repo, org: String, email: String, _ body: @escaping (inout [String: Any]) -> Void) throws {
        try edit(repo, "data/orgs/\(org).json") { o in
            o["members"] = (o["members"] as! [[String: Any]]).map { m in
                var m = m
                if m["email"] as? String == email { body(&m) }
                return m
            }
        }
    }

    static func write(_ repo: Repo, _ path: String, _ text: String) throws {
        let url = repo.url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    struct Case: Sendable {
        var name: String
        /// Who may make it; everyone else is refused.
        var allowed: Set<String>
        var apply: @Sendable (Repo, Who) throws -> Void
    }

    static let admins: Set<String> = [Who.admin.rawValue, Who.adminHandle.rawValue]
    static let acmeAdmins = admins.union([Who.superAdmin.rawValue, Who.superAdminHandle.rawValue])

    static let cases: [Case] = [
        Case(name: "template", allowed: admins) { r, _ in try write(r, "site-templates/page.mustache", "<script>alert(1)</script>") },
        Case(name: "docs", allowed: admins) { r, _ in try write(r, "content/evil.md", "---\ntitle: x\n---\nhi\n") },
        Case(name: "schema", allowed: admins) { r, _ in try write(r, "schemas/org.schema.json", "{}") },
        Case(name: "CI file", allowed: admins) { r, _ in try write(r, ".github/workflows/ci.yml", "on: push\n") },
        Case(name: "any other file", allowed: admins) { r, _ in try write(r, "README.md", "hello\n") },
        Case(name: "settings", allowed: admins) { r, _ in try edit(r, "data/marketplace.json") { $0["admins"] = ["mallory@evil.example"] } },
        Case(name: "share rename", allowed: admins) { r, _ in try edit(r, "data/shares/feed.json") { $0["name"] = "Hijacked feed" } },
        Case(name: "share since", allowed: admins) { r, _ in
            try edit(r, "data/shares/feed.json") { s in s["consumers"] = [["org": "acme", "since": "2020-01-01", "until": "2027-01-31"]] }
        },
        Case(name: "deletion record", allowed: admins) { r, _ in
            try write(
                r, "data/deletions/other-org.json",
                "{\"schemaVersion\": 1, \"org\": \"other-org\", \"name\": \"Other Org\", \"confirm\": \"Other Org\"}\n")
        },
        Case(name: "another org's members", allowed: admins) { r, who in
            let (org, email) = who.email.hasSuffix("@acme.example") ? ("other-org", "olga@other.example") : ("acme", "ann@acme.example")
            try editMember(r, org: org, email: email) { $0["firstName"] = "Owned" }
        },
        Case(name: "own org name", allowed: admins) { r, _ in try edit(r, "data/orgs/acme.json") { $0["name"] = "Acme Renamed" } },
        Case(name: "own org status", allowed: admins) { r, _ in try edit(r, "data/orgs/acme.json") { $0["status"] = "disabled" } },
        Case(name: "own org createdAt", allowed: admins) { r, _ in try edit(r, "data/orgs/acme.json") { $0["createdAt"] = "2020-01-01T00:00:00Z" } },
        Case(name: "invite, audited", allowed: acmeAdmins) { r, who in
            try addMember(r, invitedBy: who.email)
        },
        Case(name: "invite, forged invitedBy", allowed: admins) { r, _ in try addMember(r, invitedBy: "admin@provider.example", forged: true) },
        Case(name: "invite, backdated", allowed: admins) { r, who in try addMember(r, invitedBy: who.email, at: "2020-01-01T00:00:00Z") },
        Case(name: "invite, already active", allowed: admins) { r, who in try addMember(r, invitedBy: who.email, state: "active") },
        Case(name: "forge invitedBy of a member", allowed: admins) { r, _ in
            try editMember(r, org: "acme", email: "bob@acme.example") { $0["invitedBy"] = "admin@provider.example" }
        },
        Case(name: "role of a member", allowed: acmeAdmins) { r, _ in
            try editMember(r, org: "acme", email: "bob@acme.example") { $0["role"] = "super-admin" }
        },
        Case(name: "team created", allowed: acmeAdmins) { r, _ in
            try edit(r, "data/orgs/acme.json") { o in
                o["teams"] = (o["teams"] as! [Any]) + [["id": "data", "name": "Data", "members": ["ann@acme.example"]]]
            }
        },
        Case(name: "default team moved", allowed: admins) { r, _ in
            try edit(r, "data/orgs/acme.json") { o in
                o["teams"] = (o["teams"] as! [[String: Any]]).map { t in
                    var t = t
                    t["default"] = t["id"] as? String == "ops" ? true : nil
                    return t
                }
            }
        },
        Case(
            name: "own first name",
            allowed: admins.union([
                Who.superAdmin.rawValue, Who.superAdminHandle.rawValue, Who.teamMember.rawValue, Who.invitee.rawValue, Who.otherSuperAdmin.rawValue,
            ])
        ) { r, who in
            let org =
                ["ann@acme.example": "acme", "bob@acme.example": "acme", "bea@beta.example": "beta", "olga@other.example": "other-org"][who.email]
                ?? "acme"
            let email = org == "acme" && !["ann@acme.example", "bob@acme.example"].contains(who.email) ? "ann@acme.example" : who.email
            try editMember(r, org: org, email: email) { $0["firstName"] = "Renamed" }
        },
        Case(name: "own role", allowed: acmeAdmins) { r, _ in
            try editMember(r, org: "acme", email: "bob@acme.example") {
                $0["role"] = "super-admin"; $0["firstName"] = "Bob"
            }
        },
        Case(name: "accept the invitation", allowed: acmeAdmins.union([Who.invitee.rawValue])) { r, _ in
            try editMember(r, org: "acme", email: "bob@acme.example") { $0["state"] = "active" }
        },
        Case(name: "invite, without the expiry invite writes", allowed: admins) { r, who in try addMember(r, invitedBy: who.email, expiresAt: nil) },
        Case(name: "invite, expiring in a year", allowed: admins) { r, who in
            try addMember(r, invitedBy: who.email, expiresAt: "2027-11-23T10:00:00Z")
        },
        Case(name: "resend, audited", allowed: acmeAdmins) { r, who in
            try editMember(r, org: "acme", email: "bob@acme.example") {
                $0["invitedAt"] = "2026-11-23T10:00:00Z"; $0["invitedBy"] = who.email; $0["expiresAt"] = "2026-12-07T10:00:00Z"
            }
        },
        Case(name: "an invitation's expiry pushed back", allowed: admins) { r, _ in
            try editMember(r, org: "acme", email: "bob@acme.example") { $0["expiresAt"] = "2027-12-07T10:00:00Z" }
        },
        Case(name: "accept with acceptedAt", allowed: acmeAdmins.union([Who.invitee.rawValue])) { r, _ in
            try editMember(r, org: "acme", email: "bob@acme.example") {
                $0["state"] = "active"; $0["acceptedAt"] = "2026-11-23T10:00:00Z"
            }
        },
        Case(name: "acceptedAt without accepting", allowed: admins) { r, _ in
            try editMember(r, org: "acme", email: "ann@acme.example") { $0["acceptedAt"] = "2026-11-23T10:00:00Z" }
        },
        Case(name: "own org end date", allowed: admins) { r, _ in try edit(r, "data/orgs/acme.json") { $0["until"] = "2099-01-01" } },
        Case(name: "app created, audited", allowed: acmeAdmins) { r, who in
            try edit(r, "data/orgs/acme.json") { o in
                o["apps"] = [
                    [
                        "id": "dash", "name": "Dash", "team": "ops", "visibility": "team", "shares": ["feed"],
                        "createdBy": who.email, "createdAt": "2026-11-23T10:00:00Z",
                    ]
                ]
            }
        },
        Case(name: "symbolic link", allowed: admins) { r, _ in
            try FileManager.default.createDirectory(at: r.url.appendingPathComponent("tools"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: r.url.appendingPathComponent("tools/passwd").path, withDestinationPath: "/etc/passwd")
        },
        Case(name: "registration", allowed: admins.union([Who.newcomer.rawValue])) { r, _ in
            var env = fixedEnvironment
            env["ROSTER_ACTOR"] = "nina@newco.example"
            let run = try roster(
                ["org", "register", "Newco", "--email", "nina@newco.example", "--first", "Nina", "--last", "N"], in: r.url, environment: env)
            #expect(run.status == 0, "\(run.stderr)")
        },
        Case(name: "registration, self-approved", allowed: admins) { r, _ in
            var env = fixedEnvironment
            env["ROSTER_ACTOR"] = "nina@newco.example"
            _ = try roster(
                ["org", "register", "Newco", "--email", "nina@newco.example", "--first", "Nina", "--last", "N"], in: r.url, environment: env)
            try edit(r, "data/orgs/newco.json") { $0["status"] = "enabled" }
        },
    ]

    static func addMember(
        _ repo: Repo, invitedBy: String, at: String = "2026-11-23T10:00:00Z", state: String = "invited", forged: Bool = false,
        expiresAt: String? = "2026-12-07T10:00:00Z"
    ) throws {
        try edit(repo, "data/orgs/acme.json") { o in
            var member: [String: Any] = [
                "email": "cy@acme.example", "firstName": "Cy", "lastName": "Cole", "role": "team-member",
                "state": state, "invitedAt": at, "invitedBy": invitedBy,
            ]
            member["expiresAt"] = expiresAt
            o["members"] = (o["members"] as! [Any]) + [member]
        }
    }

    @Test func everyRoleAgainstEveryKindOfPathAndField() throws {
        let repo = try Self.makeRepo()
        var mismatches: [String] = []
        for c in Self.cases {
            for who in Who.allCases {
                try repo.git("checkout", "-q", "--", ".")
                try repo.git("clean", "-qfdx")
                try c.apply(repo, who)
                let run = try repo.run(["check", "--base", "HEAD", "--actor", who.rawValue])
                let allowed = c.allowed.contains(who.rawValue)
                // Only policy is judged here: a provider admin's change may still fail validation.
                let refusedByPolicy = run.stdout.contains("[policy-")
                if allowed == refusedByPolicy || (!allowed && run.status != 1) {
                    mismatches.append("\(c.name) by \(who): exit \(run.status)\n\(run.stdout)")
                }
                if refusedByPolicy {
                    #expect(run.stdout.contains("\(who.rawValue) ("), "the refusal names the actor: \(run.stdout)")
                }
            }
        }
        #expect(mismatches == [])
    }

    /// The reason of a refusal names who may make the change: another org's super admin who
    /// renames an org is told it is the provider's (it said the org's own super admins may,
    /// who may not either); one who invites into it, that its own super admins may.
    @Test func aRefusalSaysWhoMayMakeTheChange() throws {
        let repo = try Self.makeRepo()
        try Self.edit(repo, "data/orgs/acme.json") { $0["name"] = "Acme Renamed" }
        let rename = try repo.run(["check", "--base", "HEAD", "--actor", "olga@other.example"])
        #expect(rename.status == 1)
        #expect(rename.stdout.contains("/name is the provider's: only a provider admin may change it"), "\(rename.stdout)")
        try repo.git("checkout", "-q", "--", ".")
        try Self.addMember(repo, invitedBy: "olga@other.example")
        let invite = try repo.run(["check", "--base", "HEAD", "--actor", "olga@other.example"])
        #expect(invite.status == 1)
        #expect(
            invite.stdout.contains("only the org's own super admins (members, teams and apps) and a provider admin may change /members"),
            "\(invite.stdout)")
    }

    /// A disabled org's users cannot connect (Amplify): its super admin's invitation and its
    /// invitee's acceptance are refused by pull request too; once a provider admin has enabled
    /// the org again in the base, both pass; another org's super admin is not concerned.
    @Test func theUsersOfADisabledOrgChangeNothingOfIt() throws {
        let repo = try Self.makeRepo()
        try repo.change("org", "disable", "acme")
        try repo.commit("acme disabled")
        func check(_ actor: String, _ change: () throws -> Void) throws -> RosterRun {
            try repo.git("checkout", "-q", "--", ".")
            try change()
            return try repo.run(["check", "--base", "HEAD", "--actor", actor])
        }
        let invite = { try Self.addMember(repo, invitedBy: "ann@acme.example") }
        let accept = { try Self.editMember(repo, org: "acme", email: "bob@acme.example") { $0["state"] = "active" } }
        for (actor, change) in [("ann@acme.example", invite), ("bob@acme.example", accept)] {
            let refused = try check(actor, change)
            #expect(refused.status == 1 && refused.stdout.contains("[policy-org-inactive]"), "\(refused.stdout)")
        }
        let other = try check("olga@other.example") {
            try Self.edit(repo, "data/orgs/other-org.json") { o in
                o["members"] = (o["members"] as! [[String: Any]]).map { m in
                    var m = m
                    m["firstName"] = "Olgx"
                    return m
                }
            }
        }
        #expect(!other.stdout.contains("[policy-org-inactive]"), "\(other.stdout)")
        try repo.git("checkout", "-q", "--", ".")
        try repo.change("org", "enable", "acme")
        try repo.commit("acme enabled again")
        for (actor, change) in [("ann@acme.example", invite), ("bob@acme.example", accept)] {
            let allowed = try check(actor, change)
            #expect(!allowed.stdout.contains("[policy-"), "\(allowed.stdout)")
        }
    }

    /// After its end date (`until`) an org is inactive as a disabled one is: its super admin's
    /// invitation is refused; with the end date still ahead, allowed.
    @Test func theUsersOfAnOrgPastItsEndDateChangeNothingOfIt() throws {
        let repo = try Self.makeRepo()
        for (until, refused) in [("2026-11-23", true), ("2026-11-24", false)] {
            try repo.git("checkout", "-q", "--", ".")
            try Self.edit(repo, "data/orgs/acme.json") { $0["until"] = until }
            try repo.commit("acme ends on \(until)")
            try Self.addMember(repo, invitedBy: "ann@acme.example")
            let run = try repo.run(["check", "--base", "HEAD", "--actor", "ann@acme.example"])
            #expect(run.stdout.contains("[policy-org-inactive]") == refused, "\(until): \(run.stdout)")
            if refused { #expect(run.stdout.contains("ended on \(until)")) }
        }
    }

    /// Bob accepts his invitation both ways, from the committed base: by pull request
    /// (`roster check --actor bob`) and by `roster member activate`, the working tree put back
    /// after each. The two must judge an invitation's expiry alike.
    static func acceptBobsInvitation(_ repo: Repo) throws -> (check: RosterRun, verb: RosterRun) {
        try editMember(repo, org: "acme", email: "bob@acme.example") { $0["state"] = "active" }
        let check = try repo.run(["check", "--base", "HEAD", "--actor", "bob@acme.example"])
        try repo.git("checkout", "-q", "--", ".")
        let verb = try repo.run(["member", "activate", "acme", "bob@acme.example"], actor: "bob@acme.example")
        try repo.git("checkout", "-q", "--", ".")
        return (check, verb)
    }

    /// An invitation written before invitations expired (no `expiresAt`) expires
    /// `invitations.expireAfterDays` after it was sent: accepted by pull request or by
    /// `roster member activate` later than that, it is refused; within it, allowed.
    @Test func anInvitationWithoutAnExpiryExpiresAfterTheSettingsDays() throws {
        let repo = try Self.makeRepo()
        for (sent, refused) in [("2026-11-08T09:00:00Z", true), ("2026-11-10T09:00:00Z", false)] {
            try repo.git("checkout", "-q", "--", ".")
            try Self.editMember(repo, org: "acme", email: "bob@acme.example") { $0["invitedAt"] = sent }
            try repo.commit("bob invited at \(sent), before invitations expired")
            let (run, verb) = try Self.acceptBobsInvitation(repo)
            #expect(run.stdout.contains("[invitation-expired]") == refused, "\(sent): \(run.stdout)")
            #expect((verb.status != 0) == refused, "\(sent): \(verb.stderr)")
            if refused { #expect(verb.stderr.contains("expired at 2026-11-22T09:00:00Z"), "\(verb.stderr)") }
        }
    }

    @Test func fieldRefusalsPointAtTheChangedField() throws {
        let repo = try Self.makeRepo()
        try Self.editMember(repo, org: "acme", email: "bob@acme.example") { $0["invitedBy"] = "admin@provider.example" }
        let run = try repo.run(["check", "--base", "HEAD", "--actor", "ann@acme.example"])
        #expect(run.status == 1)
        let text = try String(contentsOf: repo.url.appendingPathComponent("data/orgs/acme.json"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let bob = try #require(lines.firstIndex { $0.contains("\"bob@acme.example\"") })
        let line = try #require(lines[bob...].firstIndex { $0.contains("\"invitedBy\" : \"admin@provider.example\"") }) + 1
        let column = lines[line - 1].distance(from: lines[line - 1].startIndex, to: lines[line - 1].range(of: "\"admin@")!.lowerBound) + 1
        #expect(
            run.stdout.contains(
                "data/orgs/acme.json:\(line):\(column): error: ann@acme.example (super admin of acme) may not change /members[bob@acme.example]/invitedBy (modified)"
            ))
        #expect(run.stdout.contains("[policy-audit]"))
    }

    @Test func anEmptyOrMalformedActorIsBadUsage() throws {
        let repo = try Repo()
        for bad in ["", "   ", "not-an-email", "@", "@bad handle", "@-dash"] {
            let run = try repo.run(["check", "--base", "HEAD", "--actor", bad])
            #expect(run.status == 64, "--actor '\(bad)': \(run.stdout)\(run.stderr)")
        }
    }

    @Test func withoutAnActorEveryOutputSaysPolicyWasNotChecked() throws {
        let repo = try Repo()
        try Self.write(repo, "site-templates/page.mustache", "<script>")
        // ROSTER_ACTOR is not read: the verdict must not depend on the shell.
        let text = try repo.run(["check", "--base", "HEAD", "--summary", "summary.md"], actor: "bob@acme.example")
        #expect(text.status == 0)
        #expect(text.stdout.contains("policy NOT checked"))
        let summary = try String(contentsOf: repo.url.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(summary.contains("**Policy was not checked**"))
        let json = try repo.run(["check", "--base", "HEAD", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["policy"] as? [String: Any])?["checked"] as? Bool == false)
        #expect(object["verdict"] as? String == "allowed")
    }

    @Test func handlesResolveThroughTheBase() throws {
        let repo = try Self.makeRepo()
        try Self.addMember(repo, invitedBy: "ann@acme.example")
        let byHandle = try repo.run(["check", "--base", "HEAD", "--actor", "@ann-gh", "--format", "json"])
        #expect(byHandle.status == 0, "\(byHandle.stdout)")
        #expect(byHandle.stdout.contains("\"role\": \"super admin of acme\""))
        // A handle nobody has in the base is a newcomer, whatever e-mail the commits carry.
        let stranger = try repo.run(["check", "--base", "HEAD", "--actor", "@ann-gh2"])
        #expect(stranger.status == 1)
        #expect(stranger.stdout.contains("@ann-gh2 (newcomer)"))
        // A handle given in the head only does not count: roles come from the base.
        try Self.editMember(repo, org: "acme", email: "bob@acme.example") { $0["handle"] = "bob-gh" }
        let selfGranted = try repo.run(["check", "--base", "HEAD", "--actor", "@bob-gh"])
        #expect(selfGranted.stdout.contains("@bob-gh (newcomer)"))
        #expect(selfGranted.status == 1)
    }

    @Test func aRegistrationUnderAutoApproveIsAllowedWhenItIsExactlyWhatRegisterWrites() throws {
        let repo = try Repo()
        try Self.edit(repo, "data/marketplace.json") { m in m["registration"] = ["enabled": true, "autoApprove": true] }
        try repo.commit("auto-approve")
        var env = fixedEnvironment
        env["ROSTER_ACTOR"] = "nina@newco.example"
        #expect(
            try roster(
                ["org", "register", "Newco", "--email", "nina@newco.example", "--first", "Nina", "--last", "N"], in: repo.url, environment: env
            ).status == 0)
        #expect(try repo.run(["check", "--base", "HEAD", "--actor", "nina@newco.example"]).status == 0)
        // Registering for someone else, or adding a second member, is not a registration.
        #expect(try repo.run(["check", "--base", "HEAD", "--actor", "other@newco.example"]).status == 1)
        try Self.edit(repo, "data/orgs/newco.json") { o in
            o["members"] =
                (o["members"] as! [Any]) + [
                    [
                        "email": "pal@newco.example", "firstName": "P", "lastName": "Q", "role": "super-admin",
                        "state": "active", "invitedAt": "2026-11-23T10:00:00Z", "invitedBy": "nina@newco.example",
                    ]
                ]
        }
        let extra = try repo.run(["check", "--base", "HEAD", "--actor", "nina@newco.example"])
        #expect(extra.status == 1)
        #expect(extra.stdout.contains("[policy-newcomer]"))
    }

    @Test func aMoveToANewIdKeepingFewMembersIsAMassRemoval() throws {
        let repo = try Repo()
        for k in 1...5 {
            try repo.change("member", "invite", "acme", "m\(k)@acme.example", "--first", "M", "--last", "\(k)", "--role", "team-member")
        }
        try repo.commit("seven members")
        // Re-create acme as acme-two with one of its seven members, and delete acme "properly".
        try repo.change("org", "create", "Acme Two")
        // The member must leave acme first (one org per user): delete acme with its confirmation.
        try repo.change("org", "delete", "acme", "--confirm", "Acme")
        try repo.change("member", "invite", "acme-two", "m1@acme.example", "--first", "M", "--last", "1", "--role", "super-admin")
        let run = try repo.run(["check", "--base", "HEAD"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("moves acme to acme-two keeping 1 of its 7 members: removes 6, "))
        #expect(run.stdout.contains("[guard-member-removal]"))
        #expect(try repo.run(["check", "--base", "HEAD", "--allow-mass-removal"]).status == 0)
    }

    /// Tyk steps 3 and 4 by pull request: a super admin invites a member with their login, and
    /// the invitee, known by that login, accepts with a pull request of their own.
    @Test func anInviteeKnownByHandleAcceptsTheirOwnInvitation() throws {
        let repo = try Self.makeRepo()
        let invite = try repo.run(
            [
                "member", "invite", "acme", "cy@acme.example", "--first", "Cy", "--last", "Cole",
                "--role", "team-member", "--handle", "@cy-gh",
            ], actor: "ann@acme.example")
        #expect(invite.status == 0, "\(invite.stderr)")
        #expect(try repo.run(["check", "--base", "HEAD", "--actor", "@ann-gh"]).status == 0)
        try repo.commit("invite cy")
        #expect(try repo.run(["member", "activate", "acme", "cy@acme.example"]).status == 0)
        let accept = try repo.run(["check", "--base", "HEAD", "--actor", "@CY-GH"])
        #expect(accept.status == 0, "\(accept.stdout)")
        #expect(accept.stdout.contains("policy checked for @CY-GH (invitee of acme)"))
        // The invitee may not grant themselves more than acceptance.
        try Self.editMember(repo, org: "acme", email: "cy@acme.example") { $0["role"] = "super-admin" }
        let greedy = try repo.run(["check", "--base", "HEAD", "--actor", "@cy-gh"])
        #expect(greedy.status == 1)
        #expect(greedy.stdout.contains("/members[cy@acme.example]/role (modified)"))
        // A malformed handle is refused by the verb, and writes nothing.
        try repo.git("checkout", "-q", "--", ".")
        let bad = try repo.run(["member", "edit", "acme", "cy@acme.example", "--handle", "no spaces"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("is not a git-host login"))
        #expect(try repo.git("status", "--porcelain").isEmpty)
    }
}
