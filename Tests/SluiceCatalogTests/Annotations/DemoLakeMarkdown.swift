import Foundation
import SluiceTestSupport

/// The demo lake as `../shared/spec/demo-lake.md` states it, read from the spec's markdown
/// at test time: the independent truth the bundled `demo-lake.yaml` is checked against.
struct DemoLakeMarkdown {
    struct Table: Equatable {
        var name: String
        var classification: String
        /// Columns the spec marks **PII**, in spec order.
        var piiColumns: [String]
    }

    let text: String

    init() throws {
        let url = Python.sharedRoot.appendingPathComponent("spec/demo-lake.md")
        text = try String(contentsOf: url, encoding: .utf8)
    }

    /// The lines of the section whose heading starts with `heading`, up to the next `## `.
    func section(_ heading: String) -> [Substring] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix(heading) }) else { return [] }
        let rest = lines[(start + 1)...]
        let end = rest.firstIndex { $0.hasPrefix("## ") } ?? rest.endIndex
        return Array(rest[..<end])
    }

    /// Rows of the `| table | rows (SF1) | classification | columns (type) |` table.
    var tables: [Table] {
        section("## Tables").compactMap { line in
            guard let row = line.wholeMatch(of: /\| (\w+) \| [^|]+ \| (\w+) \| (.+) \|/), row.output.1 != "table" else { return nil }
            let pii = row.output.3.matches(of: /(\w+) \w+ \*\*PII\*\*/).map { String($0.output.1) }
            return Table(name: String(row.output.1), classification: String(row.output.2), piiColumns: pii)
        }
    }

    /// `from.table.column → to.table.column` pairs of the relationships section.
    var relationships: [String] {
        section("## Relationships").flatMap { line in
            line.matches(of: /(\w+\.\w+) → (\w+\.\w+)/).map { "\($0.output.1) → \($0.output.2)" }
        }
    }

    /// `| id | pattern | tables |` rows: id → tables.
    var kpiPatterns: [(id: String, tables: [String])] {
        section("## KPI patterns").compactMap { line in
            guard let row = line.wholeMatch(of: /\| (\w+) \| .+ \| ([\w, ]+) \|/), row.output.1 != "id" else { return nil }
            return (String(row.output.1), row.output.2.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
    }
}
