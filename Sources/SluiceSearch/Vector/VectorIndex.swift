/// A nearest-neighbour index over fixed-length embedding vectors, compared by cosine similarity.
///
/// Every vector is normalized to unit length when it is inserted (and every query when it
/// is searched), so cosine similarity is a plain dot product: that is what makes the
/// distance kernel cheap. Ids are the caller's (a table or column key in the catalog);
/// inserting an id that is already present replaces its vector.
///
/// Implementations are classes with mutable state and are not thread-safe: confine an
/// index to one task (or guard it), and give concurrent readers their own copy loaded
/// from the persisted file.
///
/// - ``ExactVectorIndex`` compares the query with every vector: exact, and fast enough for
///   catalogs of a few thousand tables and columns.
/// - ``HNSWIndex`` walks a navigable small-world graph: approximate (tunable with `efSearch`),
///   and sub-linear, for catalogs that outgrow brute force.
public protocol VectorIndex: AnyObject {
    /// The length every inserted vector and every query must have.
    var dimension: Int { get }
    /// How many ids the index currently holds (removed ones excluded).
    var count: Int { get }
    /// Whether `id` is currently in the index.
    func contains(id: String) -> Bool
    /// Adds `vector` under `id`, replacing any earlier vector for the same id.
    /// Throws ``VectorIndexError`` for a wrong length, a zero vector or a non-finite value.
    func insert(id: String, vector: [Float]) throws
    /// Removes `id`; returns whether it was present. A removed id never appears in results.
    @discardableResult func remove(id: String) -> Bool
    /// The `k` stored vectors most similar to `query`, best first, scored by cosine similarity.
    func search(_ query: [Float], k: Int) throws -> [SearchHit]
}
