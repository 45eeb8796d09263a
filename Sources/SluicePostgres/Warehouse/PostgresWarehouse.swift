import Parquet
import SluiceCore
import SluiceGovernance
import SluiceProvision

/// The warehouse of the server backend: `lake` staging loaded by COPY, `data_mart` marts
/// granted to real roles, `governance` audit and registry.
public final class PostgresWarehouse: Warehouse {
    public let database: PostgresDatabase
    public let dialect: any SQLDialect = PostgreSQLDialect()
    public let auditLog: any AuditLog
    public let registry: any MartRegistry

    public init(database: PostgresDatabase, pseudonymKey: PseudonymKey?) {
        self.database = database
        auditLog = PostgresAuditLog(database: database)
        registry = PostgresMartRegistry(database: database)
        _ = pseudonymKey
    }

    public func createStagingTable(_ table: StagingTable) async throws { fatalError("contract") }
    public func appendStaging(_ table: StagingTable, batch: RecordBatch) async throws -> Int { fatalError("contract") }
    public func dropStaging(_ tables: [StagingTable]) async throws { fatalError("contract") }
    public func buildStatements(_ compiled: CompiledMart, buildName: String) -> [String] { fatalError("contract") }
    public func buildMart(_ compiled: CompiledMart, buildName: String) async throws -> Int { fatalError("contract") }
    public func dropBuild(_ buildName: String) async throws { fatalError("contract") }
    public func publish(buildName: String, registration: MartRegistration) async throws -> [String] { fatalError("contract") }
    public func dropMart(_ name: String) async throws { fatalError("contract") }
    public func query(_ sql: String, as role: Role, rowLimit: Int) async throws -> QueryResult { fatalError("contract") }
    public func sample(mart name: String, limit: Int) async throws -> QueryResult { fatalError("contract") }
    public func stagingTables() async throws -> [String] { fatalError("contract") }
    public func martTables() async throws -> [String] { fatalError("contract") }
}

/// `governance.provisioning_audit` in PostgreSQL.
public final class PostgresAuditLog: AuditLog {
    public let database: PostgresDatabase
    public init(database: PostgresDatabase) { self.database = database }
    @discardableResult
    public func append(_ record: AuditRecord) async throws -> AuditEntry { fatalError("contract") }
    public func entries() async throws -> [AuditEntry] { fatalError("contract") }
    public func verify() async throws -> AuditChain.Verification { fatalError("contract") }
}

/// `governance.data_mart_registry` and lineage in PostgreSQL.
public final class PostgresMartRegistry: MartRegistry {
    public let database: PostgresDatabase
    public init(database: PostgresDatabase) { self.database = database }
    public func currentMarts() async throws -> [MartRegistration] { fatalError("contract") }
    public func versions(of name: String) async throws -> [MartRegistration] { fatalError("contract") }
    public func nextVersion(of name: String) async throws -> Int { fatalError("contract") }
}
