import SluiceCatalog
import SluiceGovernance
import SluiceLake

/// Runs a provisioning request against a warehouse: compile → stage → build → grant
/// (publish) → cleanup, auditing every outcome.
///
/// Guarantees, on every path (success, refusal, error, task cancellation):
/// - a refusal happens in `compile`, before any data moves;
/// - staging tables are dropped, and a build table that was not published is dropped;
/// - readers see either the previous version of the mart or the new one, never a partial one
///   (the warehouse's ``Warehouse/publish(buildName:registration:)`` is one transaction);
/// - exactly one audit entry is appended (none for a dry run), with the status, the error
///   and the timings; the pseudonym key never appears in it.
///
/// Staging reads only the needed columns of each source table's objects through
/// `openLake` (the catalog's ``SluiceCatalog/TableMetadata/lakeURI`` → an object store),
/// adding partition key columns from `key=value` folder names.
public final class ProvisionExecutor: Sendable {
    public typealias LakeOpener = @Sendable (_ lakeURI: String) throws -> any ObjectStore
    public typealias Progress = @Sendable (ProvisionProgress) -> Void
    /// Called at the start of each step; throwing makes that step fail. For tests that check
    /// what a failure at each step leaves behind.
    public typealias FaultInjector = @Sendable (ProvisionStep) throws -> Void

    public init(warehouse: any Warehouse, catalog: CatalogContents, policy: AccessPolicy = .standard,
                pseudonymKeyAvailable: Bool, openLake: @escaping LakeOpener,
                progress: Progress? = nil, faultInjector: FaultInjector? = nil) {
        fatalError("contract")
    }

    /// Compiles with ``MartCompiler`` and, unless it is a dry run, provisions.
    ///
    /// - Throws: only when the outcome cannot be audited (the audit log itself fails); every
    ///   other failure is an outcome with status `failed`.
    public func provision(_ request: ProvisionRequest) async throws -> ProvisionOutcome {
        fatalError("contract")
    }
}
