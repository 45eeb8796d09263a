import Logging
import PostgresNIO
import SluiceProvision

/// What the warehouse asks PostgreSQL's catalog and the registry about tables.
enum PostgresCatalogQueries {
    static func tables(in schema: String, _ connection: PostgresConnection, logger: Logger) async throws -> [String] {
        var names: [String] = []
        let rows = try await connection.query("""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = \(schema) AND c.relkind IN ('r', 'p', 'u') AND c.relname NOT LIKE 'sluice\\_%'
            ORDER BY c.relname
            """, logger: logger)
        for try await name in rows.decode(String.self) { names.append(name) }
        return names
    }

    static func tableExists(_ name: String, schema: String, _ connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query("""
            SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = \(schema) AND c.relname = \(name) AND c.relkind IN ('r', 'p', 'u')
            """, logger: logger)
        var count = 0
        for try await value in rows.decode(Int.self) { count = value }
        return count > 0
    }

    static func isPublished(_ name: String, _ connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query("""
            SELECT count(*) FROM governance.data_mart_registry WHERE name = \(name) AND is_current
            """, logger: logger)
        var count = 0
        for try await value in rows.decode(Int.self) { count = value }
        return count > 0
    }

    /// `name` or `dm_<name>`, whichever is a published mart.
    static func resolvePublished(_ name: String, _ connection: PostgresConnection, logger: Logger) async throws -> String {
        for candidate in [name, "dm_" + name] where try await isPublished(candidate, connection, logger: logger) {
            return candidate
        }
        var marts: [String] = []
        let rows = try await connection.query("SELECT name FROM governance.data_mart_registry WHERE is_current ORDER BY name", logger: logger)
        for try await mart in rows.decode(String.self) { marts.append(mart) }
        throw WarehouseError(.noSuchMart, "no published mart \(name) in data_mart; the marts are: \(marts.isEmpty ? "none" : marts.joined(separator: ", "))")
    }
}
