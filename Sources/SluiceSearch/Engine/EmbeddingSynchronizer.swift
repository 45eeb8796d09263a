import Foundation
import SluiceCatalog

/// Brings one embedder's stored vectors in line with the catalog: the work behind
/// ``CatalogSearchEngine/synchronizeEmbeddings(progress:)``.
///
/// Stale items are embedded before missing ones (see ``EmbeddingSyncPlan``), each group
/// in batches of the embedder's ``Embedder/batchSize`` in ``EmbeddingMode/document`` mode.
/// Every batch is written as soon as it is embedded, so a run that is interrupted (a
/// provider outage, Ctrl-C) keeps what it finished and the next run starts where it
/// stopped. Vectors of items gone from the catalog are deleted last, once the catalog's
/// current items all have theirs.
struct EmbeddingSynchronizer: Sendable {
    let catalog: any CatalogStore
    let store: any EmbeddingStore
    let embedder: any Embedder

    func run(progress: (@Sendable (EmbeddingProgress) -> Void)?) async throws -> EmbeddingSyncSummary {
        let stopwatch = SearchStopwatch()
        let model = embedder.model
        let documents = CatalogDocument.documents(from: try await catalog.load())
        let plan = EmbeddingSyncPlan(documents: documents, stored: try await Self.storedVectors(of: model, in: store), model: model)

        let total = plan.stale.count + plan.missing.count
        var embedded = 0
        progress?(EmbeddingProgress(embedded: 0, total: total, stage: plan.stale.isEmpty ? .missing : .stale, items: []))
        // Stale and missing items are never mixed in one batch, so a run stopped after the
        // stale ones leaves every item that had a vector with a current one.
        for (stage, group) in [(EmbeddingProgress.Stage.stale, plan.stale), (.missing, plan.missing)] {
            for batch in group.chunked(into: max(1, embedder.batchSize)) {
                try Task.checkCancellation()
                try await store.upsert(try await embed(batch))
                embedded += batch.count
                progress?(EmbeddingProgress(embedded: embedded, total: total, stage: stage, items: batch.map(\.id)))
            }
        }
        let removed = plan.obsolete > 0
            ? try await store.removeEmbeddings(for: model, except: Set(documents.map(\.id)))
            : 0
        return EmbeddingSyncSummary(model: model, stale: plan.stale.count, missing: plan.missing.count,
                                    unchanged: plan.unchanged, removed: removed,
                                    durationMs: stopwatch.milliseconds)
    }

    /// The vectors `store` holds of exactly `model`.
    ///
    /// A store that keys vectors by model id and version alone refuses to read them when
    /// their length is not `model.dimension` (the same embedder reconfigured to another
    /// dimension, or a run of it interrupted halfway through re-embedding). None of those
    /// vectors is usable by `model`, so they count as missing and get re-embedded, which
    /// replaces them.
    static func storedVectors(of model: EmbeddingModel, in store: any EmbeddingStore) async throws -> [StoredEmbedding] {
        do {
            return try await store.embeddings(for: model).filter { $0.model == model }
        } catch EmbeddingError.dimensionMismatch {
            return []
        }
    }

    /// Embeds one batch of documents and checks that the embedder answered one vector per text.
    private func embed(_ batch: ArraySlice<CatalogDocument>) async throws -> [StoredEmbedding] {
        let model = embedder.model
        let vectors = try await embedder.embed(batch.map(\.text), mode: .document)
        guard vectors.count == batch.count else {
            throw EmbeddingError.unexpectedResponse(
                endpoint: model.description,
                reason: "asked for \(batch.count) vectors starting with \(batch.first!.id), got \(vectors.count)")
        }
        let now = Date()
        return zip(batch, vectors).map { document, vector in
            StoredEmbedding(item: document.id, model: model, textHash: document.textHash, vector: vector, embeddedAt: now)
        }
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements, in order.
    fileprivate func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
