import GRDB
import SluiceCatalog
import SluiceSearch

/// The vectors of the embedded backend: `catalog.embeddings` (see ``DatabaseSchema/catalog``)
/// in `catalog.sqlite`, beside the catalog they were made from.
///
/// ```swift
/// let database = try SluiceDatabase(directory: ".sluice", schemas: [.catalog])
/// let store = try SQLiteEmbeddingStore(database: database)
/// try await store.upsert(fresh)                      // one transaction
/// let index = try await store.embeddings(for: embedder.model)
/// ```
///
/// Rows are keyed by item and model (id and version), so switching models keeps the other
/// model's vectors for when it comes back, while every read asks for exactly one model.
/// Living in the catalog's file lets ``upsert(_:)`` clear a table's `needs_embedding`
/// flag in the same transaction that stores its vector: a crash leaves either both or
/// neither. Failures are ``SluiceSearch/EmbeddingError`` for vectors that do not fit their
/// model, else ``SluiceCatalog/CatalogError/store(location:reason:)`` naming this file and
/// the item at fault.
public final class SQLiteEmbeddingStore: EmbeddingStore {
    /// The state folder; the catalog store and other schemas can share it.
    public let database: SluiceDatabase
    /// The path of `catalog.sqlite`.
    public let location: String

    /// Uses the catalog of an open state folder.
    ///
    /// - Throws: ``SluiceDatabaseError/invalidSchema(name:reason:)`` when `database` was opened without ``DatabaseSchema/catalog``.
    public init(database: SluiceDatabase) throws {
        guard database.schemas.contains(.catalog) else {
            throw SluiceDatabaseError.invalidSchema(name: DatabaseSchema.catalog.name,
                                                    reason: "the database at \(database.directory) was opened without it")
        }
        self.database = database
        location = database.path(of: .catalog)
    }

    /// Every vector of `model` (id, version and dimension), sorted by item.
    ///
    /// - Throws: ``SluiceSearch/EmbeddingError/dimensionMismatch(item:expected:found:)`` naming
    ///   the item when a stored blob does not hold `model.dimension` values (a damaged row).
    public func embeddings(for model: EmbeddingModel) async throws -> [StoredEmbedding] {
        let location = location
        let stored = try await reading { db in
            try Row.fetchAll(db, sql: """
                SELECT \(EmbeddingRow.selectColumns) FROM catalog.embeddings WHERE model_id = ? AND model_version = ? AND dimension = ?
                """, arguments: [model.id, model.version, model.dimension])
                .map { try EmbeddingRow.embedding(from: $0, location: location) }
        }
        // Sorted here rather than in SQL: the order is CatalogItemID's (kind in declaration
        // order, then key), which no SQLite collation reproduces.
        let sorted = stored.sorted { $0.item < $1.item }
        if let mismatch = sorted.first(where: { $0.model.dimension != model.dimension }) {
            throw EmbeddingError.dimensionMismatch(item: mismatch.item.description, expected: model.dimension, found: mismatch.model.dimension)
        }
        return sorted
    }

