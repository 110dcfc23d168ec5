/// Every rule id with what it checks, in the order `roster validate --list-rules` prints them:
/// the loader's rules, then the semantic ones. The docs' rule table is this list, rendered by
/// ``markdown`` (a test compares them), so a rule added here is documented there.
public enum RuleTable {
    public static var entries: [(id: String, summary: String)] {
        Validator.loaderRules + Validator.rules.map { ($0.id, $0.summary) }
    }

    /// `id                       summary` lines, for a terminal.
    public static var text: String {
        entries.map { "\($0.id.padding(toLength: 24, withPad: " ", startingAt: 0)) \($0.summary)\n" }.joined()
    }

    /// A Markdown table `| rule | checks |`, as content/record-format.md carries it.
    public static var markdown: String {
        "| rule | checks |\n|---|---|\n" + entries.map { "| `\($0.id)` | \(MarkdownText.cell($0.summary)) |\n" }.joined()
    }
}
