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
public final class SQLiteWarehouse: Warehouse {
    public let database: SluiceDatabase

    /// Registers the masking functions on every connection (`mask_hash` only works with a key).
    ///
    /// - Throws: ``SluiceDatabaseError/invalidSchema(name:reason:)`` when `database` lacks one
    ///   of ``DatabaseSchema/warehouseSchemas``.
    public init(database: SluiceDatabase, pseudonymKey: PseudonymKey?) throws {
        fatalError("contract")
    }

    public var dialect: any SQLDialect { SQLiteDialect() }
    public var auditLog: any AuditLog { fatalError("contract") }
    public var registry: any MartRegistry { fatalError("contract") }

    public func createStagingTable(_ table: StagingTable) async throws { fatalError("contract") }
    public func appendStaging(_ table: StagingTable, batch: RecordBatch) async throws -> Int { fatalError("contract") }
    public func dropStaging(_ tables: [StagingTable]) async throws { fatalError("contract") }
    public func buildMart(_ compiled: CompiledMart, buildName: String) async throws -> Int { fatalError("contract") }
    public func dropBuild(_ buildName: String) async throws { fatalError("contract") }
    public func publish(buildName: String, registration: MartRegistration) async throws -> [String] { fatalError("contract") }
    public func dropMart(_ name: String) async throws { fatalError("contract") }
    public func query(_ sql: String, as role: Role, rowLimit: Int) async throws -> QueryResult { fatalError("contract") }
    public func sample(mart name: String, limit: Int) async throws -> QueryResult { fatalError("contract") }

    /// The tables in `lake` now (empty after every request): for tests and `sluice marts`.
    public func stagingTables() async throws -> [String] { fatalError("contract") }
    /// The tables in `data_mart` now, builds included.
    public func martTables() async throws -> [String] { fatalError("contract") }
}
