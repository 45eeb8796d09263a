import Foundation
import PostgresNIO
import SluiceGovernance
import SluiceProvision

/// `governance.data_mart_registry` with its lineage tables in PostgreSQL: the same rows as
/// the embedded registry (JSON columns as `jsonb`, instants as `timestamptz`). The warehouse
/// writes it in the transaction that publishes a mart (``PostgresWarehouse/publish(buildName:registration:)``).
public final class PostgresMartRegistry: MartRegistry {
    public let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func currentMarts() async throws -> [MartRegistration] {
        try await read(where: "is_current", binds: PostgresBindings())
    }

    public func versions(of name: String) async throws -> [MartRegistration] {
        try await read(where: "name = $1", binds: PostgresSQL.binds(name))
    }

    public func nextVersion(of name: String) async throws -> Int {
        let logger = database.logger
        return try await database.withConnection { connection in try await Self.nextVersion(of: name, connection, logger: logger) }
    }

    static func nextVersion(of name: String, _ connection: PostgresConnection, logger: Logger) async throws -> Int {
        let rows = try await connection.query("SELECT coalesce(max(version), 0) FROM governance.data_mart_registry WHERE name = \(name)",
                                              logger: logger)
        var highest = 0
        for try await value in rows.decode(Int32.self) { highest = Int(value) }
        return highest + 1
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private static func json(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func insert(_ registration: MartRegistration, _ connection: PostgresConnection, logger: Logger) async throws {
        let name = registration.name, version = Int32(registration.version)
        try await connection.query("""
            INSERT INTO governance.data_mart_registry
                (name, version, request_id, requester, role, question, classification, grants, spec,
                 compiled_sql, row_count, created_at, masking, is_current, dropped_at)
            VALUES (\(name), \(version), \(registration.requestID), \(registration.requester.user), \(registration.requester.role.rawValue),
                    \(registration.question), \(registration.classification.rawValue), \(try json(registration.grants.map(\.rawValue)))::jsonb,
                    \(registration.specJSON), \(registration.compiledSQL), \(Int64(registration.rowCount)), \(registration.createdAt),
                    \(try json(registration.masking.mapValues(\.rawValue)))::jsonb, true, NULL)
            """, logger: logger)
        for (position, source) in registration.lineage.sources.enumerated() {
            try await connection.query("""
                INSERT INTO governance.mart_lineage_sources (name, version, position, source_table, uri, etag, content_hash, size, columns)
                VALUES (\(name), \(version), \(Int32(position)), \(source.table), \(source.uri), \(source.etag), \(source.contentHash),
                        \(source.size.map(Int64.init)), \(try json(source.columns))::jsonb)
                """, logger: logger)
        }
        for (position, column) in registration.lineage.columns.enumerated() {
            try await connection.query("""
                INSERT INTO governance.mart_lineage_columns (name, version, position, output_column, source_columns, transformation, masking)
                VALUES (\(name), \(version), \(Int32(position)), \(column.outputColumn), \(try json(column.sourceColumns))::jsonb,
                        \(column.transformation), \(column.masking?.rawValue))
                """, logger: logger)
        }
    }

    // MARK: Reading

    private func read(where condition: String, binds: PostgresBindings) async throws -> [MartRegistration] {
        let logger = database.logger
        let place = database.location.description
        return try await database.withConnection { connection in
            let rows = try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT name, version, request_id, requester, role, question, classification, grants::text, spec, compiled_sql,
                       row_count, created_at, masking::text, is_current, dropped_at
                FROM governance.data_mart_registry WHERE \(condition) ORDER BY name, version
                """, binds: binds), logger: logger)
            var registrations: [MartRegistration] = []
            for try await row in rows {
                let (name, version, requestID, user, role, question, classification, grants, spec, compiled,
                     rowCount, createdAt, masking, isCurrent, droppedAt)
                    = try row.decode((String, Int32, String, String, String, String?, String, String, String, String,
                                      Int64, Date, String, Bool, Date?).self)
                let what = RowDecoding(what: "governance.data_mart_registry \(name) version \(version)", location: place)
                registrations.append(MartRegistration(
                    name: name, version: Int(version), requestID: requestID,
                    requester: Requester(user: user, role: try what.parse(role, "role") { Role(rawValue: $0) }),
                    question: question,
                    classification: try what.parse(classification, "classification") { Classification(rawValue: $0) },
                    grants: try what.decode([String].self, grants, "grants").map { text in try what.parse(text, "grants") { Role(rawValue: $0) } },
                    specJSON: spec, compiledSQL: compiled, rowCount: Int(rowCount), createdAt: createdAt,
                    masking: try what.decode([String: String].self, masking, "masking").mapValues { text in
                        try what.parse(text, "masking") { MaskingRule(rawValue: $0) }
                    },
                    lineage: MartLineage(sources: [], columns: []), isCurrent: isCurrent, droppedAt: droppedAt))
            }
            for index in registrations.indices {
                registrations[index].lineage = try await Self.lineage(of: registrations[index], connection, logger: logger, location: place)
            }
            return registrations
        }
    }

    private static func lineage(of registration: MartRegistration, _ connection: PostgresConnection, logger: Logger,
                                location: String) async throws -> MartLineage {
        let name = registration.name, version = Int32(registration.version)
        let what = RowDecoding(what: "governance lineage of \(name) version \(version)", location: location)
        var sources: [LineageSource] = []
        let sourceRows = try await connection.query("""
            SELECT source_table, uri, etag, content_hash, size, columns::text FROM governance.mart_lineage_sources
            WHERE name = \(name) AND version = \(version) ORDER BY position
            """, logger: logger)
        for try await (table, uri, etag, hash, size, columns) in sourceRows.decode((String, String, String?, String?, Int64?, String).self) {
            sources.append(LineageSource(table: table, uri: uri, etag: etag, contentHash: hash, size: size.map(Int.init),
                                         columns: try what.decode([String].self, columns, "columns")))
        }
        var columns: [ColumnLineage] = []
        let columnRows = try await connection.query("""
            SELECT output_column, source_columns::text, transformation, masking FROM governance.mart_lineage_columns
            WHERE name = \(name) AND version = \(version) ORDER BY position
            """, logger: logger)
        for try await (output, sourceColumns, transformation, masking) in columnRows.decode((String, String, String, String?).self) {
            columns.append(ColumnLineage(outputColumn: output, sourceColumns: try what.decode([String].self, sourceColumns, "source_columns"),
                                         transformation: transformation,
                                         masking: try masking.map { text in try what.parse(text, "masking") { MaskingRule(rawValue: $0) } }))
        }
        return MartLineage(sources: sources, columns: columns)
    }

    /// Reads a registry value this build must understand, naming the row and column when it does not.
    private struct RowDecoding {
        let what: String
        let location: String

        func parse<T>(_ text: String, _ column: String, _ make: (String) -> T?) throws -> T {
            guard let value = make(text) else {
                throw SluicePostgresError.failed(location: location, reason: "\(what): \(column) holds \(String(reflecting: text)), which this build of Sluice does not know")
            }
            return value
        }

        func decode<T: Decodable>(_ type: T.Type, _ text: String, _ column: String) throws -> T {
            do {
                return try JSONDecoder().decode(type, from: Data(text.utf8))
            } catch {
                throw SluicePostgresError.failed(location: location, reason: "\(what): \(column) is not the JSON this build writes: \(text)")
            }
        }
    }
}
