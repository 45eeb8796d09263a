import Foundation
import GRDB
import SluiceCore
import SluiceGovernance
import SluiceProvision

/// The embedded warehouse: `lake.sqlite` for staging and `data_mart.sqlite` for marts,
/// attached beside `governance.sqlite` (audit, registry, lineage) in the state folder, so
/// the compiled SQL names `lake.x` and `data_mart.dm_y` as it does on PostgreSQL.
///
/// SQLite has no roles: grants are recorded in the registry and enforced by
/// ``query(_:as:rowLimit:)``, which runs every statement under an SQLite authorizer that
/// lets it read only the marts granted to the role, in a read-only transaction. For grants
/// the database itself enforces, use the PostgreSQL backend.
///
/// ```swift
/// let database = try SluiceDatabase(directory: ".sluice", schemas: [.catalog] + DatabaseSchema.warehouseSchemas)
/// let warehouse = try SQLiteWarehouse(database: database, pseudonymKey: nil)
/// ```
///
/// Every method that changes something is one transaction of the pool's writer. A publish
/// replaces the mart and its grants in one commit of `data_mart.sqlite`, so a reader sees the
/// previous version or the new one, never neither. The registry rows are written in the same
/// transaction; SQLite commits each attached write-ahead-logged file on its own, so after a
/// crash in the middle of that commit the registry could lag the marts by one version (and
/// is brought level by the next publish of that mart), while the marts and their grants
/// always agree. Grants are enforced from the marts' file for that reason (``DatabaseSchema/dataMart``).
public final class SQLiteWarehouse: Warehouse {
    public let database: SluiceDatabase
    private let log: SQLiteAuditLog
    private let martRegistry: SQLiteMartRegistry

    /// Registers the masking functions on every connection (`mask_hash` only works with a key).
    ///
    /// - Throws: ``SluiceDatabaseError/invalidSchema(name:reason:)`` when `database` lacks one
    ///   of ``DatabaseSchema/warehouseSchemas``.
    public init(database: SluiceDatabase, pseudonymKey: PseudonymKey?) throws {
        for schema in DatabaseSchema.warehouseSchemas where !database.schemas.contains(schema) {
            throw SluiceDatabaseError.invalidSchema(
                name: schema.name, reason: "the warehouse needs it, and the database at \(database.directory) was opened without it")
        }
        self.database = database
        log = try SQLiteAuditLog(database: database)
        martRegistry = try SQLiteMartRegistry(database: database)
        do {
            try database.prepareEveryConnection("sluice.masking") { db in
                MaskingSQLFunctions.register(in: db, pseudonymKey: pseudonymKey?.key)
            }
        } catch let error as DatabaseError {
            throw SluiceDatabaseError.sqlite(file: database.directory, reason: error.message ?? "\(error)")
        }
    }

    public var dialect: any SQLDialect { SQLiteDialect() }
    public var auditLog: any AuditLog { log }
    public var registry: any MartRegistry { martRegistry }

    // MARK: Staging

    /// Creates `lake.<stagedName>` as a `STRICT` table, so a value of the wrong storage class
    /// is refused by SQLite itself.
    ///
    /// - Throws: ``SluiceProvision/WarehouseError`` when `table` has no column: a batch without
    ///   columns carries no rows, so a source read only for its row count stages one column.
    public func createStagingTable(_ table: StagingTable) async throws {
        let name = try Self.qualified(.lake, table.stagedName)
        guard !table.columns.isEmpty else {
            throw WarehouseError(.failed, "lake.\(table.stagedName) (\(table.sourceTable)) has no column to stage; stage at least one, even for a row count")
        }
        let definition = try table.columns.map { column in
            "\(try SQLIdentifier(column.name).quoted) \(Self.storageClass(column.type))"
        }.joined(separator: ", ")
        try await write("create staging table lake.\(table.stagedName)") { db in
            try db.execute(sql: "DROP TABLE IF EXISTS \(name)")
            try db.execute(sql: "CREATE TABLE \(name) (\(definition)) STRICT")
        }
    }

