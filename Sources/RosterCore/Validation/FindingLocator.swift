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
        var seen = Set<Finding>()
        return resolve(findings, source: source).filter { seen.insert($0).inserted }.sorted(by: Finding.reportOrder)
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
            guard let bytes = source(path) else { return indices.map { ($0, 1, 1) } }
            let pointers = indices.map { findings[$0].pointer ?? "" }
            // Walked in the bytes when the file is plain, else in the parsed tree.
            guard
                let offsets = PlainLocator.offsets(of: pointers, in: bytes)
                    ?? JSONParser.parse(bytes).root.map({ root in pointers.map { root.offset(of: $0) } })
            else { return indices.map { ($0, 1, 1) } }
            let text = SourceText(bytes: bytes)
            return zip(indices, offsets).map { k, offset in
                let (line, column) = text.position(of: offset)
                return (k, line, column)
            }
        }
        for (k, line, column) in resolved.flatMap({ $0 }) {
            located[k].line = line
            located[k].column = column
            located[k].pointer = nil
        }
        return located
    }
}
