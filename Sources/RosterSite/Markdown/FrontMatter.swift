import Foundation

/// The YAML front matter of a docs page: `title`, `weight`, `description` between `---` lines.
/// cmark has no front matter, so it is parsed and stripped here. Only `key: value` lines are
/// allowed; a broken block is an error with its line.
public struct FrontMatter: Sendable, Equatable {
    public var title: String
    public var weight: Int
    public var description: String?

    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "\(line):1: \(message)" }
    }

    /// Splits a page into its front matter and its Markdown body (the line count of the front
    /// matter is kept, so body line numbers can be mapped back).
    public static func split(_ text: String) throws(Failure) -> (FrontMatter, body: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        guard lines.first == "---" else {
            throw Failure(line: 1, message: "a docs page starts with front matter: ---, title: ..., weight: ..., ---")
        }
        guard let end = lines.dropFirst().firstIndex(of: "---") else {
            throw Failure(line: 1, message: "the front matter is not closed with a --- line")
        }
        var values: [String: (String, Int)] = [:]
        for index in 1..<end {
            let line = lines[index]
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix(" ") else {
                throw Failure(line: index + 1, message: "expected `key: value` in the front matter, got \"\(line)\"")
            }
            let key = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            var value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            if value.count >= 2, (value.hasPrefix("\"") && value.hasSuffix("\"")) || (value.hasPrefix("'") && value.hasSuffix("'")) {
                value = String(value.dropFirst().dropLast())
            }
            if values[key] != nil { throw Failure(line: index + 1, message: "\"\(key)\" is set twice") }
            values[key] = (value, index + 1)
        }
        guard let (title, _) = values["title"], !title.isEmpty else {
            throw Failure(line: 1, message: "the front matter needs a title")
        }
        var weight = 0
        if let (text, line) = values["weight"] {
            guard let w = Int(text) else { throw Failure(line: line, message: "weight must be a whole number, not \"\(text)\"") }
            weight = w
        }
        lines.removeSubrange(0...end)
        // Blank lines keep body line numbers equal to file line numbers.
        let body = Array(repeating: "", count: end + 1) + lines
        return (FrontMatter(title: title, weight: weight, description: values["description"]?.0), body.joined(separator: "\n"))
    }
}
