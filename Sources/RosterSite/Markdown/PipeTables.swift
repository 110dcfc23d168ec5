import Foundation

/// GitHub-style pipe tables, which plain CommonMark (and so cmark 0.30) does not have.
/// Table blocks are cut out of the Markdown before cmark sees it and replaced by a placeholder
/// paragraph; each cell is rendered by cmark on its own (safe, as the rest), and the table is
/// put back in place of the placeholder.
enum PipeTables {
    struct Table {
        var header: [String]
        var alignments: [String?]
        var rows: [[String]]
    }

    static func placeholder(_ n: Int) -> String { "ROSTERTABLEPLACEHOLDER\(n)X" }

    /// The Markdown with tables replaced by placeholders, and the tables in order.
    static func extract(_ markdown: String) -> (String, [Table]) {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [String] = []
        var tables: [Table] = []
        var fence: String?
        var i = 0
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let f = fence {
                if trimmed.hasPrefix(f) { fence = nil }
                out.append(line); i += 1; continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = String(trimmed.prefix(3)); out.append(line); i += 1; continue
            }
            if trimmed.contains("|"), i + 1 < lines.count, let alignments = separator(lines[i + 1]) {
                let header = cells(line)
                if header.count == alignments.count {
                    var rows: [[String]] = []
                    var j = i + 2
                    while j < lines.count, lines[j].contains("|"), !lines[j].trimmingCharacters(in: .whitespaces).isEmpty {
                        var row = cells(lines[j])
                        row = Array((row + Array(repeating: "", count: max(0, header.count - row.count))).prefix(header.count))
                        rows.append(row)
                        j += 1
                    }
                    out.append(""); out.append(placeholder(tables.count)); out.append("")
                    // Keep the line count, so later lines keep their numbers.
                    out.append(contentsOf: Array(repeating: "", count: max(0, j - i - 3)))
                    tables.append(Table(header: header, alignments: alignments, rows: rows))
                    i = j
                    continue
                }
            }
            out.append(line)
            i += 1
        }
        return (out.joined(separator: "\n"), tables)
    }

    /// `| :--- | ---: |` -> ["left", "right"]; nil when the line is not a separator.
    static func separator(_ line: String) -> [String?]? {
        let parts = cells(line)
        guard !parts.isEmpty, line.contains("-") else { return nil }
        var out: [String?] = []
        for p in parts {
            let t = p.trimmingCharacters(in: .whitespaces)
            guard !t.isEmpty, t.allSatisfy({ $0 == "-" || $0 == ":" }), t.contains("-") else { return nil }
            out.append(t.hasPrefix(":") && t.hasSuffix(":") ? "center" : t.hasSuffix(":") ? "right" : t.hasPrefix(":") ? "left" : nil)
        }
        return out
    }

    /// Cells of a row; `\|` stays a literal pipe, and pipes inside `code` do not split.
    static func cells(_ line: String) -> [String] {
        var s = line.trimmingCharacters(in: .whitespaces)
        if s.hasPrefix("|") { s.removeFirst() }
        if s.hasSuffix("|"), !s.hasSuffix("\\|") { s.removeLast() }
        var out: [String] = []
        var current = ""
        var inCode = false
        var escaped = false
        for ch in s {
            if escaped { current.append(ch); escaped = false; continue }
            if ch == "\\" { escaped = true; current.append(ch); continue }
            if ch == "`" { inCode.toggle() }
            if ch == "|", !inCode { out.append(current.trimmingCharacters(in: .whitespaces)); current = ""; continue }
            current.append(ch)
        }
        out.append(current.trimmingCharacters(in: .whitespaces))
        return out.map { $0.replacingOccurrences(of: "\\|", with: "|") }
    }

    static func html(_ table: Table, renderCell: (String) -> String) -> String {
        func attr(_ k: Int) -> String {
            guard k < table.alignments.count, let a = table.alignments[k] else { return "" }
            return " style=\"text-align: \(a)\""
        }
        var out = "<div class=\"table-scroll\"><table>\n<thead><tr>"
        for (k, h) in table.header.enumerated() { out += "<th scope=\"col\"\(attr(k))>\(renderCell(h))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr>"
            for (k, c) in row.enumerated() { out += "<td\(attr(k))>\(renderCell(c))</td>" }
            out += "</tr>\n"
        }
        return out + "</tbody></table></div>"
    }
}
