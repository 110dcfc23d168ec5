import Testing
@testable import RosterCore

@Suite struct SuggestionTests {
    static let orgVerbs = ["list", "show", "create", "rename", "enable", "disable", "delete", "register", "approve", "reject", "set-until"]

    /// `roster org dis` suggested `list` (two edits from "dis") instead of `disable`.
    @Test func aShortenedVerbSuggestsTheVerbItBegins() {
        #expect(Suggestion.closestVerb(to: "dis", in: Self.orgVerbs) == "disable")
        #expect(Suggestion.closestVerb(to: "appr", in: Self.orgVerbs) == "approve")
        #expect(Suggestion.closestVerb(to: "Set", in: Self.orgVerbs) == "set-until")
    }

    /// A prefix shared by several verbs says nothing; a typo is still matched by its edits.
    @Test func anAmbiguousPrefixOrATypoFallsBackToTheEditDistance() {
        #expect(Suggestion.closestVerb(to: "re", in: Self.orgVerbs) == Suggestion.closest(to: "re", in: Self.orgVerbs))
        #expect(Suggestion.closestVerb(to: "enabel", in: Self.orgVerbs) == "enable")
        #expect(Suggestion.closestVerb(to: "creat", in: Self.orgVerbs) == "create")
        #expect(Suggestion.closestVerb(to: "zzzzzzzz", in: Self.orgVerbs) == nil)
    }
}
