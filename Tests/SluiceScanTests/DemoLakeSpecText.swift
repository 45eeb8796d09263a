import Foundation
import SluiceTestSupport

/// What `../shared/spec/demo-lake.md` says the governance layer must end up with, read
/// from the spec itself at test time: the independent truth the scan is checked against.
struct DemoLakeSpecText {
    /// Table → classification level, from the spec's table of tables.
    var classifications: [String: String] = [:]
    /// `table.column` of every column marked **PII**.
    var piiColumns: Set<String> = []
    /// `from_table.from_column → to_table.to_column`, from the relationships paragraph.
    var relationships: Set<String> = []
    /// The fixed ids of the KPI patterns.
    var kpiIDs: Set<String> = []

    static func load() throws -> DemoLakeSpecText {
        let url = Python.sharedRoot.appendingPathComponent("spec/demo-lake.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        var spec = DemoLakeSpecText()
        for line in text.split(separator: "\n") where line.hasPrefix("|") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 5 else { continue }
            let first = cells[1]
            if ["public", "internal", "confidential", "restricted"].contains(cells[3]) {
                spec.classifications[first] = cells[3]
                for match in cells[4].matches(of: /(\w+) \w+(?:\([^)]*\))? \*\*PII\*\*/) {
                    spec.piiColumns.insert("\(first).\(match.output.1)")
                }
            } else if first.range(of: #"^[a-z_]+$"#, options: .regularExpression) != nil, cells[2].contains(" "), cells.count == 5,
                      cells[3].contains(",") {
                spec.kpiIDs.insert(first)
            }
        }
        for match in text.matches(of: /(\w+)\.(\w+) → (\w+)\.(\w+)/) {
            spec.relationships.insert("\(match.output.1).\(match.output.2) → \(match.output.3).\(match.output.4)")
        }
        return spec
    }
}
