import Foundation
import Synchronization
import Testing
import RosterCore
@testable import RosterSite

/// The build as a list of named steps: numbered as printed, named in errors, stopped early
/// when a step finishes the build.
@Suite struct BuildPipelineTests {
    /// The lines a build printed.
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        func add(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    static func state() -> BuildState {
        BuildState(output: SiteOutput(directory: "/nonexistent"), clock: BuildClock(everyLap: false) { _ in })
    }

    @Test func stepsAreNumberedAndTheFailingOneIsNamed() throws {
        let printed = Lines()
        let pipeline = BuildPipeline(
            steps: [
                BuildStep("first") { _ in .proceed },
                BuildStep("second") { _ throws(PortalBuilder.Failure.Cause) in
                    throw .output(SiteOutput.Failure(path: "x.html", reason: "disk full"))
                },
                BuildStep("third") { _ in .proceed },
            ], progress: printed.add)
        var state = Self.state()
        let failure = try #require(throws: PortalBuilder.Failure.self) { try pipeline.run(&state) }
        #expect(failure.step == "2/3 second")
        #expect(failure.description == "x.html: disk full")
        #expect(printed.all == ["[1/3] first", "[2/3] second"])
    }

    @Test func aStepThatFinishesTheBuildSkipsTheRest() throws {
        let printed = Lines()
        let pipeline = BuildPipeline(
            steps: [BuildStep("check") { _ in .finish }, BuildStep("render") { _ in .proceed }], progress: printed.add)
        var state = Self.state()
        let timings = try pipeline.run(&state)
        #expect(timings.map(\.step) == ["check"])
        #expect(printed.all == ["[1/2] check"])
    }

    @Test func theBuildPrintsItsFiveStepsInOrder() throws {
        let project = try SiteProject()
        let printed = Lines()
        let report = try PortalBuilder(options: .init(root: project.root.path, output: project.output.path, today: fixedDay), progress: printed.add)
            .build()
        #expect(
            printed.all.filter { $0.hasPrefix("[") } == [
                "[1/5] checking inputs", "[2/5] reading and validating records", "[3/5] loading templates, docs and history",
                "[4/5] rendering and writing pages", "[5/5] writing the manifest, removing stale files",
            ])
        #expect(report.timings.count == 5)
        // Nothing changed: the first step finishes the build.
        let again = try project.build()
        #expect(again.upToDate && again.timings.map(\.step) == ["checking inputs"])
    }

    @Test func aFailureNamesItsStep() throws {
        let project = try SiteProject()
        try project.write("site-templates/shares.mustache", "{{> partials/nope}}\n")
        let builder = PortalBuilder(options: .init(root: project.root.path, output: project.output.path, today: fixedDay))
        let failure = try #require(throws: PortalBuilder.Failure.self) { try builder.build() }
        #expect(failure.step == "3/5 loading templates, docs and history")
        try project.write("site-templates/shares.mustache", "{{> partials/head}}\n")
        try project.write("data/orgs/acme.json", "{ \"id\": ")
        let invalid = try #require(throws: PortalBuilder.Failure.self) { try builder.build() }
        #expect(invalid.step == "2/5 reading and validating records")
    }
}
