import Foundation
import Testing
@testable import RosterCore
@testable import RosterSite

/// `roster build` does not run the per-org rules again on an org an earlier build found clean in
/// the same bytes (``CleanOrgs``). Whatever could change their findings must bring them back:
/// the org's bytes (even in the same size and time), the day, the settings and the shares.
@Suite struct CleanOrgsTests {
    @discardableResult
    func build(_ project: SiteProject, on day: CalendarDate = fixedDay) throws(PortalBuilder.Failure) -> PortalBuilder.Report {
        try PortalBuilder(options: .init(root: project.root.path, output: project.output.path, today: day)).build()
    }

    func refusal(_ project: SiteProject) -> String? {
        do {
            _ = try build(project)
            return nil
        } catch {
            return error.description
        }
    }

    func cleanFile(_ project: SiteProject) throws -> CleanOrgs {
        try #require(CleanOrgs.parse(Array(try Data(contentsOf: project.output.appendingPathComponent(CleanOrgs.fileName)))))
    }

    /// What `roster validate` says of the same records on the same day: the warnings a build reports.
    func fresh(_ project: SiteProject, on day: CalendarDate = fixedDay) -> [Finding] {
        Validator.validate(RecordStore.load(root: project.root.path), options: ValidationOptions(today: day))
    }

    @Test func theFileReadsBackAndAnythingElseIsNone() {
        let clean = CleanOrgs(
            context: 0x0123_4567_89ab_cdef, keys: [.init(path: "data/orgs/a.json", size: 10, content: 7), .init(content: .max, place: 0)])
        let bytes = clean.bytes()
        #expect(CleanOrgs.parse(bytes) == clean)
        #expect(CleanOrgs.parse(Array(bytes.dropLast())) == nil)
        #expect(CleanOrgs.parse(bytes + [0]) == nil)
        #expect(CleanOrgs.parse([]) == nil)
        var otherVersion = bytes
        otherVersion[CleanOrgs.magic.count - 2] = UInt8(ascii: "2")
        #expect(CleanOrgs.parse(otherVersion) == nil)
        // A count that claims more keys than the file holds (or overflows when multiplied).
        for count in [UInt64(3), .max, .max / 8] {
            var claim = bytes
            withUnsafeBytes(of: count.littleEndian) { claim.replaceSubrange(CleanOrgs.magic.count + 8..<CleanOrgs.magic.count + 16, with: $0) }
            #expect(CleanOrgs.parse(claim) == nil, "\(count)")
        }
    }

    /// Content, not time: an org rewritten with the same size and its old modification time
    /// put back is checked again (here it gains an error, and the build stops).
    @Test func anOrgChangedInTheSameSizeAndTimeIsCheckedAgain() throws {
        let project = try SiteProject()
        try build(project)
        #expect(try cleanFile(project).keys.count == 2, "both orgs of the fixture are clean")
        let file = project.root.appendingPathComponent("data/orgs/acme.json")
        let before = try FileManager.default.attributesOfItem(atPath: file.path)
        let text = try project.read("data/orgs/acme.json")
        let blank = text.replacingOccurrences(of: "\"firstName\": \"Ann\"", with: "\"firstName\": \"   \"")
        #expect(blank.utf8.count == text.utf8.count && blank != text)
        try project.write("data/orgs/acme.json", blank)
        try FileManager.default.setAttributes([.modificationDate: before[.modificationDate]!], ofItemAtPath: file.path)
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int == before[.size] as? Int)
        let failure = try #require(refusal(project))
        #expect(failure.contains("data/orgs/acme.json") && failure.contains("[member-name]"), "\(failure)")
    }

    /// Invitations go stale with the days: a later day checks every org again.
    @Test func anotherDayChecksTheOrgsAgain() throws {
        let project = try SiteProject()
        #expect(try build(project).warnings.isEmpty)
        let later = CalendarDate(year: 2026, month: 12, day: 15)!
        let report = try build(project, on: later)
        #expect(report.warnings.contains { $0.rule == "invitation-stale" && $0.path == "data/orgs/acme.json" }, "\(report.warnings)")
        #expect(report.warnings == fresh(project, on: later))
    }

    /// The per-org rules read the settings (`guards.minSuperAdmins`) and the shares (an app may
    /// use only a share its org consumes): a change to either checks every org again.
    @Test(arguments: ["settings", "share"])
    func aFileThePerOrgRulesReadChecksTheOrgsAgain(_ kind: String) throws {
        let project = try SiteProject()
        let withApp = baseFixture.deletingLastPathComponent().appendingPathComponent("rules/app-share-window/pass/data/orgs/acme.json")
        try project.write("data/orgs/acme.json", try String(contentsOf: withApp, encoding: .utf8))
        #expect(try build(project).warnings == fresh(project))
        #expect(try cleanFile(project).keys.count == 2)
        switch kind {
        case "settings":
            let text = try project.read("data/marketplace.json")
            try project.write("data/marketplace.json", text.replacingOccurrences(of: "\"minSuperAdmins\": 1", with: "\"minSuperAdmins\": 2"))
            let failure = try #require(refusal(project))
            #expect(failure.contains("data/orgs/acme.json") && failure.contains("[min-super-admins]"), "\(failure)")
        default:
            let text = try project.read("data/shares/feed.json")
            let start = try #require(text.range(of: "\"consumers\": [")),
                end = try #require(text.range(of: "]", range: start.upperBound..<text.endIndex))
            try project.write("data/shares/feed.json", text.replacingCharacters(in: start.lowerBound..<end.upperBound, with: "\"consumers\": []"))
            let failure = try #require(refusal(project))
            #expect(failure.contains("data/orgs/acme.json") && failure.contains("[app-share]"), "\(failure)")
        }
    }

    /// After orgs changed (a clean one gains a warning), the build reports what a
    /// fresh validation does, and keeps the clean orgs a fresh build keeps, byte for byte.
    @Test func anIncrementalBuildKeepsWhatAFreshOneKeeps() throws {
        let project = try SiteProject(records: try syntheticRecords(orgs: 30))
        let first = try build(project)
        let warned = Set(first.warnings.map(\.path))
        let clean = try #require((0..<30).map { "data/orgs/org-\($0).json" }.first { !warned.contains($0) })
        let text = try project.read(clean)
        // A member in no team: `member-no-team` warns.
        let members = try #require(text.range(of: "\"members\": ["))
        let loner = """
            {"email": "loner@example.com", "firstName": "Lone", "lastName": "Ranger", "role": "team-member", "state": "active",
             "invitedAt": "2026-01-01T00:00:00Z", "invitedBy": "admin@provider.example"},
            """
        try project.write(clean, text.replacingCharacters(in: members, with: "\"members\": [" + loner))
        let report = try build(project)
        #expect(report.warnings.contains { $0.path == clean && $0.rule == "member-no-team" }, "\(report.warnings.filter { $0.path == clean })")
        #expect(report.warnings == fresh(project))
        let incremental = try Data(contentsOf: project.output.appendingPathComponent(CleanOrgs.fileName))
        let other = project.root.appendingPathComponent("fresh")
        try project.build(out: other)
        #expect(try Data(contentsOf: other.appendingPathComponent(CleanOrgs.fileName)) == incremental)
    }
}
