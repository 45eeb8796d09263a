import Foundation

/// One question of a golden set and what a correct answer contains.
///
/// A golden set is the yardstick for search quality: analysts' questions, each with
/// the tables and columns a good recommendation should surface, graded on the TREC
/// scale, and the KPI it should match. In JSON one entry reads
///
/// ```json
/// {"id": "q01", "query": "exposure by sector",
///  "tables": {"positions": 3, "instruments": 2},
///  "columns": {"instruments.sector": 3, "clients.segment": 3},
///  "kpi": "portfolio_exposure"}
/// ```
///
/// Grades follow TREC: 0 judged not relevant, 1 somewhat, 2 relevant, 3 highly
/// relevant. Anything a query does not list counts as not relevant, so a grade 0
/// entry only documents that someone looked. `columns` may be left out (no column
/// judgments) and `kpi` may be left out or `null` (the question matches no KPI).
/// `tables` is required but may be empty: a question the lake cannot answer.
///
/// Decoding is strict (see ``GoldenSet``): unknown keys, grades outside 0...3 and an
/// empty query are errors, because a typo in a golden set silently changes the
/// number every search change is judged by.
public struct GoldenQuery: Sendable, Equatable {
    /// Unique within its golden set; names the query in reports and regressions.
    public var id: String
    /// The analyst's question, in plain words.
    public var query: String
    /// Table id → TREC grade 0...3.
    public var tables: [String: Int]
    /// Column id (`table.column`) → TREC grade 0...3.
    public var columns: [String: Int]
    /// The KPI id a search should match, or `nil` when the question matches none.
    public var kpi: String?

    public init(id: String, query: String, tables: [String: Int], columns: [String: Int] = [:], kpi: String? = nil) {
        self.id = id
        self.query = query
        self.tables = tables
        self.columns = columns
        self.kpi = kpi
    }

    /// The grades TREC judgments use.
    public static let grades: ClosedRange<Int> = 0...3

    /// Whether any table is relevant (grade > 0). A query without one is a question the
    /// lake cannot answer; see ``Evaluator`` for how its table metrics are handled.
    public var hasRelevantTables: Bool { tables.values.contains { $0 > 0 } }

    /// Whether any column is relevant (grade > 0).
    public var hasRelevantColumns: Bool { columns.values.contains { $0 > 0 } }
}

extension GoldenQuery: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, query, tables, columns, kpi
    }

    /// Any key at all, so that keys outside ``CodingKeys`` can be found and refused.
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let keys = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // The id first, so every later problem can name the query it belongs to.
        let id = try Self.field(.id, queryID: nil) { try container.decode(String.self, forKey: .id) }
        guard !id.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw GoldenFieldProblem(queryID: nil, field: "id", reason: "is empty")
        }
        for key in keys.sorted() where CodingKeys(stringValue: key) == nil {
            let known = CodingKeys.allCases.map(\.stringValue).joined(separator: ", ")
            throw GoldenFieldProblem(queryID: id, field: key, reason: "is not a golden-set field (expected \(known))")
        }
        let query = try Self.field(.query, queryID: id) { try container.decode(String.self, forKey: .query) }
        guard !query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw GoldenFieldProblem(queryID: id, field: "query", reason: "is empty")
        }
        // Grades are read as numbers and checked here: Foundation reports 2.5 read as an Int
        // only as "not valid JSON", without saying where.
        let tables = try Self.grades(
            Self.field(.tables, queryID: id) { try container.decode([String: Double].self, forKey: .tables) },
            field: "tables", queryID: id)
        let columns = try Self.grades(
            Self.field(.columns, queryID: id) { try container.decodeIfPresent([String: Double].self, forKey: .columns) ?? [:] },
            field: "columns", queryID: id)
        let kpi = try Self.field(.kpi, queryID: id) { try container.decodeIfPresent(String.self, forKey: .kpi) }
        if let kpi, kpi.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw GoldenFieldProblem(queryID: id, field: "kpi", reason: "is empty (use null for no KPI)")
        }
        self.init(id: id, query: query, tables: tables, columns: columns, kpi: kpi)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(query, forKey: .query)
        try container.encode(tables, forKey: .tables)
        try container.encode(columns, forKey: .columns)
        // Written as an explicit null so the file shows the question was considered.
        if let kpi { try container.encode(kpi, forKey: .kpi) } else { try container.encodeNil(forKey: .kpi) }
    }

    /// Runs one field's decoding, turning a `DecodingError` into a problem that names the field.
    private static func field<T>(_ key: CodingKeys, queryID: String?, _ decode: () throws -> T) throws -> T {
        do {
            return try decode()
        } catch let error as DecodingError {
            throw GoldenFieldProblem(queryID: queryID, decodingError: error, fallbackField: key.stringValue)
        } catch {
            // Foundation's own parse errors (e.g. a number too large) carry no coding path.
            throw GoldenFieldProblem(queryID: queryID, field: key.stringValue, reason: "is not valid (\(error))")
        }
    }

    /// Checks a grade map read as numbers: ids non-empty, grades whole numbers in 0...3.
    private static func grades(_ numbers: [String: Double], field: String, queryID: String) throws -> [String: Int] {
        var grades: [String: Int] = [:]
        for (item, number) in numbers.sorted(by: { $0.key < $1.key }) {
            if item.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw GoldenFieldProblem(queryID: queryID, field: field, reason: "has an empty id")
            }
            guard number.rounded() == number, let grade = Int(exactly: number) else {
                throw GoldenFieldProblem(queryID: queryID, field: "\(field).\(item)", reason: "grade \(number) is not a whole number")
            }
            guard GoldenQuery.grades.contains(grade) else {
                throw GoldenFieldProblem(queryID: queryID, field: "\(field).\(item)", reason: "grade \(grade) is outside 0...3")
            }
            grades[item] = grade
        }
        return grades
    }
}
