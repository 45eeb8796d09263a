import Foundation

/// One stored vector: which item, which model made it, from which text.
public struct StoredEmbedding: Sendable, Equatable {
    public var item: CatalogItemID
    public var model: EmbeddingModel
    /// ``CatalogDocument/textHash`` of the text that was embedded.
    public var textHash: String
    public var vector: [Float]
    public var embeddedAt: Date

    public init(item: CatalogItemID, model: EmbeddingModel, textHash: String, vector: [Float], embeddedAt: Date) {
        self.item = item
        self.model = model
        self.textHash = textHash
        self.vector = vector
        self.embeddedAt = embeddedAt
    }
}

/// Where vectors are kept (`catalog.embeddings`), keyed by item and model.
///
/// Vectors of different models live side by side (switching back to a model does not
/// re-embed), but every read is for one model, so they never mix in an index.
public protocol EmbeddingStore: Sendable {
    /// A description for messages: the file path or database URL without password.
    var location: String { get }

    /// Every vector `model` (id and version) made, sorted by item.
    func embeddings(for model: EmbeddingModel) async throws -> [StoredEmbedding]

    /// The models with stored vectors and how many each has.
    func storedModels() async throws -> [EmbeddingModel: Int]

    /// Writes `embeddings` in one transaction, replacing earlier vectors of the same item
    /// and model. A table whose current `metadata_text` hashes to the stored `textHash`
    /// gets its catalog `needs_embedding` flag cleared in the same transaction.
    ///
    /// - Throws: ``EmbeddingError/dimensionMismatch(item:expected:found:)`` (nothing written)
    ///   when a vector's length differs from its model's dimension.
    func upsert(_ embeddings: [StoredEmbedding]) async throws

    /// Deletes `model`'s vectors of items not in `items` (items gone from the catalog);
    /// returns how many were deleted.
    @discardableResult
    func removeEmbeddings(for model: EmbeddingModel, except items: Set<CatalogItemID>) async throws -> Int
}
