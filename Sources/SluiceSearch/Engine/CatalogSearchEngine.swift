import Foundation
import SluiceCatalog
import SluiceGovernance

/// One question for ``CatalogSearchEngine/search(_:)``: who asks, in which role, and how
/// retrieval should rank.
public struct SearchRequest: Sendable {
    public var question: String
    /// The analyst asking (`maria.chen`); recorded in the search log.
    public var requester: String?
    /// The requester's role: the recommendation then says whether it may read the result
    /// and whether PII reaches it masked.
    public var role: Role?
    public var options: RetrievalOptions
    /// Whether the search goes to the search log. Evaluation runs turn it off: their
    /// questions are a benchmark, not analysts' traffic, and are stored with the run.
    public var logged: Bool

    public init(question: String, requester: String? = nil, role: Role? = nil, options: RetrievalOptions = .default,
                logged: Bool = true) {
        self.question = question
        self.requester = requester
        self.role = role
        self.options = options
        self.logged = logged
    }
}

/// Everything one search produced: what `sluice search --json` prints.
public struct SearchResponse: Sendable, Codable, Equatable {
    /// The search log id; `nil` when the engine has no monitor or the search was not logged.
    public var searchID: Int64?
    /// The model that embedded the question; `nil` in lexical mode.
    public var model: EmbeddingModel?
    public var options: RetrievalOptions
    public var retrieval: RetrievalResult
    public var recommendation: Recommendation
    public var timings: SearchTimings

    public init(searchID: Int64?, model: EmbeddingModel?, options: RetrievalOptions, retrieval: RetrievalResult,
                recommendation: Recommendation, timings: SearchTimings) {
        self.searchID = searchID
        self.model = model
        self.options = options
        self.retrieval = retrieval
        self.recommendation = recommendation
        self.timings = timings
    }
}

/// Progress of bringing the stored vectors up to date, reported after each batch.
public struct EmbeddingProgress: Sendable, Equatable {
    /// Which group of items a batch belongs to (stale ones are embedded first).
    public enum Stage: String, Sendable, Equatable {
        case stale
        case missing
    }

    /// Items embedded so far, over both stages.
    public var embedded: Int
    /// Items this run embeds in all (stale plus missing).
    public var total: Int
    public var stage: Stage
    /// The items of the batch just written; empty in the first report, made before any batch.
    public var items: [CatalogItemID]

    public init(embedded: Int, total: Int, stage: Stage, items: [CatalogItemID]) {
        self.embedded = embedded
        self.total = total
        self.stage = stage
        self.items = items
    }
}

/// What an embedding synchronization did.
public struct EmbeddingSyncSummary: Sendable, Codable, Equatable {
    public var model: EmbeddingModel
    /// Items whose text changed since their vector was made (embedded first).
    public var stale: Int
    /// Items that had no vector of this model.
    public var missing: Int
    public var unchanged: Int
    /// Vectors deleted because their item left the catalog.
    public var removed: Int
    /// Wall time of the whole synchronization.
    public var durationMs: Double

    public init(model: EmbeddingModel, stale: Int, missing: Int, unchanged: Int, removed: Int, durationMs: Double = 0) {
        self.model = model
        self.stale = stale
        self.missing = missing
        self.unchanged = unchanged
        self.removed = removed
        self.durationMs = durationMs
    }

    /// Items embedded by this run.
    public var embedded: Int { stale + missing }
}

