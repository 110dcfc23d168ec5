import Testing

@testable import RosterCore

/// The syntax checks the rules run on every record, on their edges.
@Suite struct FormatsTests {
    /// `^[a-z0-9][a-z0-9-]{0,62}$`, the id rule of orgs, teams, apps and shares.
    @Test func idsAreLowerCaseLettersDigitsAndInnerDashes() {
        for valid in ["a", "0", "acme", "acme-2", "a-", "a--b", String(repeating: "x", count: 63)] {
            #expect(Formats.isValidID(valid), "\(valid)")
        }
        for invalid in ["", "-a", "-", "Acme", "acme_2", "acme 2", "acmé", "a.b", "a/b", "é", String(repeating: "x", count: 64)] {
            #expect(!Formats.isValidID(invalid), "\(invalid)")
        }
    }
}
