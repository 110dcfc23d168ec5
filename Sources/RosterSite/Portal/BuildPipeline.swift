import Foundation
import Dispatch

/// One named step of a portal build: it reads what earlier steps left in the ``BuildState`` and
/// adds its own products.
struct BuildStep {
    /// What the pipeline does after a step.
    enum Next {
        /// Run the following step.
        case proceed
        /// The build is complete (nothing changed since the last one): skip the rest.
        case finish
    }

    var name: String
    var body: (inout BuildState) throws(PortalBuilder.Failure.Cause) -> Next

    init(_ name: String, _ body: @escaping (inout BuildState) throws(PortalBuilder.Failure.Cause) -> Next) {
        self.name = name
        self.body = body
    }
}

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

/// Times the parts of a step (`reading`, `validating`...): each lap is printed as
/// `      name took N ms` when it took 100 ms or more, or always with `everyLap` (the preview's
/// `--verbose`).
struct BuildClock {
    var everyLap: Bool
    var progress: @Sendable (String) -> Void
    private var started = DispatchTime.now()

    init(everyLap: Bool, progress: @escaping @Sendable (String) -> Void) {
        self.everyLap = everyLap
        self.progress = progress
    }

    /// Starts timing from now (the laps before are not reported).
    mutating func restart() {
        started = DispatchTime.now()
    }

    /// Reports the time since the last lap under `name`, and starts the next one.
    mutating func lap(_ name: String) {
        let ms = Self.milliseconds(since: started)
        if everyLap {
            progress("      \(name) took \(ms) ms\(Self.memory())")
        } else if ms >= 100 {
            progress("      \(name) took \(ms) ms")
        }
        started = DispatchTime.now()
    }

    /// The process's resident and peak memory (Linux), for the benchmarks: `, 120 MB (peak 180 MB)`.
    static func memory() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "" }
        func megabytes(_ field: String) -> Int? {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }) else { return nil }
            return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }.map { $0 / 1024 }
        }
        guard let resident = megabytes("VmRSS"), let peak = megabytes("VmHWM") else { return "" }
        return ", \(resident) MB (peak \(peak) MB)"
    }

    static func milliseconds(since started: DispatchTime) -> Int {
        Int(Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6)
    }
}
