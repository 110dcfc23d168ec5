#if canImport(Glibc)
    import Glibc
#endif

/// Git's "racy" rule, for what a build trusts by a file's `stat` (its input stamps, the records
/// it saved): a file whose times are not clearly older than the moment it was looked at could
/// still change within the same tick of the file system's clock, keeping every number the same.
public enum RacyTimes {
    /// Times within this many nanoseconds of the moment (or after it) are racy: file times come
    /// from a coarse clock that lags the one read here.
    public static let margin: Int64 = 2_000_000_000

    /// The wall-clock time in nanoseconds.
    public static func now() -> Int64 {
        var t = timespec()
        clock_gettime(CLOCK_REALTIME, &t)
        return Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec)
    }

    /// Whether a file whose later time is `latest` (nanoseconds) is racy when looked at `now`.
    public static func isRacy(_ latest: Int64, at now: Int64) -> Bool {
        latest >= now - margin
    }
}
