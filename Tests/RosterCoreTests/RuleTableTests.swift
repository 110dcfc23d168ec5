import Foundation
import Testing
@testable import RosterCore

/// The rule table of content/record-format.md is `RuleTable.markdown`, so every rule is
/// documented with the summary `--list-rules` prints.
@Suite struct RuleTableTests {
    @Test func theDocsCarryTheGeneratedRuleTable() throws {
        let docs = try String(contentsOf: packageRoot.appendingPathComponent("content/record-format.md"), encoding: .utf8)
        let start = try #require(docs.range(of: "<!-- rules: RuleTable.markdown; RuleTableTests checks it -->\n"))
        let end = try #require(docs.range(of: "<!-- end rules -->", range: start.upperBound..<docs.endIndex))
        let table = String(docs[start.upperBound..<end.lowerBound])
        #expect(table == RuleTable.markdown, "replace the table in content/record-format.md with:\n\(RuleTable.markdown)")
    }

    @Test func everyRuleIsListedOnce() {
        let ids = RuleTable.entries.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.count == Validator.rules.count + Validator.loaderRules.count)
    }
}
