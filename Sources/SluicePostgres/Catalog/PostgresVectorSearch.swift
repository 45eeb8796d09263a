import Foundation
import PostgresNIO
import SluiceCatalog
import SluiceSearch

/// Nearest-neighbour search run in PostgreSQL, for ``SluiceSearch/CatalogSearchEngine``:
/// pgvector's cosine distance `<=>` over the model's index of ``PostgresEmbeddingStore``.
///
/// Like the embedded index, a kind with at most `exactUpTo` vectors is compared exactly,
/// every vector (a sequential scan, so the ranking cannot differ from the embedded one);
/// a larger kind asks the approximate index for the `limit` nearest, with an iterative scan
/// so that the filters on kind and current items still leave `limit` rows.
public final class PostgresVectorSearch: StoredVectorSearch {
    public let database: PostgresDatabase
    /// `hnsw.ef_search` for approximate queries (at least the limit; pgvector caps it at 1000).
    public let efSearch: Int

    public init(database: PostgresDatabase, efSearch: Int = 100) {
        self.database = database
        self.efSearch = efSearch
    }

    public func cosines(to query: [Float], model: EmbeddingModel, kind: CatalogItemKind, items: Set<String>?,
                        limit: Int, exactUpTo: Int) async throws -> [String: Double] {
        guard query.count == model.dimension else {
            throw EmbeddingError.dimensionMismatch(item: "the question", expected: model.dimension, found: query.count)
        }
        let logger = database.logger
        let typed = "embedding::vector(\(model.dimension))"
        let keys = items.map { Array($0) }
        /// The rows of this model and kind (and items), with the kind and keys as parameters from `$first`.
        func filter(first: Int) -> String {
            PostgresEmbeddingStore.modelPredicate(model) + " AND item_kind = $\(first)" + (keys == nil ? "" : " AND item_key = ANY($\(first + 1))")
        }
        func binds(withQuery: Bool) -> PostgresBindings {
            var bindings = PostgresBindings()
            if withQuery { bindings.append(PostgresEmbeddingStore.text(of: query)) }
            bindings.append(kind.rawValue)
            if let keys { bindings.append(keys) }
            return bindings
        }
        return try await database.withTransaction { connection in
            var count = 0
            let counted = try await connection.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM catalog.embeddings WHERE \(filter(first: 1))",
                                                                   binds: binds(withQuery: false)), logger: logger)
            for try await value in counted.decode(Int.self) { count = value }
            let probe = "$1::vector(\(model.dimension))"
            let sql: String
            if count <= exactUpTo {
                sql = "SELECT item_key, 1 - (\(typed) <=> \(probe)) FROM catalog.embeddings WHERE \(filter(first: 2))"
            } else {
                _ = try await connection.query(PostgresQuery(unsafeSQL: "SET LOCAL hnsw.ef_search = \(min(1000, max(limit, efSearch)))"), logger: logger)
                _ = try await connection.query("SET LOCAL hnsw.iterative_scan = strict_order", logger: logger)
                sql = """
                    SELECT item_key, 1 - (\(typed) <=> \(probe)) FROM catalog.embeddings WHERE \(filter(first: 2))
                    ORDER BY \(typed) <=> \(probe) LIMIT \(limit)
                    """
            }
            var result: [String: Double] = [:]
            let rows = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds(withQuery: true)), logger: logger)
            for try await (key, similarity) in rows.decode((String, Double).self) { result[key] = similarity }
            return result
        }
    }
}
