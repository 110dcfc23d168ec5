/// Counts in sentences ("1 file", "3 files"): the one pluralizer of roster's messages, notes,
/// e-mails and pages. Every word roster counts takes a plain "s".
public enum Plural {
    /// The number and the word, with an "s" unless the number is 1.
    public static func count(_ n: Int, _ word: String) -> String { "\(n) \(self.word(n, word))" }

    /// The word alone, with an "s" unless `n` is 1.
    public static func word(_ n: Int, _ word: String) -> String { n == 1 ? word : word + "s" }
}
