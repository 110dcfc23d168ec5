/// Reads the fields of one JSON object with type checks, reporting missing, mistyped and
/// unknown fields (with a "did you mean" for typos) instead of throwing, so that one pass
/// shows every problem of a file.
struct ObjectReader {
    let members: [JSONMember]
    let parent: String
    let index: Int?
    let log: DecodeLog
    /// What the object is, for messages: "org", "member", "team".
    let what: String

    /// The object's JSON pointer, built only when a finding needs it (objects are many).
    var pointer: String {
        index.map { "\(parent)/\($0)" } ?? parent
    }

    /// Nil (and a finding) when `node` is not an object. The pointer is `parent` or, for an
    /// element of an array, `parent/index`.
    init?(_ node: JSONNode, pointer parent: String, index: Int? = nil, what: String, log: DecodeLog) {
        guard case .object(let members) = node.value else {
            let pointer = index.map { "\(parent)/\($0)" } ?? parent
            log.error(LoaderRule.wrongType.id, pointer, "\(what) must be an object, not \(node.value.typeName)")
            return nil
        }
        self.members = members
        self.parent = parent
        self.index = index
        self.log = log
        self.what = what
    }

    func field(_ key: String) -> JSONNode? {
        // Through the buffer, so looking at a member does not copy (retain and release) it.
        members.withUnsafeBufferPointer { buffer in
            for i in buffer.indices where buffer[i].key == key { return buffer[i].node }
            return nil
        }
    }

    func at(_ key: String) -> String {
        pointer + "/" + key
    }

    private func require(_ key: String, _ required: Bool) -> JSONNode? {
        guard let node = field(key) else {
            if required { log.error(LoaderRule.missingField.id, pointer, "\(what) is missing the required field \"\(key)\"") }
            return nil
        }
        if case .null = node.value, !required { return nil }
        return node
    }

    private func wrongType(_ key: String, _ expected: String, _ node: JSONNode) {
        log.error(LoaderRule.wrongType.id, at(key), "\"\(key)\" must be \(expected), not \(node.value.typeName)")
    }

    func string(_ key: String, required: Bool = true) -> String? {
        guard let node = require(key, required) else { return nil }
        guard case .string(let s) = node.value else { wrongType(key, "a string", node); return nil }
        return s
    }

    func bool(_ key: String, required: Bool = false) -> Bool? {
        guard let node = require(key, required) else { return nil }
        guard case .bool(let b) = node.value else { wrongType(key, "true or false", node); return nil }
        return b
    }

    func number(_ key: String, required: Bool = false) -> Double? {
        guard let node = require(key, required) else { return nil }
        guard case .number(let text) = node.value, let n = Double(text) else { wrongType(key, "a number", node); return nil }
        return n
    }

    func integer(_ key: String, required: Bool = false) -> Int? {
        guard let node = require(key, required) else { return nil }
        guard case .number(let text) = node.value, let n = Int(text) else { wrongType(key, "a whole number", node); return nil }
        return n
    }

    func array(_ key: String, required: Bool = false) -> [JSONNode]? {
        guard let node = require(key, required) else { return nil }
        guard case .array(let items) = node.value else { wrongType(key, "an array", node); return nil }
        return items
    }

    func object(_ key: String, what: String, required: Bool = false) -> ObjectReader? {
        guard let node = require(key, required) else { return nil }
        return ObjectReader(node, pointer: at(key), what: what, log: log)
    }

    /// A string that must be one of an enum's raw values.
    func choice<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type, required: Bool = true) -> E? where E.RawValue == String {
        guard let raw = string(key, required: required) else { return nil }
        if let value = E(rawValue: raw) { return value }
        let allowed = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        log.error(LoaderRule.invalidValue.id, at(key), "\"\(key)\" is \(Quote.value(raw)); expected one of \(allowed)")
        return nil
    }

    /// Strings in an array, each type-checked.
    func strings(_ key: String, required: Bool = false) -> [String]? {
        guard let items = array(key, required: required) else { return nil }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            guard case .string(let s) = item.value else {
                log.error(LoaderRule.wrongType.id, at(key) + "/\(i)", "entries of \"\(key)\" must be strings, not \(item.value.typeName)")
                continue
            }
            out.append(s)
        }
        return out
    }

    /// Reports every key not in `allowed`, suggesting the closest allowed key.
    func rejectUnknown(_ allowed: [String]) {
        members.forEachLent { _, m in
            guard !allowed.contains(m.pointee.key) else { return }
            var message = "unknown field \(Quote.value(m.pointee.key)) in \(what)"
            if let guess = Self.closest(to: m.pointee.key, in: allowed) {
                message += "; did you mean \"\(guess)\"?"
            } else {
                message += "; allowed fields: " + allowed.joined(separator: ", ")
            }
            log.error(LoaderRule.unknownField.id, at(m.pointee.key), message)
        }
    }

    /// Keys longer than this get no suggestion: allowed keys are short, and the edit distance
    /// costs the product of the lengths (a 50 MB key took 11 s).
    static let longestGuessable = 64

    /// The allowed key within a few edits of `word` (at most a third of its length, at least 2).
    /// A candidate whose length differs by more than that cannot match and is not compared.
    static func closest(to word: String, in candidates: [String]) -> String? {
        guard word.utf8.count <= longestGuessable else { return nil }
        let lowered = Array(word.lowercased().unicodeScalars)
        var best: (String, Int)?
        for c in candidates {
            let other = Array(c.lowercased().unicodeScalars)
            let allowed = max(2, c.count / 3)
            guard abs(lowered.count - other.count) <= allowed else { continue }
            let d = editDistance(lowered, other)
            if d <= allowed, best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }

    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
