import Foundation
import NIOCore
import PostgresNIO
import SluiceCore
import SluiceGovernance
import SluiceProvision

/// The warehouse of the server backend: `lake` staging loaded by `COPY`, marts in
/// `data_mart` granted to real PostgreSQL roles, the audit and the registry in `governance`.
///
/// ```swift
/// let database = try await PostgresDatabase.connect(location)
/// _ = try await PostgresRoles.initialize(database: database, passwords: passwords)   // once, as an administrator
/// let warehouse = PostgresWarehouse(database: database, pseudonymKey: key)
/// let outcome = try await ProvisionExecutor(warehouse: warehouse, …).provision(request)
/// ```
///
/// What readers meet is PostgreSQL's own privileges: ``publish(buildName:registration:)``
/// revokes everything from `PUBLIC` and every reader role and grants `SELECT` to exactly the
/// registration's roles, in the transaction that renames the build into place; `lake` and
/// builds are never granted. ``query(_:as:rowLimit:)`` runs as the role itself
/// (`SET LOCAL ROLE`) in a read-only transaction, so the grants decide, not Sluice.
///
/// Every method that changes something is one transaction. Staging tables are UNLOGGED
/// (they hold copies of lake data for the length of a request); marts are ordinary tables.
public final class PostgresWarehouse: Warehouse {
    public let database: PostgresDatabase
    public let dialect: any SQLDialect = PostgreSQLDialect()
    public let auditLog: any AuditLog
    public let registry: any MartRegistry
    /// Held as text only to hand to the build transaction (`set_config(…, true)`).
    private let pseudonymSecret: String?

    /// COPY data goes to the server in pieces of about this many bytes.
    static let copyChunkBytes = 4 << 20

    public init(database: PostgresDatabase, pseudonymKey: PseudonymKey?) {
        self.database = database
        auditLog = PostgresAuditLog(database: database)
        registry = PostgresMartRegistry(database: database)
        pseudonymSecret = pseudonymKey?.secretText
    }

    var logger: Logger { database.logger }

    // MARK: Staging

