/// The static pages of the Consumer Orgs list: `orgs/index.html` is the first (SPEC 6), the
/// others `orgs/page-N.html`, beside the org folders: a name with a dot is no org id, so no
/// page can take an org's place.
enum OrgsPages {
    static func count(_ orgs: Int) -> Int {
        max(1, (orgs + OrgsIndex.pageSize - 1) / OrgsIndex.pageSize)
    }

    /// The file of page `n` (from 1), relative to `orgs/`.
    static func file(_ n: Int) -> String {
        n == 1 ? "index.html" : "page-\(n).html"
    }

    /// Links to the first and last pages and to the two on either side of the current one,
    /// with a gap marked where pages are left out: `1 … 4 5 [6] 7 8 … 1000`.
    static func links(page: Int, of count: Int) -> [[String: TemplateValue]] {
        guard count > 1 else { return [] }
        let shown = Set([1, count] + Array(max(1, page - 2)...min(count, page + 2))).sorted()
        var out: [[String: TemplateValue]] = []
        var previous = 0
        for n in shown {
            if n > previous + 1 { out.append(["gap": true]) }
            out.append(["label": .string(String(n)), "href": .string(file(n)), "current": .bool(n == page)])
            previous = n
        }
        return out
    }
}
