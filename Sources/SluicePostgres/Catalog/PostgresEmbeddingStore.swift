import Crypto
import Foundation
import PostgresNIO
import SluiceCatalog
import SluiceSearch

/// Which approximate index PostgreSQL keeps on each model's vectors.
public enum PostgresVectorIndexKind: String, Sendable, CaseIterable {
    /// pgvector's HNSW (m = 16, ef_construction = 128).
    case hnsw
    /// pgvectorscale's StreamingDiskANN, for catalogs too large for HNSW in memory.
    case diskann
}

/// `catalog.embeddings` in PostgreSQL, with the semantics of the embedded store: vectors of
/// different models side by side, every read for one model, a batch written whole or not at
/// all, and a table's `needs_embedding` cleared in the same transaction when the vector was
/// made from its current text.
///
/// Vectors live in pgvector's untyped `vector` column; the first batch of a model creates
/// that model's partial index on `embedding::vector(N)` (``indexKind``), which
/// ``PostgresVectorSearch`` queries.
public final class PostgresEmbeddingStore: EmbeddingStore {
    public let database: PostgresDatabase
    public let indexKind: PostgresVectorIndexKind
    public var location: String { database.location.description }

    public init(database: PostgresDatabase, index: PostgresVectorIndexKind = .hnsw) {
        self.database = database
        indexKind = index
    }

    public func embeddings(for model: EmbeddingModel) async throws -> [StoredEmbedding] {
        let logger = database.logger, location = location
        let stored = try await run { [self] in
            try await database.withConnection { connection in
                var result: [StoredEmbedding] = []
                let rows = try await connection.query("""
                    SELECT item_kind, item_key, text_hash, embedding::text, embedded_at FROM catalog.embeddings
                    WHERE model_id = \(model.id) AND model_version = \(model.version) AND dimension = \(Int32(model.dimension))
                    """, logger: logger)
                for try await (kind, key, hash, vector, embeddedAt) in rows.decode((String, String, String, String, Date).self) {
                    guard let itemKind = CatalogItemKind(rawValue: kind) else { continue }
                    result.append(StoredEmbedding(item: CatalogItemID(kind: itemKind, key: key), model: model, textHash: hash,
                                                  vector: try Self.parse(vector, item: "\(kind) \(key)", location: location), embeddedAt: embeddedAt))
                }
                return result
            }
        }
        return stored.sorted { $0.item < $1.item }
    }

    public func storedModels() async throws -> [EmbeddingModel: Int] {
        let logger = database.logger
        return try await run { [self] in
            try await database.withConnection { connection in
                var models: [EmbeddingModel: Int] = [:]
                let rows = try await connection.query("""
                    SELECT model_id, model_version, dimension, count(*) FROM catalog.embeddings GROUP BY model_id, model_version, dimension
                    """, logger: logger)
                for try await (id, version, dimension, count) in rows.decode((String, String, Int32, Int64).self) {
                    models[EmbeddingModel(id: id, version: version, dimension: Int(dimension))] = Int(count)
                }
                return models
            }
        }
    }

    public func upsert(_ embeddings: [StoredEmbedding]) async throws {
        guard !embeddings.isEmpty else { return }
        for embedding in embeddings {
            let model = embedding.model
            func refused(_ reason: String) -> CatalogError {
                .store(location: location, reason: "vector of \(embedding.item) by \(model): \(reason); no vector of the batch was written")
            }
            guard model.dimension > 0 else { throw refused("a model must make vectors of at least 1 value") }
            guard embedding.vector.count == model.dimension else {
                throw EmbeddingError.dimensionMismatch(item: embedding.item.description, expected: model.dimension, found: embedding.vector.count)
            }
            if let index = embedding.vector.firstIndex(where: { !$0.isFinite }) {
                throw refused("value \(index) is \(embedding.vector[index]); only finite values can be stored")
            }
        }
        let logger = database.logger
        let models = Set(embeddings.map(\.model))
        try await run { [self] in
            try await database.withTransaction { connection in
                for embedding in embeddings {
                    let model = embedding.model
                    try await connection.query("""
                        INSERT INTO catalog.embeddings (item_kind, item_key, model_id, model_version, dimension, text_hash, embedding, embedded_at)
                        VALUES (\(embedding.item.kind.rawValue), \(embedding.item.key), \(model.id), \(model.version), \(Int32(model.dimension)),
                                \(embedding.textHash), \(Self.text(of: embedding.vector))::vector, \(embedding.embeddedAt))
                        ON CONFLICT (item_kind, item_key, model_id, model_version, dimension) DO UPDATE
                        SET text_hash = excluded.text_hash, embedding = excluded.embedding, embedded_at = excluded.embedded_at
                        """, logger: logger)
                }
                // sha256 in the database: a concurrent scan cannot change a text between the check and the update.
                for embedding in embeddings where embedding.item.kind == .table {
                    try await connection.query("""
                        UPDATE catalog.table_metadata SET needs_embedding = false
                        WHERE table_name = \(embedding.item.key) AND needs_embedding
                          AND encode(sha256(convert_to(metadata_text, 'UTF8')), 'hex') = \(embedding.textHash)
                        """, logger: logger)
                }
                for model in models {
                    try await connection.query(PostgresQuery(unsafeSQL: Self.indexStatement(for: model, kind: indexKind)), logger: logger)
                }
            }
        }
    }

