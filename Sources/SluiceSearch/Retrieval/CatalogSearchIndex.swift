import Foundation
import SluiceCatalog

/// The searchable form of one catalog for one embedding model: per item kind a vector
/// index over stored embeddings and a BM25 index over metadata text.
///
/// Retrieval reads the catalog only, never lake data. It ranks the four kinds of item in
/// three stages (the constants are ``RetrievalTuning``'s):
///
/// 1. **Direct evidence**, per kind (``KindIndex``): the item's cosine similarity to the
///    question, mapped onto 0…1, and its lexical score (BM25 set against the question's
///    unmatched words), fused in ``RetrievalMode/hybrid`` (a weighted mean, never below the vector score alone) or used alone.
///    Words no catalog item uses ("weather") count against every item, and in hybrid
///    mode discount the similarity too.
/// 2. **Structure**: a table also scores through its best matching column and through a
///    KPI pattern that reads it, since a question names attributes ("by sector") and
///    analyses ("exposure") more often than tables; a table that joins two retrieved
///    tables is brought along (an analyst never names the `accounts` between `positions`
///    and `clients`); a relationship scores through the tables it joins; a column is
///    weighed by its table, so that of two `currency` columns the one in the table the
///    question is about comes first, and gains from a retrieved KPI pattern whose
///    template reads it (the pattern's measures: "exposure" is `market_value`).
/// 3. **Threshold and top-k** per kind. Every score is calibrated so that one threshold
///    (``RetrievalOptions/threshold``) separates what the catalog can answer from what it
///    cannot: a question about the weather matches no table and no KPI pattern.
///
/// Every item says why it ranks (``ScoredItem/evidence``): the words it matched, the
/// thesaurus links ("'fees' means commission"), the column, KPI pattern or join that
/// lifted it.
///
/// ```swift
/// let index = try CatalogSearchIndex(contents: contents, embeddings: stored, model: embedder.model)
/// let vector = try await embedder.embed([question], mode: .query)[0]
/// let result = try index.retrieve(question: question, queryVector: vector, options: .default)
/// ```
///
/// Thread-safe: searches are serialized (``HNSWIndex`` reuses scratch buffers).
public final class CatalogSearchIndex: @unchecked Sendable {
    /// The model whose vectors the index holds; `nil` for a lexical-only index.
    public let model: EmbeddingModel?

    private let kinds: [CatalogItemKind: KindIndex]
    private let graph: CatalogGraph
    private let kpiTableStems: [String: Set<String>]
    private let tuning: RetrievalTuning
    private let lock = NSLock()

    /// Builds the index. `embeddings` must all be of `model` (else
    /// ``EmbeddingError/modelMismatch(expected:found:)``); documents without a vector are
    /// still searchable lexically.
    public convenience init(contents: CatalogContents, embeddings: [StoredEmbedding], model: EmbeddingModel?) throws {
        try self.init(contents: contents, embeddings: embeddings, model: model, tuning: .standard)
    }

    init(contents: CatalogContents, embeddings: [StoredEmbedding], model: EmbeddingModel?, tuning: RetrievalTuning) throws {
        var vectors: [CatalogItemID: [Float]] = [:]
        for embedding in embeddings {
            guard let model else {
                throw EmbeddingError.configuration(
                    setting: "model", reason: "vectors of \(embedding.model) were given to a lexical-only index (no model)")
            }
            guard embedding.model == model else { throw EmbeddingError.modelMismatch(expected: model, found: embedding.model) }
            guard embedding.vector.count == model.dimension else {
                throw EmbeddingError.dimensionMismatch(item: embedding.item.description, expected: model.dimension, found: embedding.vector.count)
            }
            vectors[embedding.item] = embedding.vector
        }
        let documents = CatalogDocument.documents(from: contents)
        var kinds: [CatalogItemKind: KindIndex] = [:]
        for kind in CatalogItemKind.allCases {
            let ofKind = documents.filter { $0.id.kind == kind }
            var kindVectors: [String: [Float]] = [:]
            for document in ofKind { kindVectors[document.id.key] = vectors[document.id] }
            kinds[kind] = try KindIndex(kind: kind, documents: ofKind, vectors: kindVectors, dimension: model?.dimension,
                                        exactSearchLimit: tuning.exactSearchLimit)
        }
        self.model = model
        self.kinds = kinds
        let graph = CatalogGraph(contents: contents, documents: documents)
        var kpiTableStems: [String: Set<String>] = [:]
        for (kpi, tables) in graph.tablesOfKPI {
            kpiTableStems[kpi] = tables.reduce(into: Set<String>()) { $0.formUnion(kinds[.table]?.stems[$1] ?? []) }
        }
        self.graph = graph
        self.kpiTableStems = kpiTableStems
        self.tuning = tuning
    }

    /// Ranks every kind for `question`. `queryVector` is the question embedded in
    /// ``EmbeddingMode/query`` mode by `model`; it is required unless `options.mode` is
    /// ``RetrievalMode/lexical``.
    public func retrieve(question: String, queryVector: [Float]?, options: RetrievalOptions) throws -> RetrievalResult {
        var vector: [Float]?
        if options.mode != .lexical {
            guard let model else {
                throw EmbeddingError.configuration(setting: "mode", reason: "\(options.mode.rawValue) retrieval needs vectors; this index is lexical only")
            }
            guard let queryVector else {
                throw EmbeddingError.configuration(setting: "queryVector", reason: "\(options.mode.rawValue) retrieval needs the question embedded by \(model)")
            }
            guard queryVector.count == model.dimension else {
                throw EmbeddingError.dimensionMismatch(item: "the question", expected: model.dimension, found: queryVector.count)
            }
            // A question with no content word embeds to zero: it is similar to nothing.
            vector = queryVector.contains { $0 != 0 } ? queryVector : nil
        }
        lock.lock()
        defer { lock.unlock() }
        let scoring = Scoring(question: Question(question), vector: vector, options: options, kinds: kinds, graph: graph,
                              kpiTableStems: kpiTableStems, tuning: tuning)
        return try scoring.result()
    }

    /// Ranks every kind for `question` like ``retrieve(question:queryVector:options:)``, with
    /// the vector side's cosine similarities computed elsewhere: per kind, what
    /// ``StoredVectorSearch/cosines(to:model:kind:items:limit:exactUpTo:)`` gave for
    /// ``cosineLimit(for:options:)`` and ``exactSearchLimit``. Everything else (words,
    /// structure, thresholds) is the same computation.
    public func retrieve(question: String, storedCosines: [CatalogItemKind: [String: Double]], options: RetrievalOptions) throws -> RetrievalResult {
        lock.lock()
        defer { lock.unlock() }
        var scoring = Scoring(question: Question(question), vector: nil, options: options, kinds: kinds, graph: graph,
                              kpiTableStems: kpiTableStems, tuning: tuning)
        scoring.storedCosines = options.mode == .lexical ? [:] : storedCosines
        return try scoring.result()
    }

    /// How many nearest items of `kind` retrieval asks a vector index for.
    public static func cosineLimit(for kind: CatalogItemKind, options: RetrievalOptions) -> Int {
        Scoring.cosineLimit(kind, options: options)
    }

    /// Up to this many vectors of a kind are compared exactly, every one; above it the
    /// nearest ``cosineLimit(for:options:)`` come from an approximate index.
    public var exactSearchLimit: Int { tuning.exactSearchLimit }
}
