/// Query words match as prefixes: `7` finds the orgs with `7`, `70`, `70001`, ... A short prefix
/// starts thousands of words (at 100,000 orgs, 11,111 numbers start with 7), and the script
/// once loaded several pieces and decoded every one of those lists for one keystroke (166 ms
/// for `Org 7`). So each prefix that starts more than ``limit`` words gets an entry of its own,
/// `prefix*` (no word holds `*`), whose list is the union of theirs: a query word is then one
/// list, or at most ``limit`` lists, in one or two pieces. Each entry's list is bounded like any
/// other (``PostingList``), and only prefixes of many words have one.
enum PrefixLists {
    static let limit = 128
    static let marker = "*"

    /// The prefixes that start more than ``limit`` of `sorted` (distinct words in UTF-16 order),
    /// shortest first, each with the range of its words (all that start with it, the prefix
    /// itself included: those are consecutive in that order).
    static func prefixes(_ sorted: [String]) -> [(prefix: String, words: Range<Int>)] {
        let scalars = sorted.map { Array($0.unicodeScalars) }
        var out: [(prefix: String, words: Range<Int>)] = []
        var groups = [0..<sorted.count]
        var length = 1
        while !groups.isEmpty {
            var next: [Range<Int>] = []
            for group in groups {
                var i = group.lowerBound
                while i < group.upperBound {
                    // A word as long as the group's prefix has no scalar at this place.
                    guard scalars[i].count >= length else { i += 1; continue }
                    let head = scalars[i][..<length]
                    var j = i + 1
                    while j < group.upperBound && scalars[j].count >= length && scalars[j][..<length] == head { j += 1 }
                    if j - i > limit {
                        var prefix = String.UnicodeScalarView()
                        prefix.append(contentsOf: head)
                        out.append((String(prefix), i..<j))
                        next.append(i..<j)
                    }
                    i = j
                }
            }
            groups = next
            length += 1
        }
        return out
    }

    /// The words and the prefix entries, in UTF-16 order: `p*` comes after the word `p` (if
    /// any) and before every longer word that starts with `p` (`*` is below every letter and
    /// digit); of two entries at one place, the shorter prefix comes first.
    static func merged(_ sorted: [String], _ prefixes: [(prefix: String, words: Range<Int>)]) -> [Entry] {
        let places = prefixes.map { p in p.words.lowerBound + (sorted[p.words.lowerBound] == p.prefix ? 1 : 0) }
        // `prefixes` is shortest first; sorted by place, keeping that order at one place.
        let order = prefixes.indices.sorted { (places[$0], $0) < (places[$1], $1) }
        var out: [Entry] = []
        out.reserveCapacity(sorted.count + prefixes.count)
        var k = 0
        for (i, word) in sorted.enumerated() {
            while k < order.count && places[order[k]] == i { out.append(.prefix(prefixes[order[k]].prefix, prefixes[order[k]].words)); k += 1 }
            out.append(.word(word, i))
        }
        while k < order.count { out.append(.prefix(prefixes[order[k]].prefix, prefixes[order[k]].words)); k += 1 }
        return out
    }

    enum Entry: Sendable {
        /// The word and its place among the sorted words.
        case word(String, Int)
        /// The prefix and the range of the sorted words that start with it.
        case prefix(String, Range<Int>)

        var key: String {
            switch self {
            case .word(let w, _): w
            case .prefix(let p, _): p + PrefixLists.marker
            }
        }
    }

    /// The sorted union of sorted lists.
    static func union(_ lists: [[Int]], total: Int) -> [Int] {
        let count = lists.reduce(0) { $0 + $1.count }
        // Many numbers: marks over every org are cheaper than sorting them.
        if count > total / 8 {
            var marks = [Bool](repeating: false, count: total)
            for list in lists { for n in list { marks[n] = true } }
            return marks.indices.filter { marks[$0] }
        }
        var all: [Int] = []
        all.reserveCapacity(count)
        for list in lists { all += list }
        all.sort()
        var out: [Int] = []
        out.reserveCapacity(all.count)
        for n in all where out.last != n { out.append(n) }
        return out
    }
}
