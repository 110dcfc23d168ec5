import Foundation
import Testing
@testable import RosterCore
import RosterSynth

/// The preview validates with a memo: orgs whose files did not change keep their findings.
/// Whatever changes between two validations, the result must be what a full validation says.
@Suite struct ValidationMemoTests {
    /// One repository edited in place, as a person edits while `roster serve` runs: each rule's
    /// failing overlay, then the base again, validated with the same cache and memo each time.
    @Test func rememberedFindingsAreThoseOfAFullValidation() throws {
        let repo = try TemporaryRepo()
        let base = try TemporaryRepo()
        let cache = RecordCache(), memo = ValidationMemo()
        func check(_ label: String, options: ValidationOptions = fixtureDay) {
            let remembered = Validator.validate(RecordStore.load(root: repo.path, cache: cache), options: options, memo: memo)
            let full = Validator.validate(RecordStore.load(root: repo.path), options: options)
            #expect(remembered == full, "\(label)")
        }
        check("base")
        var sawFindings = 0
        for rule in RuleFixtureTests.ruleFolders {
            let fail = RuleFixtureTests.rulesURL.appendingPathComponent(rule).appendingPathComponent("fail")
            try copyOver(fail, into: repo.url)
            check("\(rule) overlay")
            sawFindings += repo.validate().isEmpty ? 0 : 1
            // Back to the base: the overlay's files replaced, files it added removed.
            for relative in try FileManager.default.subpathsOfDirectory(atPath: fail.path) {
                let original = base.url.appendingPathComponent(relative)
                let target = repo.url.appendingPathComponent(relative)
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: fail.appendingPathComponent(relative).path, isDirectory: &isDir), !isDir.boolValue else {
                    continue
                }
                try? FileManager.default.removeItem(at: target)
                if FileManager.default.fileExists(atPath: original.path) { try FileManager.default.copyItem(at: original, to: target) }
            }
            check("\(rule) undone")
        }
        #expect(sawFindings > 30, "the overlays really changed the findings")
    }

    @Test func anotherDayOrOtherSettingsCheckEveryOrgAgain() throws {
        let repo = try TemporaryRepo(overlays: [RuleFixtureTests.rulesURL.appendingPathComponent("invitation-stale").appendingPathComponent("fail")])
        let cache = RecordCache(), memo = ValidationMemo()
        let early = ValidationOptions(today: CalendarDate(year: 2020, month: 1, day: 1)!)
        let first = Validator.validate(RecordStore.load(root: repo.path, cache: cache), options: fixtureDay, memo: memo)
        #expect(first.contains { $0.rule == "invitation-stale" })
        let before = Validator.validate(RecordStore.load(root: repo.path, cache: cache), options: early, memo: memo)
        #expect(!before.contains { $0.rule == "invitation-stale" }, "the day changed: the org is checked again")
        #expect(before == Validator.validate(RecordStore.load(root: repo.path), options: early))
    }

    /// An app may only use shares its org consumes: when a share stops listing the org, the
    /// org's file is the same, but its findings are not.
    @Test func aShareChangedChecksTheOrgsAgain() throws {
        let repo = try TemporaryRepo(overlays: [RuleFixtureTests.rulesURL.appendingPathComponent("app-share").appendingPathComponent("pass")])
        let cache = RecordCache(), memo = ValidationMemo()
        let first = Validator.validate(RecordStore.load(root: repo.path, cache: cache), options: fixtureDay, memo: memo)
        #expect(!first.contains { $0.rule == "app-share" })
        let share = try repo.read("data/shares/feed.json")
        let unlinked = share.replacingOccurrences(of: "\"org\": \"acme\"", with: "\"org\": \"beta\"")
        #expect(unlinked != share)
        try repo.write("data/shares/feed.json", unlinked)
        let full = Validator.validate(RecordStore.load(root: repo.path), options: fixtureDay)
        #expect(full.contains { $0.rule == "app-share" })
        #expect(Validator.validate(RecordStore.load(root: repo.path, cache: cache), options: fixtureDay, memo: memo) == full)
    }
}

/// user-single-org keys its index by a 64-bit hash of each address; two addresses with the
/// same hash must still be told apart.
@Suite struct UserSingleOrgTests {
    @Test func collidingHashesGiveTheSameFindings() throws {
        let repo = try TemporaryRepo(overlays: [RuleFixtureTests.rulesURL.appendingPathComponent("user-single-org").appendingPathComponent("fail")])
        let context = ValidationContext(snapshot: RecordStore.load(root: repo.path), options: fixtureDay)
        func findings(_ hash: ((String) -> UInt64)? = nil) -> [Finding] {
            var report = RuleReport(rule: "user-single-org")
            if let hash { InvariantRules.userSingleOrg(context, &report, hash: hash) } else { InvariantRules.userSingleOrg(context, &report) }
            return report.findings
        }
        let real = findings()
        #expect(real.count == 1)
        #expect(findings { _ in 42 } == real, "every address collides")
        #expect(findings { UInt64($0.utf8.count) } == real, "addresses of one length collide")
    }

    /// Grouped into parts by fingerprint (more than 16,384 members), the repeats are those one
    /// table finds: each member whose address came before, with the first that had it.
    @Test(arguments: [100, 17_000, 40_000])
    func theRepeatsOfManyMembersAreThoseOfOneTable(members: Int) {
        var rng = SplitMix64(seed: UInt64(members))
        let emails = (0..<members).map { _ in "u\(rng.next() % UInt64(members / 2))@example.com" }
        var seen: [String: Int] = [:]
        var expected: [(member: Int, first: Int)] = []
        for (k, e) in emails.enumerated() {
            if let first = seen[e] { expected.append((k, first)) } else { seen[e] = k }
        }
        #expect(expected.count > members / 4)
        for hash in [{ (e: String) in FNV1a.fingerprint(Array(e.utf8)) }, { (e: String) in UInt64(e.utf8.count) << 60 | 7 }] {
            let found = EmailOwners.repeats(emails.map(hash)) { emails[$0] == emails[$1] }
            #expect(found.map(\.member) == expected.map(\.member))
            #expect(found.map(\.first) == expected.map(\.first))
        }
    }
}
