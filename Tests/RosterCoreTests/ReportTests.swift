import Foundation
import Testing
@testable import RosterCore

@Suite struct ReportTests {
    let findings = [
        Finding(path: "data/orgs/a.json", pointer: nil, line: 3, column: 5, severity: .error, rule: "org-name", message: "too short"),
        Finding(path: "data/shares/b,c.json", pointer: nil, line: 1, column: 1, severity: .warning, rule: "stray-file", message: "100% odd\nreally"),
    ]

    /// A line break in a message is shown escaped: a finding stays on its line.
    @Test func textHasOneLinePerFindingAndACount() {
        #expect(
            FindingReport.render(findings, format: .text) == #"""
                data/orgs/a.json:3:5: error: too short [org-name]
                data/shares/b,c.json:1:1: warning: 100% odd\nreally [stray-file]
                1 error, 1 warning

                """#)
        #expect(FindingReport.render([], format: .text, filesChecked: 3) == "no problems found in 3 files\n")
    }

    @Test func githubAnnotationsAreEscaped() {
        #expect(
            FindingReport.render(findings, format: .github) == #"""
                ::error file=data/orgs/a.json,line=3,col=5,title=org-name::too short
                ::warning file=data/shares/b%2Cc.json,line=1,col=1,title=stray-file::100%25 odd\nreally

                """#)
    }

    @Test func jsonCarriesTheSameFindings() throws {
        let text = FindingReport.render(findings, format: .json)
        let decoded = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
        #expect(decoded?.count == 2)
        #expect(decoded?.first?["rule"] as? String == "org-name")
        #expect(decoded?.first?["line"] as? Int == 3)
        #expect(decoded?.last?["severity"] as? String == "warning")
    }
}
