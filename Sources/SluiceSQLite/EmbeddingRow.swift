import Foundation
import GRDB
import SluiceCatalog
import SluiceSearch

/// Converts between ``SluiceSearch/StoredEmbedding`` values and rows of `catalog.embeddings`
/// (see ``DatabaseSchema/catalog``).
///
/// Writing checks a vector completely before any SQL runs, so a batch with one bad vector
/// is refused whole; reading reports a row the model cannot hold with the item, model and
/// field it was in, rather than skipping it.
enum EmbeddingRow {
    static let insertSQL = """
        INSERT INTO catalog.embeddings (item_kind, item_key, model_id, model_version, dimension, text_hash, vector, embedded_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (item_kind, item_key, model_id, model_version, dimension) DO UPDATE SET
            text_hash = excluded.text_hash,
            vector = excluded.vector, embedded_at = excluded.embedded_at
        """

    static let selectColumns = "item_kind, item_key, model_id, model_version, dimension, text_hash, vector, embedded_at"

    /// The insert arguments for `embedding`, in ``insertSQL``'s order.
    ///
    /// - Throws: ``SluiceSearch/EmbeddingError/dimensionMismatch(item:expected:found:)`` when the
    ///   vector's length is not the model's dimension; ``SluiceCatalog/CatalogError/store(location:reason:)``
    ///   naming the item for a model without dimensions, a NaN or infinite value (which no
    ///   similarity can use, and which pgvector refuses too) or an instant outside 0001–9999.
    static func arguments(for embedding: StoredEmbedding, location: String) throws -> StatementArguments {
        let item = embedding.item.description
        let model = embedding.model
        func refused(_ reason: String) -> CatalogError {
            .store(location: location, reason: "vector of \(item) by \(model): \(reason); no vector of the batch was written")
        }
        guard model.dimension > 0 else {
            throw refused("a model must make vectors of at least 1 value")
        }
        guard embedding.vector.count == model.dimension else {
            throw EmbeddingError.dimensionMismatch(item: item, expected: model.dimension, found: embedding.vector.count)
        }
        if let index = embedding.vector.firstIndex(where: { !$0.isFinite }) {
            throw refused("value \(index) is \(embedding.vector[index]); only finite values can be stored")
        }
        guard let embeddedAt = SQLiteTimestamp.text(for: embedding.embeddedAt) else {
            throw refused("embedded_at \(embedding.embeddedAt) is outside the years 0001–9999")
        }
        return [
            embedding.item.kind.rawValue, embedding.item.key, model.id, model.version, model.dimension,
            embedding.textHash, EmbeddingVectorBlob.data(for: embedding.vector), embeddedAt,
        ]
    }

    /// The embedding in `row` (selected with ``selectColumns``).
    static func embedding(from row: Row, location: String) throws -> StoredEmbedding {
        let kindText: String = try row.decode(forColumn: "item_kind")
        let key: String = try row.decode(forColumn: "item_key")
        let model = EmbeddingModel(id: try row.decode(forColumn: "model_id"), version: try row.decode(forColumn: "model_version"),
                                   dimension: try row.decode(forColumn: "dimension"))
        func damaged(_ field: String, _ reason: String) -> CatalogError {
            .store(location: location, reason: "catalog.embeddings row \(kindText):\(key) by \(model.id)@\(model.version): \(field) \(reason)")
        }
        guard let kind = CatalogItemKind(rawValue: kindText) else {
            throw damaged("item_kind", "\(String(reflecting: kindText)) is not a CatalogItemKind this build knows")
        }
        let blob: Data = try row.decode(forColumn: "vector")
        guard let vector = EmbeddingVectorBlob.vector(from: blob), vector.count == model.dimension else {
            throw damaged("vector", "has \(blob.count) bytes where \(model.dimension) float32 values take \(4 * model.dimension)")
        }
        let embeddedText: String = try row.decode(forColumn: "embedded_at")
        guard let embeddedAt = SQLiteTimestamp.date(from: embeddedText) else {
            throw damaged("embedded_at", "\(String(reflecting: embeddedText)) is not a timestamp like 2024-01-31T08:15:02.125Z")
        }
        return StoredEmbedding(item: CatalogItemID(kind: kind, key: key), model: model, textHash: try row.decode(forColumn: "text_hash"),
                               vector: vector, embeddedAt: embeddedAt)
    }
}
