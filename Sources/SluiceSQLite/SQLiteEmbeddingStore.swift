import SluiceSearch

/// CONTRACT — owned by the SQLite helper; replace this body entirely.
public final class SQLiteEmbeddingStore: EmbeddingStore {
    public let database: SluiceDatabase
    public let location: String

    /// Requires ``DatabaseSchema/catalog`` attached.
    public init(database: SluiceDatabase) throws {
        fatalError("contract")
    }

    public func embeddings(for model: EmbeddingModel) async throws -> [StoredEmbedding] { fatalError("contract") }
    public func storedModels() async throws -> [EmbeddingModel: Int] { fatalError("contract") }
    public func upsert(_ embeddings: [StoredEmbedding]) async throws { fatalError("contract") }
    public func removeEmbeddings(for model: EmbeddingModel, except items: Set<CatalogItemID>) async throws -> Int { fatalError("contract") }
}
