import Foundation
import GRDB
import SluiceSearch

/// Turns one record for a `rag_monitor` table into column values, refusing what the
/// schema cannot hold with a message that names the record and field.
///
/// Numbers must be finite: SQLite silently stores a NaN `REAL` as NULL, and JSON has no
/// NaN or infinity, so either would come back as something else or not at all.
struct MonitorRowEncoder {
    /// The `rag_monitor.sqlite` file, for messages.
    let location: String
    /// The record in words: `search "top clients by exposure"`, `evaluation run of "golden.yaml", query "q7"`.
    let subject: String
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        // Sorted keys: the same value is always the same text, so rows compare and diff as text.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    init(location: String, subject: String) {
        self.location = location
        self.subject = subject
    }

    /// The same record's part: `evaluation run of "g.yaml"` → `evaluation run of "g.yaml", query "q1"`.
    func part(_ name: String) -> MonitorRowEncoder {
        MonitorRowEncoder(location: location, subject: "\(subject), \(name)")
    }

    func refused(_ field: String, _ reason: String) -> SearchMonitorError {
        .store(location: location, reason: "\(subject): \(field) \(reason); nothing was written")
    }

    func timestamp(_ date: Date, _ field: String) throws -> String {
        guard let text = SQLiteTimestamp.text(for: date) else {
            throw refused(field, "\(date) is outside the years 0001–9999")
        }
        return text
    }

    func finite(_ value: Double, _ field: String) throws -> Double {
        guard value.isFinite else { throw refused(field, "is \(value); only finite numbers can be stored") }
        return value
    }

    func finiteOrNil(_ value: Double?, _ field: String) throws -> Double? {
        try value.map { try finite($0, field) }
    }

    func count(_ value: Int, _ field: String) throws -> Int {
        guard value >= 0 else { throw refused(field, "is \(value); a count cannot be negative") }
        return value
    }

    /// A metric map as a JSON object, after checking each value, so a NaN is reported by metric name.
    func metrics(_ metrics: [String: Double], _ field: String) throws -> String {
        for (name, value) in metrics.sorted(by: { $0.key < $1.key }) {
            _ = try finite(value, "\(field)[\(String(reflecting: name))]")
        }
        return try json(metrics, field)
    }

    func json<Value: Encodable>(_ value: Value, _ field: String) throws -> String {
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch let EncodingError.invalidValue(bad, context) {
            let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            throw refused(path.isEmpty ? field : "\(field).\(path)", "holds \(bad), which JSON cannot represent")
        }
    }

    /// Runs one insert of the record. A constraint SQLite refuses becomes a sentence about
    /// the record (`duplicate` explains a clash on its key); a foreign key failure passes
    /// through for the caller, who knows which parent is missing.
    func insert(into db: Database, _ sql: String, _ arguments: [(any DatabaseValueConvertible)?], duplicate: String? = nil) throws {
        do {
            try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(arguments))
        } catch let error as DatabaseError
                    where error.resultCode == .SQLITE_CONSTRAINT && error.extendedResultCode != .SQLITE_CONSTRAINT_FOREIGNKEY {
            let isDuplicate = error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY || error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE
            let explanation = if let duplicate, isDuplicate { duplicate } else { "was refused: \(error.message ?? "\(error)")" }
            throw SearchMonitorError.store(location: location, reason: "\(subject) \(explanation); nothing was written")
        }
    }

    /// `model_id`, `model_version`, `model_dimension`: all null or all set.
    func model(_ model: EmbeddingModel?) throws -> [(any DatabaseValueConvertible)?] {
        guard let model else { return [nil, nil, nil] }
        guard model.dimension > 0 else { throw refused("model", "\(model) has no dimensions") }
        return [model.id, model.version, model.dimension]
    }
}

/// Reads one row of a `rag_monitor` table back, reporting a value the record cannot hold
/// with the table, row and column: `rag_monitor.search_log row 12: recommendation …`.
struct MonitorRowDecoder {
    let location: String
    let table: String
    /// The row's key in words: `12`, `run 3 query "q7"`.
    let rowName: String
    private let decoder = JSONDecoder()

    init(location: String, table: String, rowName: String) {
        self.location = location
        self.table = table
        self.rowName = rowName
    }

    func damaged(_ column: String, _ reason: String) -> SearchMonitorError {
        .store(location: location, reason: "rag_monitor.\(table) row \(rowName): \(column) \(reason)")
    }

    func timestamp(_ row: Row, _ column: String) throws -> Date {
        let text: String = try row.decode(forColumn: column)
        guard let date = SQLiteTimestamp.date(from: text) else {
            throw damaged(column, "\(String(reflecting: text)) is not a timestamp like 2024-01-31T08:15:02.125Z")
        }
        return date
    }

    func json<Value: Decodable>(_ type: Value.Type, _ row: Row, _ column: String) throws -> Value {
        let text: String = try row.decode(forColumn: column)
        do {
            return try decoder.decode(type, from: Data(text.utf8))
        } catch {
            throw damaged(column, "is not the JSON \(Value.self) expected here (\(error))")
        }
    }

    func enumeration<Value: RawRepresentable>(_ type: Value.Type, _ row: Row, _ column: String) throws -> Value
    where Value.RawValue == String {
        let text: String = try row.decode(forColumn: column)
        guard let value = Value(rawValue: text) else {
            throw damaged(column, "\(String(reflecting: text)) is not a \(Value.self) this build knows")
        }
        return value
    }

    func model(_ row: Row) throws -> EmbeddingModel? {
        let id: String? = try row.decode(forColumn: "model_id")
        let version: String? = try row.decode(forColumn: "model_version")
        let dimension: Int? = try row.decode(forColumn: "model_dimension")
        switch (id, version, dimension) {
        case (nil, nil, nil): return nil
        case let (id?, version?, dimension?): return EmbeddingModel(id: id, version: version, dimension: dimension)
        default: throw damaged("model_id", "model_id, model_version and model_dimension must be all null or all set")
        }
    }
}
