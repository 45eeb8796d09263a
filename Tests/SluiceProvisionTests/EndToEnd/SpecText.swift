import Foundation
import SluiceGovernance
import SluiceTestSupport
import Testing

/// What `../shared/spec/demo-lake.md` and `../shared/spec/governance.md` say, read from the
/// specs at test time: the end-to-end tests check the product against the documents, not
/// against a copy of them (nor against the policy code they are testing).
struct SpecText: Sendable {
    /// One row of the demo-lake spec's "three demo scenarios" table.
    struct Scenario: Sendable, CustomTestStringConvertible {
        var number: Int
        var question: String
        var requester: String
        var role: Role
        var classification: Classification
        /// "clear (compliance privilege)" reads true, "masked" false.
        var piiInClear: Bool

        var testDescription: String { "scenario \(number) (\(requester), \(role))" }
    }

    /// A column the demo-lake spec marks **PII**.
    struct PIIColumn: Sendable, Hashable, Comparable, CustomTestStringConvertible {
        var table: String
        var column: String

        var qualifiedName: String { "\(table).\(column)" }
        var testDescription: String { qualifiedName }
        static func < (a: PIIColumn, b: PIIColumn) -> Bool { a.qualifiedName < b.qualifiedName }
    }

    var scenarios: [Scenario] = []
    /// Table → level, from the demo lake's table of tables.
    var tableClassifications: [String: Classification] = [:]
    /// In the spec's order.
    var piiColumns: [PIIColumn] = []
    /// Level → the roles that may read it, from the governance rules.
    var readers: [Classification: Set<Role>] = [:]

    func scenario(_ number: Int) throws -> Scenario {
        guard let scenario = scenarios.first(where: { $0.number == number }) else {
            throw FixtureError("demo-lake.md has no scenario \(number) (it lists \(scenarios.map(\.number)))")
        }
        return scenario
    }

    /// Whether `role` may read `table` by the two specs' tables.
    func mayRead(_ table: String, as role: Role) -> Bool {
        guard let level = tableClassifications[table] else { return false }
        return readers[level]?.contains(role) ?? false
    }

    static func load() throws -> SpecText {
        var spec = SpecText()
        for cells in try tableRows(of: "spec/demo-lake.md") {
            if cells.count == 6, let number = Int(cells[0]) {
                spec.scenarios.append(Scenario(number: number, question: cells[1], requester: cells[2], role: try Role(parsing: cells[3]),
                                               classification: try Classification(parsing: cells[4]),
                                               piiInClear: cells[5].hasPrefix("clear")))
            } else if cells.count == 4, let level = try? Classification(parsing: cells[2]) {
                spec.tableClassifications[cells[0]] = level
                // `legal_name string **PII**`, `date_of_birth date **PII** (null for …)`.
                for match in cells[3].matches(of: /(\w+) \w+(?:\([^)]*\))? \*\*PII\*\*/) {
                    spec.piiColumns.append(PIIColumn(table: cells[0], column: String(match.output.1)))
                }
            }
        }
        for cells in try tableRows(of: "spec/governance.md") where cells.count == 2 {
            guard let level = try? Classification(parsing: cells[0]) else { continue }
            spec.readers[level] = Set(try cells[1].split(separator: ",").map { try Role(parsing: String($0)) })
        }
        guard spec.scenarios.count == 3, !spec.piiColumns.isEmpty, spec.readers.count == Classification.allCases.count else {
            throw FixtureError("the specs under \(Python.sharedRoot.path) no longer have the tables these tests read: "
                + "\(spec.scenarios.count) scenarios, \(spec.piiColumns.count) PII columns, \(spec.readers.count) reader levels")
        }
        return spec
    }

    /// The cells of every row of every Markdown table in a shared spec file (separator rows left out).
    private static func tableRows(of file: String) throws -> [[String]] {
        let text = try String(contentsOf: Python.sharedRoot.appendingPathComponent(file), encoding: .utf8)
        return text.split(separator: "\n").filter { $0.hasPrefix("|") && !$0.hasPrefix("|---") }.map { line in
            Array(line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast())
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    static let shared: Result<SpecText, any Error> = Result { try load() }

    static func get() throws -> SpecText { try shared.get() }
}
