import SluiceGovernance

/// One column of a cataloged table: schema, statistics, PII verdict, masking rule,
/// semantic domain and descriptions.
public struct ColumnMetadata: Sendable, Codable, Equatable {
    public var table: String
    public var name: String
    /// 0-based position in the table's schema.
    public var position: Int
    /// The ``SluiceCore/DataType`` description: `int32`, `string`, `timestamp(micros, UTC)`, …
    public var dataType: String
    public var isNullable: Bool
    /// True for a partition key taken from `key=value` folder names.
    public var isPartitionKey: Bool
    public var profile: ColumnProfile
    public var pii: PIIVerdict
    /// Set while the column counts as PII (``PIIVerdict/effectiveIsPII``).
    public var maskingRule: MaskingRule?
    public var domain: SemanticDomain
    /// Distinct-value hashes for relationship inference; `nil` for PII columns and types no key has.
    public var keySketch: KeySketch?
    public var detailBI: String?
    public var detailAgent: String
    public var metadataText: String

    public init(table: String, name: String, position: Int, dataType: String, isNullable: Bool, isPartitionKey: Bool = false,
                profile: ColumnProfile, pii: PIIVerdict = .notPII, maskingRule: MaskingRule? = nil,
                domain: SemanticDomain = .unknown, keySketch: KeySketch? = nil, detailBI: String? = nil,
                detailAgent: String = "", metadataText: String = "") {
        self.table = table
        self.name = name
        self.position = position
        self.dataType = dataType
        self.isNullable = isNullable
        self.isPartitionKey = isPartitionKey
        self.profile = profile
        self.pii = pii
        self.maskingRule = maskingRule
        self.domain = domain
        self.keySketch = keySketch
        self.detailBI = detailBI
        self.detailAgent = detailAgent
        self.metadataText = metadataText
    }

    /// `table.column`, as commands and annotations name a column.
    public var qualifiedName: String { "\(table).\(name)" }
}
