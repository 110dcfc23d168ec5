import Foundation
import Dispatch

/// Runs a list of ``BuildStep``s in order, after JohnSundell/Publish's `PublishingPipeline`:
/// each step is announced as `[i/n] name`, timed, and named in the error it throws, so adding a
/// step is one line in the list and the numbering follows.
struct BuildPipeline {
    var steps: [BuildStep]
    var progress: @Sendable (String) -> Void

    /// Runs the steps until one throws or finishes the build; returns how long each step that
    /// ran took, in milliseconds.
    func run(_ state: inout BuildState) throws(PortalBuilder.Failure) -> [PortalBuilder.StepTiming] {
        var timings: [PortalBuilder.StepTiming] = []
        for (index, step) in steps.enumerated() {
            let label = "\(index + 1)/\(steps.count)"
            progress("[\(label)] \(step.name)")
            let started = DispatchTime.now()
            let next: BuildStep.Next
            do throws(PortalBuilder.Failure.Cause) {
                next = try step.body(&state)
            } catch {
                throw PortalBuilder.Failure(cause: error, step: "\(label) \(step.name)")
            }
            timings.append(.init(step: step.name, milliseconds: BuildClock.milliseconds(since: started)))
            if next == .finish { break }
        }
        return timings
    }
}
