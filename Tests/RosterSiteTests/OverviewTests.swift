import Foundation
import RosterTemplates
import Testing
@testable import RosterCore
@testable import RosterSite

@Suite struct OverviewTests {
    /// A commit that touched many records names five of them under "Recent changes" and says
    /// how many more there are (the overview showed five and hid the rest).
    @Test func aCommitOfManyRecordsCountsTheOnesItDoesNotName() throws {
        let project = try SiteProject()
        let files = (1...7).map { "data/orgs/org-\($0).json" }
        let commits = [
            GitHistory.Commit(
                hash: String(repeating: "a", count: 40), date: "2026-11-20T10:00:00Z", author: "Ann", subject: "seven orgs", files: files),
            GitHistory.Commit(
                hash: String(repeating: "b", count: 40), date: "2026-11-19T10:00:00Z", author: "Ann", subject: "two orgs",
                files: Array(files.prefix(2))),
        ]
        let model = PortalModel(
            snapshot: RecordStore.load(root: project.root.path), docs: DocsSite(pages: []), history: GitHistory(commits: commits, head: nil),
            today: fixedDay)
        let templates = try TemplateSet.load(directory: project.root.path + "/site-templates")
        let page = String(decoding: templates.render(frames: Pages.overview(model), template: "index"), as: UTF8.self)
        #expect(page.contains("org-5") && !page.contains("org-6"), "\(page)")
        #expect(page.components(separatedBy: "and 2 more").count == 2, "\(page)")
    }
}
