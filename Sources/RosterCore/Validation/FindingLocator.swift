/// Resolves the JSON pointers of findings to line and column, then sorts and de-duplicates.
/// Only files that have findings are parsed again, once each.
public enum FindingLocator {
    /// Located (see ``resolve(_:sources:)``), without duplicates, in report order.
    public static func locate(_ findings: [Finding], sources: [String: [UInt8]]) -> [Finding] {
        locate(findings) { sources[$0] }
    }

    /// The same, each file's bytes asked of `source` by the worker that places its findings,
    /// so that files read again (after a lean load) are held one per core, not all at once.
    public static func locate(_ findings: [Finding], source: @Sendable (String) -> [UInt8]?) -> [Finding] {
        // Sorted, then each run of equal findings kept once: placed findings that the report
        // order does not tell apart are equal in every field, so they sit side by side (a set
        // of 17,000 findings hashed every message).
        var sorted = resolve(findings, source: source)
        sorted.sort(by: Finding.reportOrder)
        var kept = 0
        for k in sorted.indices where kept == 0 || sorted[k] != sorted[kept - 1] {
            sorted.swapAt(k, kept)
            kept += 1
        }
        sorted.removeSubrange(kept...)
        return sorted
    }

    /// The findings with their JSON pointers replaced by line and column, in the same order.
    /// Findings without a pointer are kept as they are.
    public static func resolve(_ findings: [Finding], sources: [String: [UInt8]]) -> [Finding] {
        resolve(findings) { sources[$0] }
    }

    static func resolve(_ findings: [Finding], source: @Sendable (String) -> [UInt8]?) -> [Finding] {
        var byPath: [String: [Int]] = [:]
        for (k, f) in findings.enumerated() where f.pointer != nil {
            byPath[f.path, default: []].append(k)
        }
        var located = findings
        let groups = byPath
        let paths = groups.keys.sorted()
        let resolved = parallelMap(paths) { path -> [(Int, Int, Int)] in
            let indices = groups[path]!
            let places = positions(of: indices.map { findings[$0].pointer ?? "" }, in: source(path))
            return zip(indices, places).map { k, place in (k, place.line, place.column) }
        }
        for (k, line, column) in resolved.flatMap({ $0 }) {
            located[k].line = line
            located[k].column = column
            located[k].pointer = nil
        }
        return located
    }

    /// The findings, those of the file `path` with their pointers replaced by line and column
    /// in its `bytes`.
    static func resolve(_ findings: [Finding], in bytes: [UInt8], of path: String) -> [Finding] {
        let pointed = findings.indices.filter { findings[$0].pointer != nil && findings[$0].path == path }
        guard !pointed.isEmpty else { return findings }
        var located = findings
        let places = positions(of: pointed.map { findings[$0].pointer ?? "" }, in: bytes)
        for (k, place) in zip(pointed, places) {
            (located[k].line, located[k].column, located[k].pointer) = (place.line, place.column, nil)
        }
        return located
    }

    /// Line and column of each pointer in a file (1:1 when the file is gone or does not parse).
    static func positions(of pointers: [String], in bytes: [UInt8]?) -> [(line: Int, column: Int)] {
        // Walked in the bytes when the file is plain, else in the parsed tree.
        guard let bytes,
            let offsets = PlainLocator.offsets(of: pointers, in: bytes)
                ?? JSONParser.parse(bytes).root.map({ root in pointers.map { root.offset(of: $0) } })
        else { return pointers.map { _ in (1, 1) } }
        let text = SourceText(bytes: bytes)
        return offsets.map { text.position(of: $0) }
    }
}
