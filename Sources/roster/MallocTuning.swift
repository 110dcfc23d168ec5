#if canImport(Glibc)
    import Glibc
#endif
import Foundation

/// glibc's malloc keeps what a big build frees. Each large block freed raises the size from
/// which blocks get a mapping of their own (up to 32 MB), so later large blocks come from the
/// heaps instead, and a heap returns its free top only past twice that (up to 64 MB). Setting
/// the trim threshold (1 MB) keeps both fixed: a large block is mapped alone and unmapped when
/// freed. A build from kept records at 100,000 orgs peaked at 592 to 606 MB, against a target
/// of 600, and now at about 560 MB, with a second less of system time (fewer pages faulted in
/// anew).
///
/// Fixed that way, the size from which a block is mapped alone stayed at its default, 128 KB:
/// every buffer from there up (a page rendered, a file compared, a window of saved records)
/// was a mapping of its own, its pages faulted in anew. From 4 MB up only: a one-org rebuild at
/// 10,000 orgs faults 18,500 pages instead of 26,300, with about 4% less CPU; a warm build at
/// 100,000 orgs peaks 6 to 12 MB higher (32 MB, tried before, raised it by 30 MB). Left alone
/// when `GLIBC_TUNABLES` sets malloc's own values.
enum MallocTuning {
    static func apply() {
        #if canImport(Glibc)
            if let tunables = ProcessInfo.processInfo.environment["GLIBC_TUNABLES"], tunables.contains("malloc") { return }
            // `mallopt(M_TRIM_THRESHOLD, 1 MB)`, looked up as `malloc_trim` is (the Glibc module
            // does not export malloc.h); M_TRIM_THRESHOLD is -1 in every glibc.
            typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(nil, "mallopt") else { return }
            let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
            _ = mallopt(-1, 1 << 20)
            // M_MMAP_THRESHOLD is -3.
            _ = mallopt(-3, 4 << 20)
        #endif
    }
}
