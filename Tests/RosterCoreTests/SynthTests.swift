import Foundation
import Testing
@testable import RosterCore
import RosterSynth

@Suite struct SynthTests {
    @Test func aSyntheticMarketplaceHasNoError() throws {
        let repo = try TemporaryRepo(empty: ())
        for (path, bytes) in SyntheticMarketplace(orgs: 120, membersPerOrg: 8, shares: 12, seed: 7).files() {
            try repo.write(path, String(decoding: bytes, as: UTF8.self))
        }
        let snapshot = RecordStore.load(root: repo.path)
        #expect(snapshot.orgs.count == 120)
        #expect(snapshot.shares.count == 12)
        let errors = Validator.validate(snapshot, options: fixtureDay).filter { $0.severity == .error }
        #expect(errors.map { FindingReport.textLine($0) } == [])
        #expect(Formatter.differences(snapshot).isEmpty)
        #expect(Set(snapshot.orgs.map(\.record.status)) == [.enabled, .disabled, .pending])
    }

    @Test func theSameSeedGivesTheSameBytes() {
        let a = SyntheticMarketplace(orgs: 30, membersPerOrg: 5, shares: 4, seed: 42).files()
        let b = SyntheticMarketplace(orgs: 30, membersPerOrg: 5, shares: 4, seed: 42).files()
        let c = SyntheticMarketplace(orgs: 30, membersPerOrg: 5, shares: 4, seed: 43).files()
        #expect(a.map(\.bytes) == b.map(\.bytes))
        #expect(a.map(\.bytes) != c.map(\.bytes))
    }
}
