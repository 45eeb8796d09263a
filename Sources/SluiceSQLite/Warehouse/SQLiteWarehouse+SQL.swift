import GRDB
import SluiceCore
import SluiceProvision

/// The SQL around the warehouse's tables: names, storage classes, values, and the questions
/// about what exists that every operation asks inside its own transaction.
extension SQLiteWarehouse {
    /// The `STRICT` column type a staged column is stored as (see ``SluiceProvision/StagedColumnType``).
    static func storageClass(_ type: StagedColumnType) -> String {
        switch type {
        case .integer, .boolean: "INTEGER"
        case .real: "REAL"
        case .text, .date, .timestamp: "TEXT"
        case .blob: "BLOB"
        }
    }

    /// `"name"` with embedded quotes doubled (``SluiceCore/SQLIdentifier``'s form, without its
    /// length check: ``buildMart(_:buildName:)`` validates the names it runs).
    static func quote(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `"schema"."name"`, refusing a name no warehouse accepts (empty, NUL, over 63 bytes).
    static func qualified(_ schema: DatabaseSchema, _ name: String) throws -> String {
        do {
            return try QualifiedName(schema: schema.name, name: name).quoted
        } catch {
            throw WarehouseError(.failed, "\(schema.name).\(name) cannot be a table name: \(error)")
        }
    }

    /// Builds are named apart from marts (`dm_x__b<request>`), so that no build ever replaces one.
    static func checkBuildName(_ buildName: String, mart: String) throws {
        guard buildName != mart, !buildName.hasPrefix("sluice_") else {
            throw WarehouseError(.failed, "data_mart.\(buildName) cannot be a build name: it is the mart's own name or reserved")
        }
    }

    /// A spec literal as bound to a placeholder; SQLite has no booleans, so 1 and 0.
    static func databaseValue(_ literal: MartLiteral) -> DatabaseValue {
        switch literal {
        case let .string(text): text.databaseValue
        case let .integer(number): number.databaseValue
        case let .double(number): number.databaseValue
        case let .boolean(flag): (flag ? 1 : 0).databaseValue
        case .null: .null
        }
    }

    /// A stored value as a query returns it.
    static func queryValue(_ value: DatabaseValue) -> QueryValue {
        switch value.storage {
        case .null: .null
        case let .int64(number): .integer(number)
        case let .double(number): .real(number)
        case let .string(text): .text(text)
        case let .blob(data): .blob(Array(data))
        }
    }

    /// Tables of a schema, without SQLite's and Sluice's own (`sluice_migrations`, `sluice_grants`).
    static func tables(in schema: DatabaseSchema, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT name FROM \(schema.quotedName).sqlite_master
            WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'sluice\\_%' ESCAPE '\\'
            ORDER BY name
            """)
    }

    static func tableExists(_ name: String, in schema: DatabaseSchema, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM \(schema.quotedName).sqlite_master WHERE type = 'table' AND name = ?",
                          arguments: [name]) ?? false
    }

    static func isPublished(_ name: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM governance.data_mart_registry WHERE name = ? AND is_current = 1",
                          arguments: [name]) ?? false
    }

    /// The registered name of a published mart given as `dm_x` or `x`.
    static func resolvePublished(_ name: String, _ db: Database) throws -> String {
        for candidate in [name, "dm_" + name] where try isPublished(candidate, db) {
            return candidate
        }
        let marts = try String.fetchAll(db, sql: "SELECT name FROM governance.data_mart_registry WHERE is_current = 1 ORDER BY name")
        throw WarehouseError(.noSuchMart, "no published mart \(name) in data_mart; the marts are: \(marts.isEmpty ? "none" : marts.joined(separator: ", "))")
    }
}
