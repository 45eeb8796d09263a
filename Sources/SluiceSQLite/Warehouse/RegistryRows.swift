import Foundation
import GRDB
import SluiceGovernance

/// Reads and writes ``SluiceGovernance/MartRegistration``s as rows of the three registry
/// tables, inside a transaction the caller holds (the registry's reads, the warehouse's publish).
enum RegistryRows {
    /// JSON with sorted keys, so equal values are stored as equal text.
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func nextVersion(of name: String, in db: Database) throws -> Int {
        (try Int.fetchOne(db, sql: "SELECT max(version) FROM governance.data_mart_registry WHERE name = ?", arguments: [name]) ?? 0) + 1
    }

    /// Inserts `registration` as the current version of its mart with its lineage. The caller
    /// has already marked earlier versions superseded (the one-current index requires it).
    static func insert(_ registration: MartRegistration, in db: Database) throws {
        let key: StatementArguments = [registration.name, registration.version]
        try db.execute(sql: """
            INSERT INTO governance.data_mart_registry
                (name, version, request_id, requester, role, question, classification, grants, spec,
                 compiled_sql, row_count, created_at, masking, is_current, dropped_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, NULL)
            """, arguments: key + [
                registration.requestID, registration.requester.user, registration.requester.role.rawValue, registration.question,
                registration.classification.rawValue, try json(registration.grants.map(\.rawValue)), registration.specJSON,
                registration.compiledSQL, registration.rowCount, try timestamp(registration.createdAt, field: "created_at"),
                try json(registration.masking.mapValues(\.rawValue)),
            ])
        for (position, source) in registration.lineage.sources.enumerated() {
            try db.execute(sql: """
                INSERT INTO governance.mart_lineage_sources
                    (name, version, position, source_table, uri, etag, content_hash, size, columns)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: key + [position, source.table, source.uri, source.etag, source.contentHash, source.size,
                                       try json(source.columns)])
        }
        for (position, column) in registration.lineage.columns.enumerated() {
            try db.execute(sql: """
                INSERT INTO governance.mart_lineage_columns
                    (name, version, position, output_column, source_columns, transformation, masking)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: key + [position, column.outputColumn, try json(column.sourceColumns), column.transformation,
                                       column.masking?.rawValue])
        }
    }

    /// The registrations whose registry row matches `condition`, by name then version.
    static func read(_ db: Database, where condition: String, arguments: StatementArguments, location: String) throws -> [MartRegistration] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT * FROM governance.data_mart_registry WHERE \(condition) ORDER BY name, version
            """, arguments: arguments)
        return try rows.map { row in
            let name: String = row["name"]
            let version: Int = row["version"]
            let reader = RowReader(row: row, what: "governance.data_mart_registry \(name) version \(version)", location: location)
            return MartRegistration(
                name: name, version: version, requestID: row["request_id"],
                requester: Requester(user: row["requester"], role: try reader.parse("role") { Role(rawValue: $0) }),
                question: row["question"],
                classification: try reader.parse("classification") { Classification(rawValue: $0) },
                grants: try reader.decode([String].self, "grants").map { text in
                    try reader.parsed(text, column: "grants") { Role(rawValue: $0) }
                },
                specJSON: row["spec"], compiledSQL: row["compiled_sql"], rowCount: row["row_count"],
                createdAt: try reader.parse("created_at") { SQLiteTimestamp.date(from: $0) },
                masking: try reader.decode([String: String].self, "masking").mapValues { text in
                    try reader.parsed(text, column: "masking") { MaskingRule(rawValue: $0) }
                },
                lineage: MartLineage(sources: try sources(of: name, version: version, db, location: location),
                                     columns: try columns(of: name, version: version, db, location: location)),
                isCurrent: row["is_current"],
                droppedAt: try (row["dropped_at"] as String?).map { text in
                    try reader.parsed(text, column: "dropped_at") { SQLiteTimestamp.date(from: $0) }
                })
        }
    }

    private static func sources(of name: String, version: Int, _ db: Database, location: String) throws -> [LineageSource] {
        try Row.fetchAll(db, sql: """
            SELECT * FROM governance.mart_lineage_sources WHERE name = ? AND version = ? ORDER BY position
            """, arguments: [name, version]).map { row in
            let reader = RowReader(row: row, what: "governance.mart_lineage_sources \(name) version \(version) position \(row["position"] as Int)",
                                   location: location)
            return LineageSource(table: row["source_table"], uri: row["uri"], etag: row["etag"], contentHash: row["content_hash"],
                                 size: row["size"], columns: try reader.decode([String].self, "columns"))
        }
    }

    private static func columns(of name: String, version: Int, _ db: Database, location: String) throws -> [ColumnLineage] {
        try Row.fetchAll(db, sql: """
            SELECT * FROM governance.mart_lineage_columns WHERE name = ? AND version = ? ORDER BY position
            """, arguments: [name, version]).map { row in
            let reader = RowReader(row: row, what: "governance.mart_lineage_columns \(name) version \(version) position \(row["position"] as Int)",
                                   location: location)
            return ColumnLineage(outputColumn: row["output_column"], sourceColumns: try reader.decode([String].self, "source_columns"),
                                 transformation: row["transformation"],
                                 masking: try (row["masking"] as String?).map { text in
                                     try reader.parsed(text, column: "masking") { MaskingRule(rawValue: $0) }
                                 })
        }
    }

    /// The stored form of an instant; the registry keeps the years 0001–9999 only.
    static func timestamp(_ date: Date, field: String) throws -> String {
        guard let text = SQLiteTimestamp.text(for: date) else {
            throw DatabaseError(message: "\(field) \(date) is outside the years 0001–9999 the registry stores")
        }
        return text
    }

    /// Decodes the columns of one row, naming the row, the column and the file when a value
    /// is not what this build writes (a file edited by hand or by another program).
    private struct RowReader {
        let row: Row
        let what: String
        let location: String

        func parse<T>(_ column: String, _ make: (String) -> T?) throws -> T {
            try parsed(row[column], column: column, make)
        }

        func parsed<T>(_ text: String, column: String, _ make: (String) -> T?) throws -> T {
            guard let value = make(text) else {
                throw SluiceDatabaseError.sqlite(file: location, reason: "\(what): \(column) holds \(String(reflecting: text)), which this build of Sluice does not know")
            }
            return value
        }

        func decode<T: Decodable>(_ type: T.Type, _ column: String) throws -> T {
            let text: String = row[column]
            do {
                return try JSONDecoder().decode(type, from: Data(text.utf8))
            } catch {
                throw SluiceDatabaseError.sqlite(file: location, reason: "\(what): \(column) is not the JSON this build writes: \(text)")
            }
        }
    }
}
