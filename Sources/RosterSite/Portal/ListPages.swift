import RosterTemplates
/// The static pages of a long list (the Consumer Orgs, the shares, the registration queue):
/// ``pageSize`` items a page, the first page `index.html` (the address SPEC 6 names), the others
/// `page-N.html` in the same folder, beside the record folders: a name with a dot is no record
/// id, so no page can take a record's place. Every page links to the others by number, so the
/// whole list is reachable without JavaScript.
struct ListPages: Sendable {
    /// Items of each page: 100 rows of the longest list are about 50 KB of HTML.
    static let pageSize = 100

    /// Items in the list.
    let total: Int

    /// Pages, at least one (an empty list still has its `index.html`).
    var count: Int { max(1, (total + Self.pageSize - 1) / Self.pageSize) }

    /// The items of page `n` (from 1).
    func range(_ n: Int) -> Range<Int> {
        let start = min(total, (n - 1) * Self.pageSize)
        return start..<min(total, start + Self.pageSize)
    }

    /// The file of page `n` (from 1), relative to the list's folder.
    static func file(_ n: Int) -> String {
        n == 1 ? "index.html" : "page-\(n).html"
    }

    /// What a page's template (`partials/pages`) shows of the paging: `page`, `pageCount`,
    /// `paged`, the numbers of its `first` and `last` items, numbered links (`pages`),
    /// `previous` / `next`, and the navigation's element `id` and `label`.
    func context(page n: Int, id: String, label: String) -> [String: TemplateValue] {
        let items = range(n)
        return [
            "pagesId": .string(id), "pagesLabel": .string(label),
            "page": .int(n), "pageCount": .int(count), "paged": .bool(count > 1),
            "first": .int(items.isEmpty ? 0 : items.lowerBound + 1), "last": .int(items.upperBound),
            "pages": .rows(links(page: n)),
            "previous": .string(n > 1 ? Self.file(n - 1) : ""), "next": .string(n < count ? Self.file(n + 1) : ""),
        ]
    }

    /// Links to the first and last pages and to the two on either side of the current one,
    /// with a gap marked where pages are left out: `1 … 4 5 [6] 7 8 … 1000`.
    func links(page: Int) -> [[String: TemplateValue]] {
        guard count > 1 else { return [] }
        let shown = Set([1, count] + Array(max(1, page - 2)...min(count, page + 2))).sorted()
        var out: [[String: TemplateValue]] = []
        var previous = 0
        for n in shown {
            if n > previous + 1 { out.append(["gap": true]) }
            out.append(["label": .string(String(n)), "href": .string(Self.file(n)), "current": .bool(n == page)])
            previous = n
        }
        return out
    }
}