    public func createStagingTable(_ table: StagingTable) async throws {
        let name = PostgresSQL.qualified("lake", table.stagedName)
        guard !table.columns.isEmpty else {
            throw WarehouseError(.failed, "lake.\(table.stagedName) (\(table.sourceTable)) has no column to stage; stage at least one, even for a row count")
        }
        let definition = table.columns.map { "\(PostgresSQL.quote($0.name)) \(CopyTextEncoder.sqlType(of: $0.type))" }.joined(separator: ", ")
        try await write("create staging table lake.\(table.stagedName)") { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "DROP TABLE IF EXISTS \(name)"), logger: self.logger)
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE UNLOGGED TABLE \(name) (\(definition))"), logger: self.logger)
        }
    }

    public func appendStaging(_ table: StagingTable, batch: RecordBatch) async throws -> Int {
        let batchNames = batch.columns.map(\.field.name)
        guard batchNames == table.columns.map(\.name) else {
            throw WarehouseError(.failed, "lake.\(table.stagedName): the batch has columns \(batchNames.joined(separator: ", ")), the staging table \(table.columns.map(\.name).joined(separator: ", "))")
        }
        let encoder = CopyTextEncoder(table: "lake.\(table.stagedName) (\(table.sourceTable))", columns: table.columns)
        var buffer = ByteBuffer()
        // Encoded whole before COPY starts, so a value that cannot be staged sends nothing.
        let rows = try encoder.encode(batch, into: &buffer)
        try await write("stage into lake.\(table.stagedName)") { connection in
            try await connection.query("SET LOCAL search_path TO lake", logger: self.logger)
            try await connection.copyFrom(table: table.stagedName, columns: table.columns.map(\.name), logger: self.logger) { writer in
                while buffer.readableBytes > 0 {
                    try await writer.write(buffer.readSlice(length: min(Self.copyChunkBytes, buffer.readableBytes))!)
                }
            }
        }
        return rows
    }

    public func dropStaging(_ tables: [StagingTable]) async throws {
        guard !tables.isEmpty else { return }
        try await write("drop staging tables \(tables.map { "lake." + $0.stagedName }.joined(separator: ", "))") { connection in
            for table in tables {
                try await connection.query(PostgresQuery(unsafeSQL: "DROP TABLE IF EXISTS \(PostgresSQL.qualified("lake", table.stagedName))"),
                                           logger: self.logger)
            }
        }
    }

    // MARK: Building and publishing

    public func buildStatements(_ compiled: CompiledMart, buildName: String) -> [String] {
        let table = PostgresSQL.qualified("data_mart", buildName)
        return ["CREATE TABLE \(table) AS \(compiled.selectSQL)"] + compiled.indexes.enumerated().map { number, columns in
            "CREATE INDEX \(PostgresSQL.quote("\(buildName)_ix\(number + 1)")) ON \(table) (\(columns.map(PostgresSQL.quote).joined(separator: ", ")))"
        }
    }

    public func buildMart(_ compiled: CompiledMart, buildName: String) async throws -> Int {
        guard buildName != compiled.tableName, !buildName.hasPrefix("sluice_") else {
            throw WarehouseError(.failed, "data_mart.\(buildName) cannot be a build name: it is the mart's own name or reserved")
        }
        let statements = buildStatements(compiled, buildName: buildName)
        let binds = try PostgresParameters.bindings(compiled.parameters)
        let secret = pseudonymSecret
        return try await write("build data_mart.\(buildName)") { connection in
            guard try await !PostgresCatalogQueries.isPublished(buildName, connection, logger: self.logger) else {
                throw WarehouseError(.failed, "data_mart.\(buildName) is a published mart and cannot be a build name")
            }
            if let secret {
                // For this transaction only: governance.mask_hash reads it; it is never in SQL text or a table.
                _ = try await connection.query("SELECT set_config('sluice.pseudonym_key', \(secret), true)", logger: self.logger).collect()
            }
            try await connection.query(PostgresQuery(unsafeSQL: "DROP TABLE IF EXISTS \(PostgresSQL.qualified("data_mart", buildName))"),
                                       logger: self.logger)
            try await connection.query(PostgresQuery(unsafeSQL: statements[0], binds: binds), logger: self.logger)
            for statement in statements.dropFirst() {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: self.logger)
            }
            // Nobody reads a build: not even the roles that will read the mart.
            try await connection.query(PostgresQuery(unsafeSQL: "REVOKE ALL ON \(PostgresSQL.qualified("data_mart", buildName)) FROM PUBLIC"),
                                       logger: self.logger)
            let rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(PostgresSQL.qualified("data_mart", buildName))"),
                                                  logger: self.logger)
            var count = 0
            for try await value in rows.decode(Int.self) { count = value }
            return count
        }
    }

    public func dropBuild(_ buildName: String) async throws {
        try await write("drop build data_mart.\(buildName)") { connection in
            guard try await !PostgresCatalogQueries.isPublished(buildName, connection, logger: self.logger) else {
                throw WarehouseError(.failed, "data_mart.\(buildName) is a published mart, not a build; drop it with dropMart")
            }
            try await connection.query(PostgresQuery(unsafeSQL: "DROP TABLE IF EXISTS \(PostgresSQL.qualified("data_mart", buildName))"),
                                       logger: self.logger)
        }
    }

    public func publish(buildName: String, registration: MartRegistration) async throws -> [String] {
        guard buildName != registration.name else {
            throw WarehouseError(.failed, "the build of data_mart.\(registration.name) must have a name of its own to be published")
        }
        let mart = PostgresSQL.qualified("data_mart", registration.name)
        let rowPolicy = RowPolicyRLS(registration: registration)
        try await write("publish data_mart.\(registration.name) version \(registration.version)") { connection in
            // One publisher per mart name at a time; others wait here, then see the new version.
            _ = try await connection.query("SELECT pg_advisory_xact_lock(hashtext('sluice_publish:' || \(registration.name)))",
                                           logger: self.logger).collect()
            guard try await PostgresCatalogQueries.tableExists(buildName, schema: "data_mart", connection, logger: self.logger) else {
                throw WarehouseError(.noSuchMart, "data_mart.\(buildName) does not exist: build the mart before publishing it")
            }
            let next = try await PostgresMartRegistry.nextVersion(of: registration.name, connection, logger: self.logger)
            guard registration.version == next else {
                throw WarehouseError(.failed, "data_mart.\(registration.name) version \(registration.version) cannot be published: the next version is \(next)")
            }
            try await connection.query(PostgresQuery(unsafeSQL: "DROP TABLE IF EXISTS \(mart)"), logger: self.logger)
            try await connection.query(PostgresQuery(unsafeSQL: """
                ALTER TABLE \(PostgresSQL.qualified("data_mart", buildName)) RENAME TO \(PostgresSQL.quote(registration.name))
                """), logger: self.logger)
            try await MartGrants.apply(to: registration.name, grants: registration.grants, rowPolicy: rowPolicy,
                                       connection, logger: self.logger)
            try await connection.query("""
                UPDATE governance.data_mart_registry SET is_current = false WHERE name = \(registration.name) AND is_current
                """, logger: self.logger)
            try await PostgresMartRegistry.insert(registration, connection, logger: self.logger)
        }
        return registration.grants.map { "\($0.rawValue): SELECT on data_mart.\(registration.name)" }
            + (rowPolicy.map { ["row-level security on data_mart.\(registration.name): \($0.description)"] } ?? [])
    }

    public func dropMart(_ name: String) async throws {
        try await write("drop mart \(name)") { connection in
            let published = try await PostgresCatalogQueries.resolvePublished(name, connection, logger: self.logger)
            try await connection.query(PostgresQuery(unsafeSQL: "DROP TABLE IF EXISTS \(PostgresSQL.qualified("data_mart", published))"),
                                       logger: self.logger)
            try await connection.query("""
                UPDATE governance.data_mart_registry SET is_current = false, dropped_at = now() WHERE name = \(published) AND is_current
                """, logger: self.logger)
        }
    }

    // MARK: Reading

    public func query(_ sql: String, as role: Role, rowLimit: Int) async throws -> QueryResult {
        try ReadOnlyStatement.check(sql)
        // The administrator is not a reader (governance.md), and in PostgreSQL it may be the
        // superuser: it never queries marts through the gate.
        guard PostgresRoles.names.contains(role.rawValue) else {
            throw WarehouseError(.notGranted, "\(role.rawValue) reads no data: no mart is granted to it")
        }
        guard rowLimit >= 0 else { throw WarehouseError(.failed, "the row limit is \(rowLimit); give 0 or more") }
        do {
            return try await database.client.withConnection { connection in
                try await connection.query("BEGIN READ ONLY", logger: self.logger)
                do {
                    try await connection.query(PostgresQuery(unsafeSQL: "SET LOCAL ROLE \(PostgresSQL.quote(role.rawValue))"), logger: self.logger)
                    let result = try await QueryRows.read(connection.query(PostgresQuery(unsafeSQL: sql), logger: self.logger), limit: rowLimit)
                    try await connection.query("ROLLBACK", logger: self.logger)
                    return result
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: self.logger)
                    throw error
                }
            }
        } catch {
            throw QueryErrors.translate(error, role: role, database: database)
        }
    }

    public func sample(mart name: String, limit: Int) async throws -> QueryResult {
        guard limit >= 0 else { throw WarehouseError(.failed, "the sample limit is \(limit); give 0 or more") }
        return try await write("sample \(name)") { connection in
            let published = try await PostgresCatalogQueries.resolvePublished(name, connection, logger: self.logger)
            return try await QueryRows.read(connection.query(PostgresQuery(
                unsafeSQL: "SELECT * FROM \(PostgresSQL.qualified("data_mart", published)) LIMIT \(limit + 1)"), logger: self.logger), limit: limit)
        }
    }

    public func stagingTables() async throws -> [String] {
        try await write("list lake") { connection in try await PostgresCatalogQueries.tables(in: "lake", connection, logger: self.logger) }
    }

    public func martTables() async throws -> [String] {
        try await write("list data_mart") { connection in
            try await PostgresCatalogQueries.tables(in: "data_mart", connection, logger: self.logger)
        }
    }

    // MARK: Transactions

    /// `work` in one transaction; failures other than the warehouse's own become a
    /// ``WarehouseError`` saying what was being done, on which database.
    private func write<T: Sendable>(_ action: String, _ work: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await database.withTransaction(work)
        } catch let error as WarehouseError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw WarehouseError(.failed, "\(action) failed: \(error)")
        }
    }
}
