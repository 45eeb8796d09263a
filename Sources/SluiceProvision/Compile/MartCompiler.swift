import SluiceCatalog
import SluiceGovernance

/// Compiles a mart spec for a requester under a policy into SQL for one dialect, masking
/// or refusing every path by which a PII value could reach a reader without the PII
/// privilege.
///
/// The rule is applied where a value enters the statement, not where it leaves: every
/// reference to a PII column (``SluiceCatalog/ColumnMetadata/maskingRule`` set) in an output
/// column, transform argument, group key, aggregate argument, filter, row policy or sort key
/// is replaced by its masked form, so whatever is computed from it (an alias, a concat, a
/// lower, a min or max, a comparison) only ever sees the masked value. Join conditions
/// compare source values inside the warehouse and never reach the output; a join on a PII
/// column is allowed only when its mask is the keyed `hash` (equal values stay equal) and is
/// refused otherwise. A PII column without a masking rule is masked with `null`.
///
/// ```swift
/// let compiler = MartCompiler(dialect: SQLiteDialect(), pseudonymKeyAvailable: false)
/// let compiled = try compiler.compile(spec, catalog: contents,
///                                     requester: Requester(user: "maria.chen", role: .biAnalyst),
///                                     stagingPrefix: "r3f9a2c")
/// compiled.selectSQL      // SELECT "i"."sector" AS "sector", mask_name("c"."short_name") …
/// ```
public struct MartCompiler: Sendable {
    public var policy: AccessPolicy
    public var dialect: any SQLDialect
    /// Whether the deployment has a pseudonym key; without one a plan that needs `hash` is refused.
    public var pseudonymKeyAvailable: Bool

    public init(policy: AccessPolicy = .standard, dialect: any SQLDialect, pseudonymKeyAvailable: Bool) {
        self.policy = policy
        self.dialect = dialect
        self.pseudonymKeyAvailable = pseudonymKeyAvailable
    }

    /// Resolves `spec` against `catalog`, decides access, rewrites for PII and writes the SQL.
    ///
    /// Staging tables are named `<stagingPrefix>_<n>_<table>` (cut to 63 bytes) in the `lake`
    /// schema; `stagingPrefix` is unique per request (letters and digits).
    ///
    /// - Throws: ``MartSpecError`` when the spec does not resolve; ``ProvisionRefusal`` when
    ///   the policy refuses (classification first, then PII exposure, then a missing key).
    public func compile(_ spec: MartSpec, catalog: CatalogContents, requester: Requester, stagingPrefix: String) throws -> CompiledMart {
        fatalError("contract")
    }
}
