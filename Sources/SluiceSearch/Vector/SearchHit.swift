/// One result of an index search: the caller's id and how well it matched.
///
/// For vector indexes `score` is the cosine similarity between query and stored vector
/// (1 = same direction, 0 = unrelated, −1 = opposite); for ``BM25Index`` it is the BM25
/// relevance score (unbounded, higher is better). Results always come best first, and
/// equal scores are ordered by id so that the same index gives the same list every time.
public struct SearchHit: Sendable, Hashable, CustomStringConvertible {
    public let id: String
    public let score: Float

    public init(id: String, score: Float) {
        self.id = id
        self.score = score
    }

    public var description: String { "\(id) (\(score))" }

    /// Best first; ties by id, so rankings are reproducible.
    static func ranksBefore(_ a: SearchHit, _ b: SearchHit) -> Bool {
        a.score != b.score ? a.score > b.score : a.id < b.id
    }
}
