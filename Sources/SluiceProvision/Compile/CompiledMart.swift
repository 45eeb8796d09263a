import SluiceCatalog
import SluiceGovernance

/// A mart spec compiled for one requester and one warehouse: everything the executor
/// needs, with every policy decision already taken.
public struct CompiledMart: Sendable {
    public var spec: MartSpec
    public var requester: Requester
    /// The published table's name in the `data_mart` schema: `dm_<spec name>`.
    public var tableName: String
    /// Classification, grants and PII handling.
    public var decision: AccessDecision
    /// What to stage from the lake: each source table with only the columns the statement reads.
    public var staging: [StagingTable]
    /// The `SELECT` that computes the mart from the staging tables (schema-qualified
    /// `"lake"."<staged name>"`), with ``parameters`` as numbered placeholders (`?1`, `?2`, …
    /// in SQLite; one may appear more than once).
    public var selectSQL: String
    /// The values of the placeholders, the first for `?1`: bind them as a positional list.
    public var parameters: [MartLiteral]
    /// The mart's columns in order, with their lineage.
    public var outputColumns: [OutputColumn]
    /// Output column → the masking function it went through (empty for a privileged reader).
    public var masking: [String: MaskingRule]
    /// Output column lists to index: the spec's, plus the dimensions when there are measures.
    public var indexes: [[String]]
    /// Rewrites made for the policy, in words: "clients.short_name is PII (person_name):
    /// masked with mask_name in dimension short_name, for bi_analyst".
    public var policyNotes: [String]
    /// Whether the statement calls the keyed `hash` pseudonym (the warehouse then needs the key).
    public var needsPseudonymKey: Bool
    public var dialect: String

    public init(spec: MartSpec, requester: Requester, tableName: String, decision: AccessDecision, staging: [StagingTable],
                selectSQL: String, parameters: [MartLiteral], outputColumns: [OutputColumn], masking: [String: MaskingRule],
                indexes: [[String]], policyNotes: [String], needsPseudonymKey: Bool, dialect: String) {
        self.spec = spec
        self.requester = requester
        self.tableName = tableName
        self.decision = decision
        self.staging = staging
        self.selectSQL = selectSQL
        self.parameters = parameters
        self.outputColumns = outputColumns
        self.masking = masking
        self.indexes = indexes
        self.policyNotes = policyNotes
        self.needsPseudonymKey = needsPseudonymKey
        self.dialect = dialect
    }
}

/// One lake table to copy into the `lake` staging schema.
public struct StagingTable: Sendable, Equatable {
    /// The catalog table.
    public var sourceTable: String
    /// The staging table's name inside the `lake` schema (unqualified, unique per request).
    public var stagedName: String
    /// Only the columns the statement reads, in the table's schema order.
    public var columns: [StagedColumn]
    /// The catalog's lake location of the table (``SluiceCatalog/TableMetadata/lakeURI``)
    /// and the objects it was scanned from; partition key values come from the keys.
    public var lakeURI: String
    public var objects: [LakeObjectRef]
    public var partitionKeys: [String]
    public var contentHash: String

    public init(sourceTable: String, stagedName: String, columns: [StagedColumn], lakeURI: String,
                objects: [LakeObjectRef], partitionKeys: [String], contentHash: String) {
        self.sourceTable = sourceTable
        self.stagedName = stagedName
        self.columns = columns
        self.lakeURI = lakeURI
        self.objects = objects
        self.partitionKeys = partitionKeys
        self.contentHash = contentHash
    }
}

public struct StagedColumn: Sendable, Equatable {
    public var name: String
    public var type: StagedColumnType
    /// The catalog's type description (`int32`, `timestamp(micros, UTC)`).
    public var catalogType: String

    public init(name: String, type: StagedColumnType, catalogType: String) {
        self.name = name
        self.type = type
        self.catalogType = catalogType
    }
}

/// One column of the mart.
public struct OutputColumn: Sendable, Equatable {
    public var name: String
    /// The storage type of the value as computed (after masking: masked text is `text`).
    public var type: StagedColumnType
    public var lineage: ColumnLineage

    public init(name: String, type: StagedColumnType, lineage: ColumnLineage) {
        self.name = name
        self.type = type
        self.lineage = lineage
    }
}
