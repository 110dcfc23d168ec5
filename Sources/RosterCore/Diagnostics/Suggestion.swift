/// "Did you mean ...?" for words typed against a known list (fields, ops, verbs).
public enum Suggestion {
    /// The candidate within a few edits of `word`, if one is (the rule of the unknown-field check).
    public static func closest(to word: String, in candidates: [String]) -> String? {
        ObjectReader.closest(to: word, in: candidates)
    }
}
