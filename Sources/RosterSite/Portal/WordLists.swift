import Foundation

/// Words with the orgs that hold each (org numbers, ascending), keyed by the word's bytes: the
/// search index's tables. A word met again is found by a hash of its bytes (every hit compared
/// byte for byte) without a String made for it, and its hash, computed once, travels with it
/// when the tables of runs of orgs are joined. (String-keyed dictionaries spent the index's
/// time hashing, with SipHash, each of 200,000 words at 100,000 orgs twice.)
struct WordLists: Sendable {
    /// Every word, back to back.
    private var bytes: [UInt8] = []
    private var words: [(start: Int32, count: Int32, hash: UInt64)] = []
    /// The orgs of each word, in the order of `words`.
    private(set) var lists: [[Int]] = []
    /// Word index + 1 for each slot; 0: empty. A power of two, at least twice the words.
    private var slots = [Int32](repeating: 0, count: 16)

    var count: Int { words.count }

    /// Adds org `org` to the list of `word` (`hash` is ``NameTable/hash(_:)`` of it), unless it
    /// ends that list already: orgs come in ascending order, each word as often as it occurs.
    mutating func add(_ word: UnsafeRawBufferPointer, hash: UInt64, org: Int) {
        let k = place(word, hash: hash)
        if lists[k].last != org { lists[k].append(org) }
    }

    /// Appends the lists of `other`, whose orgs all come after those here, word by word.
    mutating func join(_ other: WordLists) {
        other.bytes.withUnsafeBytes { theirs in
            for k in other.words.indices {
                let w = other.words[k]
                let here = place(UnsafeRawBufferPointer(rebasing: theirs[Int(w.start)..<Int(w.start + w.count)]), hash: w.hash)
                lists[here].append(contentsOf: other.lists[k])
            }
        }
    }

    /// The index of `word`, added with an empty list when it is new.
    private mutating func place(_ word: UnsafeRawBufferPointer, hash: UInt64) -> Int {
        if 2 * (words.count + 1) > slots.count { grow() }
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot] != 0 {
            let k = Int(slots[slot]) - 1
            if words[k].hash == hash && same(k, word) { return k }
            slot = (slot + 1) & (slots.count - 1)
        }
        words.append((Int32(bytes.count), Int32(word.count), hash))
        bytes.append(contentsOf: word)
        lists.append([])
        slots[slot] = Int32(words.count)
        return words.count - 1
    }

    private func same(_ k: Int, _ word: UnsafeRawBufferPointer) -> Bool {
        guard Int(words[k].count) == word.count else { return false }
        return bytes.withUnsafeBytes { stored in word.isEmpty || memcmp(stored.baseAddress! + Int(words[k].start), word.baseAddress!, word.count) == 0
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        for k in words.indices {
            var slot = Int(truncatingIfNeeded: words[k].hash) & (slots.count - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(k + 1)
        }
    }

    /// The words in the order of ``SearchTokens/less(_:_:)`` (JavaScript's), each with its
    /// list. Sorted as places compared on the stored bytes: a String is made for each word
    /// once, in order, and for two words only when UTF-8 cannot tell their UTF-16 order.
    func sorted() -> [(word: String, list: [Int])] {
        bytes.withUnsafeBytes { all in
            func word(_ k: Int) -> UnsafeRawBufferPointer {
                UnsafeRawBufferPointer(rebasing: all[Int(words[k].start)..<Int(words[k].start + words[k].count)])
            }
            let order = words.indices.sorted { a, b in
                SearchTokens.less(word(a), word(b))
                    ?? SearchTokens.less(String(decoding: word(a), as: UTF8.self), String(decoding: word(b), as: UTF8.self))
            }
            return order.map { (String(decoding: word($0), as: UTF8.self), lists[$0]) }
        }
    }
}
