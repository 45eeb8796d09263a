import Foundation
import SluiceCatalog
import SluiceProvision
import SluiceTestSupport
import Testing

/// Each KPI pattern's mart template against its own SQL template, on the generated demo lake:
/// `Tests/tools/kpi_mart_templates_sqlite.py` loads the lake into SQLite with pyarrow, turns
/// every mart template into SQL with a translator of its own (written from the spec format's
/// documentation, not from Sluice's compiler), runs it beside the pattern's SQL, and compares
/// the columns both have, row by row.
@Suite("KPI mart templates against their SQL")
struct KPITemplateSQLCrossCheckTests {
    struct Comparison: Decodable {
        struct Mismatch: Decodable, CustomStringConvertible {
            var column: String
            var row: Int
            var sql: Value?
            var mart: Value?
            var description: String { "row \(row) \(column): SQL \(sql.map(String.init(describing:)) ?? "null"), mart \(mart.map(String.init(describing:)) ?? "null")" }
        }

        /// A cell as JSON has it: a number or a text.
        enum Value: Decodable, CustomStringConvertible {
            case number(Double)
            case text(String)

            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let number = try? container.decode(Double.self) {
                    self = .number(number)
                } else {
                    self = .text(try container.decode(String.self))
                }
            }

            var description: String {
                switch self {
                case let .number(number): "\(number)"
                case let .text(text): String(reflecting: text)
                }
            }
        }

        var id: String
        var sql_columns: [String]
        var mart_columns: [String]
        var sql_row_count: Int
        var mart_row_count: Int
        var mismatches: [Mismatch]
        var mart_sql: String
    }

    private struct Report: Decodable {
        var results: [Comparison]
    }

    /// Runs the tool over `patterns`, each with the mart template given (the catalog's, unless replaced).
    private static func compare(_ patterns: [(pattern: KPIPattern, mart: String)]) async throws -> [Comparison] {
        let request = try JSONSerialization.data(withJSONObject: patterns.map { ["id": $0.pattern.id, "template": $0.pattern.template, "mart": $0.mart] })
        let output = try Python.runTool("kpi_mart_templates_sqlite.py", arguments: [try await DemoLake.folder()], stdin: request)
        return try JSONDecoder().decode(Report.self, from: output).results
    }

    @Test("every template gives the SQL's rows, in its order, with the same values in every column both have")
    func templatesAgreeWithTheirSQL() async throws {
        let catalog = try await DemoLake.contents()
        let patterns = try catalog.kpiPatterns.map { pattern in (pattern, try #require(pattern.martTemplate, "\(pattern.id) has no mart template")) }
        #expect(patterns.count == 10)
        let results = try await Self.compare(patterns)
        #expect(results.map(\.id) == catalog.kpiPatterns.map(\.id))
        for result in results {
            #expect(result.sql_row_count >= 1, "\(result.id): the SQL template returned no rows")
            #expect(result.mart_row_count == result.sql_row_count, "\(result.id): \(result.mart_sql)")
            #expect(result.mismatches.isEmpty, "\(result.id): \(result.mismatches.prefix(3)) from \(result.mart_sql)")
            // What the template cannot say, and what it says instead, is what its YAML comment says.
            let omitted = Set(result.sql_columns).subtracting(result.mart_columns)
            let added = Set(result.mart_columns).subtracting(result.sql_columns)
            #expect(omitted == KPITemplateTests.documentedOmissions[result.id] ?? [], "\(result.id)")
            #expect(added == KPITemplateTests.documentedAdditions[result.id] ?? [], "\(result.id)")
        }
    }

    @Test("the comparison notices a template that drifts from its SQL: counting every joined row where the SQL counts fills")
    func aDriftingTemplateIsCaught() async throws {
        let catalog = try await DemoLake.contents()
        let pattern = try #require(catalog.kpiPatterns.first { $0.id == "order_fill_rate" })
        let template = try #require(pattern.martTemplate)
        // The left join keeps orders without fills as one row each: count(*) counts them, the
        // SQL's SUM(COALESCE(f.fill_count, 0)) does not; the template counts execution ids.
        let drifted = template.replacingOccurrences(of: #"{"column":"e.execution_id","function":"count","name":"fill_count"}"#,
                                                    with: #"{"function":"count","name":"fill_count"}"#)
        #expect(drifted != template)
        let result = try #require(try await Self.compare([(pattern, drifted)]).first)
        #expect(result.mart_row_count == result.sql_row_count)
        let columns = Set(result.mismatches.map(\.column))
        #expect(columns == ["fill_count"], "\(result.mismatches.prefix(3))")
        // Each group counts its orders without fills on top of the SQL's fills.
        for mismatch in result.mismatches {
            if case let .number(sql) = mismatch.sql, case let .number(mart) = mismatch.mart {
                #expect(mart > sql, "\(mismatch)")
            } else {
                Issue.record("fill counts are numbers: \(mismatch)")
            }
        }
    }
}