    /// Converts the batch (see ``StagedValues``) and inserts it with one prepared statement in
    /// one transaction.
    public func appendStaging(_ table: StagingTable, batch: RecordBatch) async throws -> Int {
        let name = try Self.qualified(.lake, table.stagedName)
        let batchNames = batch.columns.map(\.field.name)
        guard batchNames == table.columns.map(\.name) else {
            throw WarehouseError(.failed, "lake.\(table.stagedName): the batch has columns \(batchNames.joined(separator: ", ")), the staging table \(table.columns.map(\.name).joined(separator: ", "))")
        }
        let values = try zip(batch.columns, table.columns).map { column, staged in
            try StagedValues.values(of: column, as: staged, table: "lake.\(table.stagedName) (\(table.sourceTable))")
        }
        let columns = try table.columns.map { try SQLIdentifier($0.name).quoted }.joined(separator: ", ")
        let insert = "INSERT INTO \(name) (\(columns)) VALUES (\(Array(repeating: "?", count: values.count).joined(separator: ", ")))"
        let rowCount = batch.rowCount
        try await write("stage into lake.\(table.stagedName)") { db in
            let statement = try db.makeStatement(sql: insert)
            var row = [DatabaseValue](repeating: .null, count: values.count)
            for index in 0..<rowCount {
                for column in values.indices { row[column] = values[column][index] }
                // One value per placeholder by construction: no need for GRDB to check each row.
                statement.setUncheckedArguments(StatementArguments(row))
                try statement.execute()
            }
        }
        return rowCount
    }

    public func dropStaging(_ tables: [StagingTable]) async throws {
        guard !tables.isEmpty else { return }
        let names = try tables.map { try Self.qualified(.lake, $0.stagedName) }
        try await write("drop staging tables \(tables.map { "lake." + $0.stagedName }.joined(separator: ", "))") { db in
            for name in names { try db.execute(sql: "DROP TABLE IF EXISTS \(name)") }
        }
    }

    // MARK: Building and publishing

    /// `CREATE TABLE data_mart."<build>" AS <select>`, then `CREATE INDEX data_mart."<build>_ix<n>"`
    /// per index: index names carry the build name, which is unique per request, so they stay
    /// unique once the table is renamed to the mart's name.
    public func buildStatements(_ compiled: CompiledMart, buildName: String) -> [String] {
        let table = Self.quote(buildName)
        return ["CREATE TABLE data_mart.\(table) AS \(compiled.selectSQL)"] + compiled.indexes.enumerated().map { number, columns in
            "CREATE INDEX data_mart.\(Self.quote("\(buildName)_ix\(number + 1)")) ON \(table) (\(columns.map(Self.quote).joined(separator: ", ")))"
        }
    }

    /// Runs ``buildStatements(_:buildName:)`` with the parameters (booleans as 1 and 0) in
    /// one transaction, replacing a leftover build of the same name.
    public func buildMart(_ compiled: CompiledMart, buildName: String) async throws -> Int {
        let name = try Self.qualified(.dataMart, buildName)
        try Self.checkBuildName(buildName, mart: compiled.tableName)
        let statements = buildStatements(compiled, buildName: buildName)
        let arguments = StatementArguments(compiled.parameters.map(Self.databaseValue))
        return try await write("build data_mart.\(buildName)") { db in
            guard try !Self.isPublished(buildName, db) else {
                throw WarehouseError(.failed, "data_mart.\(buildName) is a published mart and cannot be a build name")
            }
            try db.execute(sql: "DROP TABLE IF EXISTS \(name)")
            try db.execute(sql: statements[0], arguments: arguments)
            for statement in statements.dropFirst() { try db.execute(sql: statement) }
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM \(name)") ?? 0
        }
    }

    /// Drops a build; refuses a name that is a published mart, so cleanup can never remove one.
    public func dropBuild(_ buildName: String) async throws {
        let name = try Self.qualified(.dataMart, buildName)
        try await write("drop build data_mart.\(buildName)") { db in
            guard try !Self.isPublished(buildName, db) else {
                throw WarehouseError(.failed, "data_mart.\(buildName) is a published mart, not a build; drop it with dropMart")
            }
            try db.execute(sql: "DROP TABLE IF EXISTS \(name)")
        }
    }

