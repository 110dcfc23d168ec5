import Foundation
import Testing
import RosterCore
@testable import RosterSite

/// Pages are rendered and written by several threads: the bytes must not depend on how many.
@Suite struct WorkerCountTests {
    @Test func oneWorkerAndSeveralWriteTheSameBytes() throws {
        // Enough orgs for several pages of the orgs list, several search pieces and many
        // ranges of record pages, so workers interleave.
        let project = try SiteProject(records: try syntheticRecords(orgs: 1_200))
        var trees: [[String: String]] = []
        for workers in [1, 2, 5] {
            let out = project.root.appendingPathComponent("_site-\(workers)")
            var options = PortalBuilder.Options(root: project.root.path, output: out.path, today: fixedDay)
            options.workers = workers
            let report = try PortalBuilder(options: options).build()
            #expect(report.written == report.files)
            // The manifest records when the inputs were seen (files changed moments before
            // are listed as racy), not what the workers wrote.
            trees.append(try project.outputFiles(out).filter { $0.key != ".roster-build.json" })
        }
        #expect(trees[0].count > 2_400)
        for tree in trees.dropFirst() {
            // The paths that differ, not the whole trees: a failure stays readable.
            let paths = Set(tree.keys).union(trees[0].keys)
            #expect(paths.filter { tree[$0] != trees[0][$0] }.sorted() == [])
        }
    }
}
