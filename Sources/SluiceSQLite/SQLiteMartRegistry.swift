import SluiceGovernance

/// `governance.data_mart_registry` and its lineage tables (``DatabaseSchema/governance``
/// migration 2): one row per published mart version with its requester, classification,
/// grants, spec, SQL, masking and row count; `governance.mart_lineage_sources` (lake objects
/// with ETag / content hash) and `governance.mart_lineage_columns` (output column → source
/// columns, transformation, mask).
///
/// ``SQLiteWarehouse/publish(buildName:registration:)`` writes it in the transaction that
/// publishes the mart.
public final class SQLiteMartRegistry: MartRegistry {
    public let database: SluiceDatabase

    public init(database: SluiceDatabase) throws { fatalError("contract") }

    public func currentMarts() async throws -> [MartRegistration] { fatalError("contract") }
    public func versions(of name: String) async throws -> [MartRegistration] { fatalError("contract") }
    public func nextVersion(of name: String) async throws -> Int { fatalError("contract") }
}
