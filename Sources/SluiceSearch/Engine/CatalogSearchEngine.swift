import SluiceCatalog
import SluiceGovernance

/// CONTRACT — owned by the engine helper; replace this body entirely.
public struct SearchRequest: Sendable {
    public var question: String
    public var requester: String?
    public var role: Role?
    public var options: RetrievalOptions

    public init(question: String, requester: String? = nil, role: Role? = nil, options: RetrievalOptions = .default) {
        self.question = question
        self.requester = requester
        self.role = role
        self.options = options
    }
}

public struct SearchResponse: Sendable, Codable, Equatable {
    /// The search log id; `nil` when the engine has no monitor.
    public var searchID: Int64?
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

/// Progress of bringing the stored vectors up to date.
public struct EmbeddingProgress: Sendable {
    public var embedded: Int
    public var total: Int
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

    public init(model: EmbeddingModel, stale: Int, missing: Int, unchanged: Int, removed: Int) {
        self.model = model
        self.stale = stale
        self.missing = missing
        self.unchanged = unchanged
        self.removed = removed
    }
}

public actor CatalogSearchEngine {
    public init(catalog: any CatalogStore, embeddings: any EmbeddingStore, embedder: (any Embedder)?,
                monitor: (any SearchMonitor)?, policy: AccessPolicy = .standard) {
        fatalError("contract")
    }

    public func synchronizeEmbeddings(progress: (@Sendable (EmbeddingProgress) -> Void)? = nil) async throws -> EmbeddingSyncSummary {
        fatalError("contract")
    }

    public func search(_ request: SearchRequest) async throws -> SearchResponse {
        fatalError("contract")
    }
}