    /// In one transaction: drops the previous `data_mart.<name>`, renames the build to it,
    /// replaces its rows in `data_mart.sluice_grants`, marks earlier registry versions
    /// superseded and registers `registration` (as the current version) with its lineage.
    ///
    /// - Throws: ``WarehouseError`` when the build does not exist or the version is not
    ///   above every registered one.
    public func publish(buildName: String, registration: MartRegistration) async throws -> [String] {
        let build = try Self.qualified(.dataMart, buildName)
        let mart = try Self.qualified(.dataMart, registration.name)
        guard buildName != registration.name else {
            throw WarehouseError(.failed, "the build of data_mart.\(registration.name) must have a name of its own to be published")
        }
        try await write("publish data_mart.\(registration.name) version \(registration.version)") { db in
            guard try Self.tableExists(buildName, in: .dataMart, db) else {
                throw WarehouseError(.noSuchMart, "data_mart.\(buildName) does not exist: build the mart before publishing it")
            }
            let next = try RegistryRows.nextVersion(of: registration.name, in: db)
            guard registration.version == next else {
                throw WarehouseError(.failed, "data_mart.\(registration.name) version \(registration.version) cannot be published: the next version is \(next)")
            }
            try db.execute(sql: "DROP TABLE IF EXISTS \(mart)")
            try db.execute(sql: "ALTER TABLE \(build) RENAME TO \(try SQLIdentifier(registration.name).quoted)")
            try db.execute(sql: "DELETE FROM data_mart.sluice_grants WHERE mart = ?", arguments: [registration.name])
            for role in registration.grants {
                try db.execute(sql: "INSERT INTO data_mart.sluice_grants (mart, role) VALUES (?, ?)", arguments: [registration.name, role.rawValue])
            }
            try db.execute(sql: "UPDATE governance.data_mart_registry SET is_current = 0 WHERE name = ? AND is_current = 1",
                           arguments: [registration.name])
            try RegistryRows.insert(registration, in: db)
        }
        return registration.grants.map { "\($0.rawValue): SELECT on data_mart.\(registration.name)" }
    }

    /// Drops the published mart `name` (`dm_portfolio_exposure`, or `portfolio_exposure`) and its
    /// grants, and marks its current version dropped, in one transaction.
    ///
    /// - Throws: ``WarehouseError`` (`noSuchMart`) naming the marts there are.
    public func dropMart(_ name: String) async throws {
        let now = try RegistryRows.timestamp(Date(), field: "dropped_at")
        try await write("drop mart \(name)") { db in
            let published = try Self.resolvePublished(name, db)
            try db.execute(sql: "DROP TABLE IF EXISTS \(try Self.qualified(.dataMart, published))")
            try db.execute(sql: "DELETE FROM data_mart.sluice_grants WHERE mart = ?", arguments: [published])
            try db.execute(sql: "UPDATE governance.data_mart_registry SET is_current = 0, dropped_at = ? WHERE name = ? AND is_current = 1",
                           arguments: [now, published])
        }
    }

    // MARK: Reading

    /// See ``MartQuery`` for how the grants are enforced. The query runs on a connection of
    /// its own, off the caller's thread.
    public func query(_ sql: String, as role: Role, rowLimit: Int) async throws -> QueryResult {
        let query = MartQuery(
            mainPath: (database.directory as NSString).appendingPathComponent(SluiceDatabase.mainFileName),
            attachments: database.schemas.map { ($0.name, database.path(of: $0)) },
            busyTimeout: 30)
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try query.run(sql, as: role, rowLimit: rowLimit) })
            }
        }
    }

    /// The first `limit` rows of the published mart `name` (`dm_x` or `x`) in its stored order.
    public func sample(mart name: String, limit: Int) async throws -> QueryResult {
        guard limit >= 0 else { throw WarehouseError(.failed, "the sample limit is \(limit); give 0 or more") }
        return try await read("sample \(name)") { db in
            let published = try Self.resolvePublished(name, db)
            let statement = try db.makeStatement(sql: "SELECT * FROM \(try Self.qualified(.dataMart, published)) LIMIT ?")
            let rows = try Row.fetchAll(statement, arguments: [limit + 1])
            let values = rows.prefix(limit).map { row in Array(row.databaseValues.map(Self.queryValue)) }
            return QueryResult(columns: statement.columnNames, rows: Array(values), truncated: rows.count > limit)
        }
    }

    /// The tables in `lake` now (empty after every request): for tests and `sluice marts`.
    public func stagingTables() async throws -> [String] {
        try await read("list lake") { db in try Self.tables(in: .lake, db) }
    }

    /// The tables in `data_mart` now, builds included.
    public func martTables() async throws -> [String] {
        try await read("list data_mart") { db in try Self.tables(in: .dataMart, db) }
    }

    // MARK: Transactions

    private func write<T: Sendable>(_ action: String, _ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await database.write(work, translatingErrors: { self.translated($0, action) })
    }

    private func read<T: Sendable>(_ action: String, _ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await database.read(work, translatingErrors: { self.translated($0, action) })
    }

    /// SQLite's errors become ``WarehouseError``s that say what was being done; the warehouse's
    /// own errors and cancellation pass through.
    private func translated(_ error: any Error, _ action: String) -> any Error {
        switch error {
        case let error as DatabaseError:
            WarehouseError(.failed, "\(action): \(error.message ?? "\(error)") (state folder \(database.directory))")
        default:
            error
        }
    }
}
