import Foundation
import Testing
import RosterCore
@testable import RosterSite

/// `roster build` keeps each org's findings in the output folder for the next run: it may make
/// a build faster, never different.
@Suite struct FindingsCacheTests {
    func cache(_ project: SiteProject, today: CalendarDate = fixedDay) -> (FindingsCache, Snapshot) {
        let snapshot = RecordStore.load(root: project.root.path)
        return (FindingsCache(snapshot: snapshot, today: today), snapshot)
    }

    var cacheURL: (SiteProject) -> URL { { $0.output.appendingPathComponent(FindingsCache.fileName) } }

    @Test func aBuildKeepsEachOrgsFindingsForTheNext() throws {
        let project = try SiteProject(records: try syntheticRecords(orgs: 40))
        let first = try project.build()
        #expect(!first.warnings.isEmpty, "the synthetic orgs have warnings")
        let (file, snapshot) = cache(project)
        let entries = try #require(file.read(SiteOutput(directory: project.output.path)))
        #expect(entries.count == snapshot.orgs.count)
        #expect(Set(entries.values.flatMap(\.findings)).isSubset(of: Set(first.warnings)))
        let memo = file.memo(SiteOutput(directory: project.output.path), snapshot: snapshot, today: fixedDay)
        #expect(memo.contents()?.entries.count == snapshot.orgs.count, "every org is remembered")
        // A build that uses them says what a build without them says.
        try project.write("data/orgs/org-3.json", try project.read("data/orgs/org-3.json") + " ")
        let second = try project.build()
        try FileManager.default.removeItem(at: cacheURL(project))
        try project.write("data/orgs/org-5.json", try project.read("data/orgs/org-5.json"))
        let third = try project.build()
        #expect(!second.upToDate && !third.upToDate)
        #expect(third.warnings == second.warnings && second.warnings == first.warnings)
    }

    /// Another roster, day, settings file or set of shares, an edited or cut file: the whole
    /// cache is ignored; a changed org's entry is not used.
    @Test func aCacheInDoubtIsIgnored() throws {
        let project = try SiteProject(records: try syntheticRecords(orgs: 12))
        try project.build()
        let output = SiteOutput(directory: project.output.path)
        let good = try Data(contentsOf: cacheURL(project))
        #expect(cache(project).0.read(output) != nil)
        #expect(cache(project, today: CalendarDate(year: 2026, month: 11, day: 24)!).0.read(output) == nil, "another day")
        func tampered(_ change: (inout [UInt8]) -> Void) throws -> Bool {
            var bytes = [UInt8](good)
            change(&bytes)
            try Data(bytes).write(to: cacheURL(project))
            defer { try? good.write(to: cacheURL(project)) }
            return cache(project).0.read(output) == nil
        }
        #expect(try tampered { $0[$0.count - 3] ^= 0x01 }, "a byte of a finding changed")
        #expect(try tampered { $0.removeLast(10) }, "cut short")
        #expect(
            try tampered {
                $0 = Array(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "roster-portal-2", with: "roster-portal-1").utf8)
            }, "another roster")
        #expect(try tampered { $0 = [] }, "empty")
        let settings = try project.read("data/marketplace.json")
        try project.write("data/marketplace.json", settings + "\n")
        #expect(cache(project).0.read(output) == nil, "other settings")
        try project.write("data/marketplace.json", settings)
        let shares = try FileManager.default.contentsOfDirectory(atPath: project.root.appendingPathComponent("data/shares").path).sorted()
        let share = "data/shares/" + shares[0]
        let shareText = try project.read(share)
        try project.write(share, shareText + "\n")
        #expect(cache(project).0.read(output) == nil, "a share changed")
        try project.write(share, shareText)
        // One org changed: the others keep their findings, it does not.
        try project.write("data/orgs/org-3.json", try project.read("data/orgs/org-3.json") + " ")
        let (file, snapshot) = cache(project)
        let kept = try #require(file.memo(output, snapshot: snapshot, today: fixedDay).contents()).entries
        #expect(kept.count == snapshot.orgs.count - 1 && kept["data/orgs/org-3.json"] == nil)
    }

    /// An org changed to break a rule is refused, whatever the cache says of its old bytes,
    /// even with its size and modification time put back.
    @Test func aChangedOrgIsCheckedAgain() throws {
        let project = try SiteProject(records: try syntheticRecords(orgs: 12))
        try project.build()
        let text = try project.read("data/orgs/org-3.json")
        // A first name of blanks, which only a rule of each org sees (member-name).
        let at = try #require(text.range(of: "\"firstName\": \""))
        let end = try #require(text[at.upperBound...].firstIndex(of: "\""))
        let broken = text.replacingCharacters(in: at.upperBound..<end, with: String(repeating: " ", count: text[at.upperBound..<end].count))
        #expect(broken != text && broken.utf8.count == text.utf8.count)
        let url = project.root.appendingPathComponent("data/orgs/org-3.json")
        let time = try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate]
        try project.write("data/orgs/org-3.json", broken)
        try FileManager.default.setAttributes([.modificationDate: time as Any], ofItemAtPath: url.path)
        #expect(project.failure()?.contains("[member-name]") == true, "\(project.failure() ?? "built")")
    }
}
