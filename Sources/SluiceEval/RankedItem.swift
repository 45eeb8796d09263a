/// One result a search returned (a table or a column) with the score it ranked by.
public struct RankedItem: Sendable, Equatable {
    /// Table id, or `table.column` for a column; matched against golden-set keys.
    public var id: String
    /// Higher is better. Only the order matters, and ties are broken by
    /// ``IRMetrics/ranking(_:)`` exactly as trec_eval breaks them.
    public var score: Double

    public init(id: String, score: Double) {
        self.id = id
        self.score = score
    }
}
