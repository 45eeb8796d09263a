/// Where a relationship came from.
public enum RelationshipSource: String, Sendable, Codable {
    /// Found by inference from statistics, value containment and names.
    case inferred
    /// Declared in an annotations file.
    case annotation
}

/// A logical join: `fromTable.fromColumn` (the foreign key, many side) refers to
/// `toTable.toColumn` (a key: unique and non-null).
public struct RelationshipMetadata: Sendable, Codable, Equatable {
    public var fromTable: String
    public var fromColumn: String
    public var toTable: String
    public var toColumn: String
    /// 0…1. Inferred relationships below the configured threshold are not stored.
    public var confidence: Double
    public var source: RelationshipSource
    /// `rejected` relationships are kept so that later scans do not suggest them again.
    public var status: ReviewStatus
    /// "98% of 63 distinct values contained; name broker ~ counterparties.counterparty_type value 'broker'".
    public var evidence: String
    public var detailBI: String?
    public var metadataText: String

    public init(fromTable: String, fromColumn: String, toTable: String, toColumn: String, confidence: Double,
                source: RelationshipSource, status: ReviewStatus = .suggested, evidence: String,
                detailBI: String? = nil, metadataText: String = "") {
        self.fromTable = fromTable
        self.fromColumn = fromColumn
        self.toTable = toTable
        self.toColumn = toColumn
        self.confidence = confidence
        self.source = source
        self.status = status
        self.evidence = evidence
        self.detailBI = detailBI
        self.metadataText = metadataText
    }

    /// `orders.broker_id → counterparties.counterparty_id`.
    public var description: String { "\(fromTable).\(fromColumn) → \(toTable).\(toColumn)" }
}
