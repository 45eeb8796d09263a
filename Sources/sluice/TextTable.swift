/// Left-aligned columns of text for terminal output.
///
/// Cells longer than ``maximumWidth`` are cut with `…` so one long string cannot
/// push every other column off the screen. Widths are fixed once, from the header
/// and the first rows given, so that `cat` can print a file row group by row group
/// without holding it all; later cells wider than that are cut the same way.
struct TextTable {
    static let maximumWidth = 40
    private(set) var widths: [Int]

    /// Widths from the header and a sample of rows.
    init(header: [String], sample: [[String]]) {
        widths = header.map { min($0.count, Self.maximumWidth) }
        for row in sample {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], min(cell.count, Self.maximumWidth))
            }
        }
    }

    /// One line: cells padded to their column's width, two spaces apart, no trailing blanks.
    func line(_ cells: [String]) -> String {
        var text = ""
        for (index, cell) in cells.enumerated() {
            let width = index < widths.count ? widths[index] : cell.count
            let fitted = cell.count > width ? String(cell.prefix(max(width - 1, 0))) + "…" : cell
            text += index == cells.count - 1 ? fitted : fitted + String(repeating: " ", count: width - fitted.count + 2)
        }
        return text
    }

    /// The header line and a rule of dashes under it.
    func headerLines(_ header: [String]) -> [String] {
        [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
    }
}

extension String {
    /// The text on one line: newlines and tabs shown as escapes, so a cell never breaks a table row.
    var singleLine: String {
        var result = ""
        for character in self {
            switch character {
            case "\n", "\r\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result.append(character)
            }
        }
        return result
    }
}
