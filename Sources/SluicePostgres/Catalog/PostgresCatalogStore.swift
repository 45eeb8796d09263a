import Foundation
import PostgresNIO
import SluiceCatalog

/// The catalog of the server backend: the `catalog` schema in PostgreSQL
/// (``PostgresSchema/catalog``), with the semantics of the embedded `SQLiteCatalogStore`.
///
/// ```swift
/// let store = PostgresCatalogStore(database: database)
/// var contents = try await store.load()
/// contents.tables.append(orders)
/// try await store.replace(with: contents)        // one transaction
/// ```
///
/// ``replace(with:)`` rewrites the whole catalog in one transaction: readers see the catalog
/// before it or after it. Each object is stored whole (its Codable JSON) beside the columns
/// SQL filters on, and loads back equal, in the order it was written.
public final class PostgresCatalogStore: CatalogStore {
    public let database: PostgresDatabase
    public var location: String { database.location.description }

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func load() async throws -> CatalogContents {
        let logger = database.logger, location = location
        do {
            return try await database.withTransaction { connection in
                _ = try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", logger: logger).collect()
                func documents<T: Decodable>(_ table: String, order: String, as type: T.Type) async throws -> [T] {
                    var result: [T] = []
                    let rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT document::text FROM catalog.\(table) ORDER BY \(order)"),
                                                          logger: logger)
                    for try await text in rows.decode(String.self) {
                        result.append(try JSONDocument.decode(type, text, what: "a row of catalog.\(table)", location: location))
                    }
                    return result
                }
                var tables = try await documents("table_metadata", order: "position", as: TableMetadata.self)
                // needs_embedding is cleared by the embedding store in its own column.
                let flags = try await connection.query("SELECT table_name, needs_embedding FROM catalog.table_metadata", logger: logger)
                var needs: [String: Bool] = [:]
                for try await (name, flag) in flags.decode((String, Bool).self) { needs[name] = flag }
                for index in tables.indices { tables[index].needsEmbedding = needs[tables[index].name] ?? tables[index].needsEmbedding }
                return CatalogContents(
                    tables: tables,
                    columns: try await documents("column_metadata", order: "table_name, position, column_name", as: ColumnMetadata.self),
                    relationships: try await documents("relationship_metadata", order: "position", as: RelationshipMetadata.self),
                    kpiPatterns: try await documents("kpi_patterns", order: "position", as: KPIPattern.self))
            }
        } catch {
            throw translated(error)
        }
    }

    public func replace(with contents: CatalogContents) async throws {
        let logger = database.logger
        do {
            try await database.withTransaction { connection in
                for table in ["kpi_patterns", "relationship_metadata", "column_metadata", "table_metadata"] {
                    try await connection.query(PostgresQuery(unsafeSQL: "DELETE FROM catalog.\(table)"), logger: logger)
                }
                for (position, table) in contents.tables.enumerated() {
                    try await connection.query("""
                        INSERT INTO catalog.table_metadata
                            (table_name, lake_uri, classification, lifecycle, metadata_text, needs_embedding, position, document)
                        VALUES (\(table.name), \(table.lakeURI), \(table.classification.rawValue), \(table.lifecycle.rawValue),
                                \(table.metadataText), \(table.needsEmbedding), \(Int32(position)), \(try JSONDocument.encode(table))::jsonb)
                        """, logger: logger)
                }
                for column in contents.columns {
                    guard contents.tables.contains(where: { $0.name == column.table }) else {
                        throw CatalogError.unknownTable(column.table)
                    }
                    try await connection.query("""
                        INSERT INTO catalog.column_metadata (table_name, column_name, position, data_type, masking_rule, document)
                        VALUES (\(column.table), \(column.name), \(Int32(column.position)), \(column.dataType), \(column.maskingRule?.rawValue),
                                \(try JSONDocument.encode(column))::jsonb)
                        """, logger: logger)
                }
                for (position, relationship) in contents.relationships.enumerated() {
                    try await connection.query("""
                        INSERT INTO catalog.relationship_metadata (position, from_table, to_table, document)
                        VALUES (\(Int32(position)), \(relationship.fromTable), \(relationship.toTable), \(try JSONDocument.encode(relationship))::jsonb)
                        """, logger: logger)
                }
                for (position, pattern) in contents.kpiPatterns.enumerated() {
                    try await connection.query("""
                        INSERT INTO catalog.kpi_patterns (kpi_id, position, document)
                        VALUES (\(pattern.id), \(Int32(position)), \(try JSONDocument.encode(pattern))::jsonb)
                        """, logger: logger)
                }
            }
        } catch {
            throw translated(error)
        }
    }

    /// Catalog errors pass through; the database's become ``SluiceCatalog/CatalogError/store(location:reason:)``.
    private func translated(_ error: any Error) -> any Error {
        switch error {
        case let error as CatalogError: error
        case is CancellationError: error
        default: CatalogError.store(location: location, reason: "\(error)")
        }
    }
}
