/// One retrieved item with its score and the evidence behind it.
public struct ScoredItem: Sendable, Codable, Equatable {
    public var id: CatalogItemID
    /// The score it ranks and is thresholded by, 0…1.
    public var score: Double
    /// Cosine similarity of the question and the item's vector; `nil` in lexical mode.
    public var vectorScore: Double?
    /// BM25 score normalized to 0…1 for the question; `nil` in vector mode.
    public var lexicalScore: Double?
    /// Human-readable reasons: matched words, the columns or KPI pattern that lifted a table.
    public var evidence: [String]

    public init(id: CatalogItemID, score: Double, vectorScore: Double? = nil, lexicalScore: Double? = nil, evidence: [String] = []) {
        self.id = id
        self.score = score
        self.vectorScore = vectorScore
        self.lexicalScore = lexicalScore
        self.evidence = evidence
    }
}

/// What retrieval found for one question: per kind, the items that passed the threshold,
/// best first (ties by key), at most the configured top-k.
public struct RetrievalResult: Sendable, Codable, Equatable {
    public var tables: [ScoredItem]
    public var columns: [ScoredItem]
    public var relationships: [ScoredItem]
    public var kpis: [ScoredItem]
    /// The best few tables and KPI patterns that did not pass (at most 3, best first), so a
    /// question nothing answers can say how close the catalog came.
    public var belowThreshold: [ScoredItem]

    public init(tables: [ScoredItem] = [], columns: [ScoredItem] = [], relationships: [ScoredItem] = [], kpis: [ScoredItem] = [],
                belowThreshold: [ScoredItem] = []) {
        self.tables = tables
        self.columns = columns
        self.relationships = relationships
        self.kpis = kpis
        self.belowThreshold = belowThreshold
    }

    /// Whether nothing at all passed the threshold.
    public var isEmpty: Bool { tables.isEmpty && columns.isEmpty && relationships.isEmpty && kpis.isEmpty }
}