    /// Each stored model (id, version and dimension) with its number of vectors.
    public func storedModels() async throws -> [EmbeddingModel: Int] {
        try await reading { db in
            var models: [EmbeddingModel: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT model_id, model_version, dimension, count(*) AS vectors FROM catalog.embeddings
                GROUP BY model_id, model_version, dimension
                """) {
                let model = EmbeddingModel(id: try row.decode(forColumn: "model_id"), version: try row.decode(forColumn: "model_version"),
                                           dimension: try row.decode(forColumn: "dimension"))
                models[model] = try row.decode(forColumn: "vectors")
            }
            return models
        }
    }

    /// Stores `embeddings` in one transaction, each replacing the vector of the same item and
    /// model (of two for the same item and model in one batch, the later wins), and clears
    /// `needs_embedding` of every table whose current `metadata_text` hashes to the
    /// `textHash` stored for `table:<name>`. A table whose text changed since it was sent to
    /// the embedder keeps its flag, so the next run embeds it again.
    ///
    /// Every vector is checked before anything is written: a batch with one vector of the
    /// wrong length, a NaN or an infinity writes nothing.
    public func upsert(_ embeddings: [StoredEmbedding]) async throws {
        let location = location
        let rows = try embeddings.map { try EmbeddingRow.arguments(for: $0, location: location) }
        guard !rows.isEmpty else { return }
        let tableHashes = embeddings.filter { $0.item.kind == .table }.reduce(into: [String: Set<String>]()) { hashes, embedding in
            hashes[embedding.item.key, default: []].insert(embedding.textHash)
        }
        try await writing { db in
            let insert = try db.cachedStatement(sql: EmbeddingRow.insertSQL)
            for (embedding, arguments) in zip(embeddings, rows) {
                do {
                    try insert.execute(arguments: arguments)
                } catch let error as DatabaseError {
                    throw CatalogError.store(location: location, reason: """
                        vector of \(embedding.item) by \(embedding.model) was refused: \(error.message ?? "\(error)"); \
                        no vector of the batch was written
                        """)
                }
            }
            // SQLite has no SHA-256, so the current texts are hashed here, inside the
            // transaction: a concurrent scan cannot change them between the check and the update.
            for (table, hashes) in tableHashes {
                guard let text = try String.fetchOne(db, sql: """
                    SELECT metadata_text FROM catalog.table_metadata WHERE table_name = ? AND needs_embedding = 1
                    """, arguments: [table]),
                    hashes.contains(CatalogDocument.hash(of: text)) else { continue }
                try db.execute(sql: "UPDATE catalog.table_metadata SET needs_embedding = 0 WHERE table_name = ?", arguments: [table])
            }
        }
    }

    /// Deletes the vectors of `model` (id, version and dimension) whose item is not in `items`; returns how many.
    @discardableResult
    public func removeEmbeddings(for model: EmbeddingModel, except items: Set<CatalogItemID>) async throws -> Int {
        // Compared as stored text, so a row whose kind this build does not know is removed
        // like any other item that is not kept, instead of failing to decode.
        let kept = Set(items.map { [$0.kind.rawValue, $0.key] })
        return try await writing { db in
            let stored = try Row.fetchAll(db, sql: """
                SELECT item_kind, item_key FROM catalog.embeddings WHERE model_id = ? AND model_version = ? AND dimension = ?
                """, arguments: [model.id, model.version, model.dimension])
            let delete = try db.cachedStatement(sql: """
                DELETE FROM catalog.embeddings WHERE item_kind = ? AND item_key = ? AND model_id = ? AND model_version = ? AND dimension = ?
                """)
            var removed = 0
            for row in stored {
                let kind: String = try row.decode(forColumn: "item_kind"), key: String = try row.decode(forColumn: "item_key")
                guard !kept.contains([kind, key]) else { continue }
                try delete.execute(arguments: [kind, key, model.id, model.version, model.dimension])
                removed += db.changesCount
            }
            return removed
        }
    }

    /// Runs `work` in one read transaction (a consistent snapshot), reporting failures as ``SluiceCatalog/CatalogError``.
    private func reading<T: Sendable>(_ work: @Sendable (Database) throws -> T) async throws -> T {
        try await database.read(work, translatingErrors: translated)
    }

    /// Runs `work` in one write transaction, rolled back when it throws, reporting failures as ``SluiceCatalog/CatalogError``.
    private func writing<T: Sendable>(_ work: @Sendable (Database) throws -> T) async throws -> T {
        try await database.write(work, translatingErrors: translated)
    }

    /// Catalog and embedding errors pass through; SQLite's become ``SluiceCatalog/CatalogError/store(location:reason:)`` with this file.
    private func translated(_ error: any Error) -> any Error {
        switch error {
        case let error as CatalogError: error
        case let error as EmbeddingError: error
        case let error as DatabaseError: CatalogError.store(location: location, reason: error.message ?? "\(error)")
        default: CatalogError.store(location: location, reason: "\(error)")
        }
    }
}
