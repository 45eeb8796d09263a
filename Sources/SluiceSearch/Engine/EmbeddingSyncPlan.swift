/// What bringing one model's stored vectors up to date with the catalog takes.
///
/// Every searchable item (``CatalogDocument``) falls in exactly one group:
///
/// - **stale**: a vector of this model exists but was made from other text (its
///   ``StoredEmbedding/textHash`` differs from the document's), or the catalog flagged the
///   item `needs_embedding` since. Stale vectors still score the item's *old* meaning, so
///   they are the most urgent and are embedded first.
/// - **missing**: no vector of this model at all: a new table, or every item after the
///   embedding model changed.
/// - **unchanged**: the vector matches the current text.
///
/// Vectors of the model whose item is no longer searchable (the table was removed from the
/// lake, a relationship rejected) are ``obsolete``.
///
/// ```swift
/// let plan = EmbeddingSyncPlan(documents: CatalogDocument.documents(from: contents),
///                              stored: try await store.embeddings(for: embedder.model),
///                              model: embedder.model)
/// plan.stale.map(\.id)     // [table:orders] after the orders description changed
/// ```
public struct EmbeddingSyncPlan: Sendable, Equatable {
    /// Items to embed first, sorted by id.
    public var stale: [CatalogDocument]
    /// Items to embed after the stale ones, sorted by id.
    public var missing: [CatalogDocument]
    public var unchanged: Int
    /// Stored vectors of `model` whose item is not searchable any more.
    public var obsolete: Int

    /// Sorts `documents` into the groups against `stored`. Vectors in `stored` of any other
    /// model than `model` (id, version and dimension) are ignored: a store that keys vectors
    /// by id and version alone may hand back another dimension's, and those never count as
    /// this model's.
    public init(documents: [CatalogDocument], stored: [StoredEmbedding], model: EmbeddingModel) {
        var hashes: [CatalogItemID: String] = [:]
        for embedding in stored where embedding.model == model {
            hashes[embedding.item] = embedding.textHash
        }
        var stale: [CatalogDocument] = []
        var missing: [CatalogDocument] = []
        var unchanged = 0
        for document in documents.sorted(by: { $0.id < $1.id }) {
            switch hashes[document.id] {
            case nil: missing.append(document)
            case document.textHash? where !document.needsEmbedding: unchanged += 1
            default: stale.append(document)
            }
        }
        let searchable = Set(documents.map(\.id))
        self.stale = stale
        self.missing = missing
        self.unchanged = unchanged
        obsolete = hashes.keys.filter { !searchable.contains($0) }.count
    }

    /// Stale items, then missing ones: the order they are embedded in.
    public var toEmbed: [CatalogDocument] { stale + missing }

    /// Whether the stored vectors already match the catalog exactly.
    public var isCurrent: Bool { stale.isEmpty && missing.isEmpty && obsolete == 0 }
}