/// Search over one catalog: keeps the embedder's vectors current, answers questions with
/// a ``Recommendation`` and records every search in the monitor.
///
/// ```swift
/// let database = try SluiceDatabase(directory: ".sluice", schemas: [.catalog, .ragMonitor])
/// let engine = CatalogSearchEngine(catalog: try SQLiteCatalogStore(database: database),
///                                  embeddings: try SQLiteEmbeddingStore(database: database),
///                                  embedder: HashedNGramEmbedder(),
///                                  monitor: try SQLiteSearchMonitor(database: database))
/// let response = try await engine.search(SearchRequest(question: "exposure by sector", role: .biAnalyst))
/// response.recommendation.tables.map(\.name)      // ["positions", "instruments", …]
/// ```
///
/// Search just works after a scan or a model switch: when any item is stale or has no
/// vector of the current model, ``search(_:)`` first runs
/// ``synchronizeEmbeddings(progress:)``. Vectors of one model only ever meet vectors of
/// the same model; other models' vectors stay stored, untouched, for a switch back.
///
/// The engine keeps the built ``CatalogSearchIndex`` between searches and builds it again
/// only when the catalog or the stored vectors changed, so a long-lived engine (a server)
/// pays for the index once. Synchronizations run one at a time, even when searches
/// arrive together: the second one waits and then finds nothing left to do.
public actor CatalogSearchEngine {
    private let catalog: any CatalogStore
    private let embeddings: any EmbeddingStore
    private let embedder: (any Embedder)?
    private let monitor: (any SearchMonitor)?
    private let policy: AccessPolicy
    /// Where vector similarities come from when not from the in-memory index.
    private let vectorSearch: (any StoredVectorSearch)?

    /// The index over the embedder's vectors and BM25, with what it was built from.
    private var vectorIndex: CachedIndex?
    /// The BM25-only index lexical searches use, so they never wait for embeddings.
    private var lexicalIndex: CachedIndex?
    /// The last synchronization started; the next one waits for it.
    private var lastSync: Task<Void, Never>?

    /// - Parameters:
    ///   - embedder: makes vectors for vector and hybrid retrieval; `nil` allows lexical
    ///     retrieval only.
    ///   - monitor: where searches are logged; `nil` logs nothing (responses then have no id).
    ///   - vectorSearch: computes vector similarities in the database that stores the
    ///     vectors; `nil` uses the index built in memory.
    public init(catalog: any CatalogStore, embeddings: any EmbeddingStore, embedder: (any Embedder)?,
                monitor: (any SearchMonitor)?, policy: AccessPolicy = .standard, vectorSearch: (any StoredVectorSearch)? = nil) {
        self.catalog = catalog
        self.embeddings = embeddings
        self.embedder = embedder
        self.monitor = monitor
        self.policy = policy
        self.vectorSearch = vectorSearch
    }

    /// The model vector and hybrid searches use; `nil` without an embedder.
    public nonisolated var model: EmbeddingModel? { embedder?.model }

    /// Brings the embedder's vectors in line with the catalog: stale items first, then
    /// missing ones, each batch written as it is done; then vectors of items gone from the
    /// catalog are deleted. See ``EmbeddingSyncPlan`` for the groups.
    ///
    /// - Parameter progress: called before the first batch and after each one.
    /// - Throws: ``SearchEngineError/noEmbedder(mode:)`` without an embedder; the
    ///   embedder's or the store's errors (batches written before the error stay written).
    public func synchronizeEmbeddings(progress: (@Sendable (EmbeddingProgress) -> Void)? = nil) async throws -> EmbeddingSyncSummary {
        guard let embedder else { throw SearchEngineError.noEmbedder(mode: .vector) }
        let synchronizer = EmbeddingSynchronizer(catalog: catalog, store: embeddings, embedder: embedder)
        let previous = lastSync
        let run = Task {
            await previous?.value
            return try await synchronizer.run(progress: progress)
        }
        lastSync = Task { _ = try? await run.value }
        return try await run.value
    }

    /// Answers one question from the catalog.
    ///
    /// Loads the catalog, synchronizes embeddings when anything is stale or missing,
    /// embeds the question in ``EmbeddingMode/query`` mode (timed as *embed*), retrieves
    /// (*search*), builds the recommendation (*reasoning*) and logs the search unless
    /// ``SearchRequest/logged`` is off. ``SearchTimings/totalMs`` is the whole call,
    /// catalog loading included, so it is what an analyst waits.
    ///
    /// - Throws: ``SearchEngineError`` (empty catalog or question, a bad option, no
    ///   embedder for a vector or hybrid search), ``EmbeddingError``, store errors.
    public func search(_ request: SearchRequest) async throws -> SearchResponse {
        let total = SearchStopwatch()
        let askedAt = Date()
        let question = request.question.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !question.isEmpty else { throw SearchEngineError.emptyQuestion }
        try SearchEngineError.validate(request.options)
        let mode = request.options.mode
        let queryEmbedder: (any Embedder)?
        if mode == .lexical {
            queryEmbedder = nil
        } else {
            guard let embedder else { throw SearchEngineError.noEmbedder(mode: mode) }
            queryEmbedder = embedder
        }

        let contents = try await catalog.load()
        guard contents.tables.contains(where: { $0.lifecycle == .active }) else {
            throw SearchEngineError.emptyCatalog(location: catalog.location)
        }
        let index = try await currentIndex(for: contents, embedder: queryEmbedder)

        let embedWatch = SearchStopwatch()
        var queryVector: [Float]?
        if let queryEmbedder { queryVector = try await embedQuestion(question, with: queryEmbedder) }
        let embedMs = queryEmbedder == nil ? 0 : embedWatch.milliseconds

        let searchWatch = SearchStopwatch()
        let retrieval: RetrievalResult
        if let vectorSearch, let queryEmbedder, let queryVector, queryVector.contains(where: { $0 != 0 }) {
            let cosines = try await storedCosines(queryVector, model: queryEmbedder.model, contents: contents, index: index,
                                                  options: request.options, search: vectorSearch)
            retrieval = try index.retrieve(question: question, storedCosines: cosines, options: request.options)
        } else {
            retrieval = try index.retrieve(question: question, queryVector: queryVector, options: request.options)
        }
        let searchMs = searchWatch.milliseconds

        let reasoningWatch = SearchStopwatch()
        let recommendation = Recommender.recommend(question: question, retrieval: retrieval, contents: contents,
                                                   requester: request.requester, role: request.role, policy: policy,
                                                   options: request.options)
        let reasoningMs = reasoningWatch.milliseconds

        let timings = SearchTimings(embedMs: embedMs, searchMs: searchMs, reasoningMs: reasoningMs, totalMs: total.milliseconds)
        var searchID: Int64?
        if request.logged, let monitor {
            searchID = try await monitor.logSearch(SearchLogEntry(
                askedAt: askedAt, question: question, requester: request.requester, role: request.role?.rawValue,
                model: queryEmbedder?.model, mode: mode, answerable: recommendation.answerable,
                recommendation: recommendation, timings: timings))
        }
        return SearchResponse(searchID: searchID, model: queryEmbedder?.model, options: request.options,
                              retrieval: retrieval, recommendation: recommendation, timings: timings)
    }

    // MARK: - The index

    /// What an index was built from: it serves a search only while both still hold.
    private struct CachedIndex {
        var contents: CatalogContents
        /// Item and text hash of every vector in the index, in item order.
        var vectors: [VectorStamp]
        var index: CatalogSearchIndex
    }

    private struct VectorStamp: Equatable {
        var item: CatalogItemID
        var textHash: String
        var embeddedAt: Date
    }

    /// The index for `contents` and `embedder`'s model, synchronizing embeddings first when
    /// the stored vectors lag behind the catalog; `embedder` nil gives the lexical index.
    private func currentIndex(for contents: CatalogContents, embedder: (any Embedder)?) async throws -> CatalogSearchIndex {
        guard let embedder else {
            if let cached = lexicalIndex, cached.contents == contents { return cached.index }
            let index = try CatalogSearchIndex(contents: contents, embeddings: [], model: nil)
            lexicalIndex = CachedIndex(contents: contents, vectors: [], index: index)
            return index
        }
        let model = embedder.model
        let documents = CatalogDocument.documents(from: contents)
        var stored = try await EmbeddingSynchronizer.storedVectors(of: model, in: embeddings)
        if !EmbeddingSyncPlan(documents: documents, stored: stored, model: model).isCurrent {
            _ = try await synchronizeEmbeddings()
            stored = try await EmbeddingSynchronizer.storedVectors(of: model, in: embeddings)
        }
        // Only vectors of this exact model made from each item's current text: should the
        // catalog change while this search runs, an item with an outdated vector is still
        // found by its words, never by its old meaning.
        let currentHashes = Dictionary(documents.map { ($0.id, $0.textHash) }, uniquingKeysWith: { first, _ in first })
        let usable = stored.filter { currentHashes[$0.item] == $0.textHash }
            .sorted { $0.item < $1.item }
        let stamps = usable.map { VectorStamp(item: $0.item, textHash: $0.textHash, embeddedAt: $0.embeddedAt) }
        if let cached = vectorIndex, cached.vectors == stamps, cached.contents == contents { return cached.index }
        // With a stored vector search the database compares vectors; the index keeps the words and structure.
        let index = try CatalogSearchIndex(contents: contents, embeddings: vectorSearch == nil ? usable : [], model: model)
        vectorIndex = CachedIndex(contents: contents, vectors: stamps, index: index)
        return index
    }

    /// Per kind, the cosine similarities of the items whose stored vector was made from their
    /// current text, computed by the database.
    private func storedCosines(_ vector: [Float], model: EmbeddingModel, contents: CatalogContents, index: CatalogSearchIndex,
                               options: RetrievalOptions, search: any StoredVectorSearch) async throws -> [CatalogItemKind: [String: Double]] {
        let documents = CatalogDocument.documents(from: contents)
        let currentHashes = Dictionary(documents.map { ($0.id, $0.textHash) }, uniquingKeysWith: { first, _ in first })
        let usable = try await EmbeddingSynchronizer.storedVectors(of: model, in: embeddings).filter { currentHashes[$0.item] == $0.textHash }
        var cosines: [CatalogItemKind: [String: Double]] = [:]
        for kind in CatalogItemKind.allCases {
            let items = Set(usable.filter { $0.item.kind == kind }.map(\.item.key))
            guard !items.isEmpty else { continue }
            cosines[kind] = try await search.cosines(to: vector, model: model, kind: kind, items: items,
                                                     limit: CatalogSearchIndex.cosineLimit(for: kind, options: options),
                                                     exactUpTo: index.exactSearchLimit)
        }
        return cosines
    }

    /// The question's vector, checked against the model's dimension.
    private func embedQuestion(_ question: String, with embedder: any Embedder) async throws -> [Float] {
        let model = embedder.model
        let vectors = try await embedder.embed([question], mode: .query)
        guard vectors.count == 1 else {
            throw EmbeddingError.unexpectedResponse(endpoint: model.description, reason: "asked for 1 vector for the question, got \(vectors.count)")
        }
        guard vectors[0].count == model.dimension else {
            throw EmbeddingError.dimensionMismatch(item: "the question", expected: model.dimension, found: vectors[0].count)
        }
        return vectors[0]
    }
}
