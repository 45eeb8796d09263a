import SluiceCatalog
import SluiceSearch

/// Nearest-neighbour search run in PostgreSQL (pgvector's `<=>` over the index of
/// ``PostgresEmbeddingStore``), for ``SluiceSearch/CatalogSearchEngine``.
public final class PostgresVectorSearch: StoredVectorSearch {
    public let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func cosines(to query: [Float], model: EmbeddingModel, kind: CatalogItemKind, items: Set<String>?,
                        limit: Int) async throws -> [String: Double] { fatalError("contract") }
}
