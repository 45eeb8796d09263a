import Foundation
import SluiceTestSupport

/// One value of a lake file as pyarrow reads it (`Tests/tools/pyarrow_rows.py`'s JSON:
/// dates `YYYY-MM-DD`, timestamps ISO with `Z`).
enum LakeValue: Decodable, Sendable, Hashable, CustomStringConvertible {
    case null
    case bool(Bool)
    case integer(Int64)
    case real(Double)
    case text(String)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .real(value)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    var text: String? {
        if case let .text(value) = self { return value }
        return nil
    }

    var integer: Int64? {
        if case let .integer(value) = self { return value }
        return nil
    }

    var description: String {
        switch self {
        case .null: "null"
        case let .bool(value): String(value)
        case let .integer(value): String(value)
        case let .real(value): String(value)
        case let .text(value): value
        }
    }
}

/// The demo lake's rows read with pyarrow, the independent reader: what the leak checks
/// compare every mart cell against, and what the expected values are computed from.
enum LakeRows {
    /// Every row of `<table>.parquet` in the demo lake, column → value.
    static func rows(of table: String) async throws -> [[String: LakeValue]] {
        let file = (try await DemoLake.folder() as NSString).appendingPathComponent("\(table).parquet")
        let output = try Python.runTool("pyarrow_rows.py", arguments: [file])
        let decoder = JSONDecoder()
        return try output.split(separator: UInt8(ascii: "\n")).map { line in
            try decoder.decode([String: LakeValue].self, from: Data(line))
        }
    }

    /// The raw values of every PII column the demo-lake spec names, `table.column` → the
    /// column's values row by row (nulls included), read once per test process.
    static func piiValues() async throws -> [SpecText.PIIColumn: [String?]] {
        try await sharedPII.value
    }

    /// Every distinct non-null raw value of every PII column together.
    static func allPIIValues() async throws -> Set<String> {
        Set(try await piiValues().values.joined().compactMap { $0 })
    }

    private static let sharedPII = Task<[SpecText.PIIColumn: [String?]], any Error> {
        let columns = try SpecText.get().piiColumns
        var values: [SpecText.PIIColumn: [String?]] = [:]
        for table in Set(columns.map(\.table)) {
            let rows = try await rows(of: table)
            for column in columns where column.table == table {
                values[column] = try rows.map { row in
                    switch row[column.column] {
                    case .null: return nil
                    case let .text(value): return value
                    default: throw FixtureError("\(column.qualifiedName) holds \(String(describing: row[column.column])); a PII column of the demo lake is text or a date")
                    }
                }
            }
        }
        return values
    }
}