    @discardableResult
    public func removeEmbeddings(for model: EmbeddingModel, except items: Set<CatalogItemID>) async throws -> Int {
        let logger = database.logger
        let kept = Set(items.map { "\($0.kind.rawValue)\u{0}\($0.key)" })
        return try await run { [self] in
            try await database.withTransaction { connection in
                var doomed: [(String, String)] = []
                let rows = try await connection.query("""
                    SELECT item_kind, item_key FROM catalog.embeddings
                    WHERE model_id = \(model.id) AND model_version = \(model.version) AND dimension = \(Int32(model.dimension))
                    """, logger: logger)
                for try await (kind, key) in rows.decode((String, String).self) where !kept.contains("\(kind)\u{0}\(key)") {
                    doomed.append((kind, key))
                }
                for (kind, key) in doomed {
                    try await connection.query("""
                        DELETE FROM catalog.embeddings WHERE item_kind = \(kind) AND item_key = \(key)
                          AND model_id = \(model.id) AND model_version = \(model.version) AND dimension = \(Int32(model.dimension))
                        """, logger: logger)
                }
                return doomed.count
            }
        }
    }

    // MARK: Vectors and indexes

    /// pgvector's text form, `[0.1,0.25,…]`: Float's shortest round-trip digits, exact in `real`.
    static func text(of vector: [Float]) -> String {
        "[" + vector.map { $0.description }.joined(separator: ",") + "]"
    }

    static func parse(_ text: String, item: String, location: String) throws -> [Float] {
        let values = text.dropFirst().dropLast().split(separator: ",").map { Float(String($0)) }
        guard text.hasPrefix("["), text.hasSuffix("]"), !values.contains(nil) else {
            throw CatalogError.store(location: location, reason: "the vector of \(item) is not pgvector's text form")
        }
        return values.compactMap { $0 }
    }

    /// The model's partial index (one per model and kind of index), named by a digest of the model.
    static func indexName(for model: EmbeddingModel, kind: PostgresVectorIndexKind) -> String {
        let digest = SHA256.hash(data: Data("\(model.id)\u{0}\(model.version)\u{0}\(model.dimension)".utf8))
        return "embeddings_\(kind.rawValue)_" + digest.prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    static func modelPredicate(_ model: EmbeddingModel) -> String {
        "model_id = \(PostgresSQL.literal(model.id)) AND model_version = \(PostgresSQL.literal(model.version)) AND dimension = \(model.dimension)"
    }

    static func indexStatement(for model: EmbeddingModel, kind: PostgresVectorIndexKind) -> String {
        let method = kind == .hnsw ? "hnsw" : "diskann"
        let options = kind == .hnsw ? " WITH (m = 16, ef_construction = 128)" : ""
        return """
            CREATE INDEX IF NOT EXISTS \(PostgresSQL.quote(indexName(for: model, kind: kind))) ON catalog.embeddings
            USING \(method) ((embedding::vector(\(model.dimension))) vector_cosine_ops)\(options) WHERE \(modelPredicate(model))
            """
    }

    /// Catalog and embedding errors pass through; the database's become ``SluiceCatalog/CatalogError/store(location:reason:)``.
    private func run<T: Sendable>(_ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as CatalogError {
            throw error
        } catch let error as EmbeddingError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw CatalogError.store(location: location, reason: "\(error)")
        }
    }
}
