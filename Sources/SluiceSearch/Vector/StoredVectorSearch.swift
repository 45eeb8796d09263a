import SluiceCatalog

/// Nearest-neighbour search run where the vectors are stored (PostgreSQL's pgvector) instead
/// of in an index built in memory. ``CatalogSearchEngine`` given one asks it for the cosine
/// similarities retrieval needs, and otherwise ranks exactly as it does with its own index.
public protocol StoredVectorSearch: Sendable {
    /// Cosine similarity to `query` of the items of `kind` among `model`'s stored vectors,
    /// restricted to `items` (item keys) when given: every such item when there are at most
    /// `exactUpTo`, as the embedded exact index does, else the `limit` nearest
    /// (approximately, through the database's index).
    func cosines(to query: [Float], model: EmbeddingModel, kind: CatalogItemKind, items: Set<String>?,
                 limit: Int, exactUpTo: Int) async throws -> [String: Double]
}
