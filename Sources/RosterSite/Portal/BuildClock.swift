import Foundation
import Dispatch

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
