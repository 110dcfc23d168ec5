import RosterCore

/// Rows in aligned columns under a header, as `kubectl get` and `gh pr list` print them. Every
/// cell is escaped with ``TerminalText`` (record text cannot move the cursor or end the line);
/// colour only when asked (standard output is a terminal).
struct TerminalTable {
    struct Cell {
        var text: String
        /// An SGR colour code such as "32" (green); nil for plain text.
        var colour: String?

        init(_ text: String, colour: String? = nil) {
            self.text = TerminalText.escape(text)
            self.colour = colour
        }
    }

    var headers: [String]
    /// Columns of numbers, aligned right.
    var numeric: Set<Int> = []
    var rows: [[Cell]] = []

    func render(colour: Bool) -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.text.count) }
        }
        func line(_ cells: [Cell]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.text.count)
                let text = colour && cell.colour != nil ? "\u{1B}[\(cell.colour!)m\(cell.text)\u{1B}[0m" : cell.text
                return numeric.contains(i) ? pad + text : (i == cells.count - 1 ? text : text + pad)
            }.joined(separator: "   ")
                // An empty last cell leaves no trailing blanks.
                .replacing(/\ +$/, with: "")
        }
        let header = headers.map { Cell($0, colour: "1") }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
