/// Which evidence retrieval ranks by: both (the default), or one alone for comparison.
public enum RetrievalMode: String, Sendable, Codable, CaseIterable {
    /// Vector similarity and BM25 fused.
    case hybrid
    /// Vector similarity only (the embedder's meaning).
    case vector
    /// BM25 only (the exact words); needs no embedder.
    case lexical
}

/// How many items of each kind retrieval returns and how good they must be.
///
/// The defaults are the reference lab's: 15 tables, 30 columns, 10 relationships and 5 KPI
/// patterns; an item passes when its score reaches ``threshold`` (0.40), a relationship
/// when it reaches ``relationshipThresholdFactor`` × ``threshold`` (0.32), since a join
/// is rarely named in a question and is mostly reached through the tables it connects.
public struct RetrievalOptions: Sendable, Codable, Equatable {
    public var mode: RetrievalMode
    public var topTables: Int
    public var topColumns: Int
    public var topRelationships: Int
    public var topKPIs: Int
    /// Minimum score, 0…1, for tables, columns and KPI patterns.
    public var threshold: Double
    /// Relationships pass at this fraction of ``threshold``.
    public var relationshipThresholdFactor: Double

    public init(mode: RetrievalMode = .hybrid, topTables: Int = 15, topColumns: Int = 30, topRelationships: Int = 10,
                topKPIs: Int = 5, threshold: Double = 0.40, relationshipThresholdFactor: Double = 0.8) {
        self.mode = mode
        self.topTables = topTables
        self.topColumns = topColumns
        self.topRelationships = topRelationships
        self.topKPIs = topKPIs
        self.threshold = threshold
        self.relationshipThresholdFactor = relationshipThresholdFactor
    }

    public static let `default` = RetrievalOptions()

    /// The threshold relationships are held to.
    public var relationshipThreshold: Double { threshold * relationshipThresholdFactor }
}
