import SluiceCatalog
import SluiceSearch

/// Which approximate index PostgreSQL keeps on each model's vectors.
public enum PostgresVectorIndexKind: String, Sendable, CaseIterable {
    /// pgvector's HNSW (m = 16, ef_construction = 128).
    case hnsw
    /// pgvectorscale's StreamingDiskANN, for catalogs too large for HNSW in memory.
    case diskann
}

/// `catalog.embeddings` in PostgreSQL: vectors in `vector(N)` columns with an approximate index.
public final class PostgresEmbeddingStore: EmbeddingStore {
    public let database: PostgresDatabase
    public let indexKind: PostgresVectorIndexKind
    public var location: String { database.location.description }

    public init(database: PostgresDatabase, index: PostgresVectorIndexKind = .hnsw) {
        self.database = database
        indexKind = index
    }

    public func embeddings(for model: EmbeddingModel) async throws -> [StoredEmbedding] { fatalError("contract") }
    public func storedModels() async throws -> [EmbeddingModel: Int] { fatalError("contract") }
    public func upsert(_ embeddings: [StoredEmbedding]) async throws { fatalError("contract") }
    @discardableResult
    public func removeEmbeddings(for model: EmbeddingModel, except items: Set<CatalogItemID>) async throws -> Int { fatalError("contract") }
}
