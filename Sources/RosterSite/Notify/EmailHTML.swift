import Foundation
import RosterTemplates

/// The HTML part of an e-mail, made from its text part: a paragraph per block of lines (blank
/// lines between), a line break per line within one, and the links roster itself put in the
/// text (the portal and edit URLs, from the settings) as links. A URL that record text holds (an
/// org named `Pay at https://evil.example`) stays text: the provider's e-mail must not make a
/// stranger's address clickable. The template escapes every value.
enum EmailHTML {
    static func paragraphs(_ body: String, links: [String]) -> TemplateValue {
        // Longest first: a URL that begins another is not linked inside it.
        let links = Set(links.filter(isWebURL)).sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
        let blocks = body.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
        let rows: [[String: TemplateValue]] = blocks.compactMap { block in
            let lines = block.split(separator: "\n", omittingEmptySubsequences: true)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !lines.isEmpty else { return nil }
            return [
                "lines": .rows(
                    lines.enumerated().map { i, line -> [String: TemplateValue] in
                        ["br": .bool(i > 0), "parts": .rows(parts(line, links: links))]
                    })
            ]
        }
        return .rows(rows)
    }

    /// `line` cut into text and links: `["text": ...]` or `["url": ...]`.
    static func parts(_ line: String, links: [String]) -> [[String: TemplateValue]] {
        var out: [[String: TemplateValue]] = []
        var rest = Substring(line)
        while !rest.isEmpty {
            let found = links.compactMap { link in rest.range(of: link).map { (link, $0) } }
                .min { $0.1.lowerBound != $1.1.lowerBound ? $0.1.lowerBound < $1.1.lowerBound : $0.0.count > $1.0.count }
            guard let found else {
                out.append(["text": .string(String(rest))])
                break
            }
            let (link, range) = found
            if range.lowerBound > rest.startIndex { out.append(["text": .string(String(rest[..<range.lowerBound]))]) }
            out.append(["url": .string(link)])
            rest = rest[range.upperBound...]
        }
        return out
    }

    static func isWebURL(_ text: String) -> Bool {
        (text.hasPrefix("https://") || text.hasPrefix("http://")) && !text.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" || $0 == ">" })
    }
}
