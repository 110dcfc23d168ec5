/// Record values as messages echo them: short. A message names a value so the reader finds it,
/// and a value can be 50 MB long; a message quotes at most ``limit`` characters of it and says
/// how long it is.
public enum Quote {
    /// At most this many characters of a value are quoted.
    public static let limit = 80

    /// The value in double quotes, cut after ``limit`` characters:
    /// `"kkkkk…" (52428800 bytes)`.
    public static func value(_ text: String) -> String {
        guard let head = head(text) else { return "\"" + text + "\"" }
        return "\"" + head + "…\" (\(text.utf8.count) bytes)"
    }

    /// The value as it is when short, else cut as in ``value(_:)``, without quotes: for
    /// messages that name an id or an e-mail bare.
    public static func bare(_ text: String) -> String {
        guard let head = head(text) else { return text }
        return head + "… (\(text.utf8.count) bytes)"
    }

    /// The first ``limit`` characters when the text is longer, else nil. Only the start of the
    /// text is read, so a huge value costs no more than a short one.
    static func head(_ text: String) -> String? {
        guard text.utf8.count > limit else { return nil }
        guard let end = text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex), end < text.endIndex else { return nil }
        return String(text[..<end])
    }
}
