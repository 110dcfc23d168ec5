import NIOCore

/// When `roster sync` stops sending requests (`--deadline`, counted from the start of the run).
/// The timeout bounds each request, not their number: a server that answers each one just in
/// time, or that keeps asking to retry later, could keep a sync running for ever. Past the
/// deadline no request is sent, and none is sent again; one under way finishes (within its
/// `--timeout`), so the sync stops between requests and knows what was applied.
public struct SyncDeadline: Sendable {
    let end: NIODeadline
    /// The seconds given, for messages; nil for no deadline.
    let seconds: Double?

    public static let none = SyncDeadline(end: .distantFuture, seconds: nil)

    init(end: NIODeadline, seconds: Double?) {
        self.end = end
        self.seconds = seconds
    }

    /// `seconds` from now.
    public init(seconds: Double) {
        self.init(end: .now() + .nanoseconds(Int64(seconds * 1_000_000_000)), seconds: seconds)
    }

    public var hasPassed: Bool { NIODeadline.now() >= end }

    /// Whether a pause of `wait` seconds ends before the deadline.
    func allows(_ wait: Double) -> Bool {
        NIODeadline.now() + .nanoseconds(Int64(max(0, wait) * 1_000_000_000)) < end
    }

    /// `the deadline (--deadline 600 s)`.
    public var name: String {
        guard let seconds else { return "the deadline" }
        let shown = seconds == seconds.rounded() && seconds < 1e15 ? String(Int(seconds)) : String(seconds)
        return "the deadline (--deadline \(shown) s)"
    }
}
