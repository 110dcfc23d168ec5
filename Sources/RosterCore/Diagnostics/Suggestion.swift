/// "Did you mean ...?" for words typed against a known list (fields, ops, verbs).
public enum Suggestion {
    /// The candidate within a few edits of `word`, if one is (the rule of the unknown-field check).
    public static func closest(to word: String, in candidates: [String]) -> String? {
        ObjectReader.closest(to: word, in: candidates)
    }

    /// For a verb: the one candidate that `word` begins (`dis` is `disable`, not `list`, two
    /// edits away), else the closest by edits. A shortened verb is the commonest slip, and the
    /// edit distance alone favours any short verb over the long one that was meant.
    public static func closestVerb(to word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        if lowered.count >= 2 {
            let extended = candidates.filter { $0.lowercased().hasPrefix(lowered) }
            if extended.count == 1 { return extended[0] }
        }
        return closest(to: word, in: candidates)
    }
}
