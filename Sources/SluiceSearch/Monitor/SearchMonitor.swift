import Foundation

/// How long a search took, split the way the search log records it.
public struct SearchTimings: Sendable, Codable, Equatable {
    /// Embedding the question (0 in lexical mode).
    public var embedMs: Double
    /// Vector and BM25 retrieval over the index.
    public var searchMs: Double
    /// Building the recommendation: table scores, join plan, KPI, governance.
    public var reasoningMs: Double
    public var totalMs: Double

    public init(embedMs: Double, searchMs: Double, reasoningMs: Double, totalMs: Double) {
        self.embedMs = embedMs
        self.searchMs = searchMs
        self.reasoningMs = reasoningMs
        self.totalMs = totalMs
    }
}

/// One row of `rag_monitor.search_log`.
public struct SearchLogEntry: Sendable, Codable, Equatable {
    public var askedAt: Date
    public var question: String
    public var requester: String?
    public var role: String?
    /// `nil` in lexical mode (no embedder involved).
    public var model: EmbeddingModel?
    public var mode: RetrievalMode
    public var answerable: Bool
    /// The whole recommendation, stored as JSON.
    public var recommendation: Recommendation
    public var timings: SearchTimings

    public init(askedAt: Date, question: String, requester: String?, role: String?, model: EmbeddingModel?, mode: RetrievalMode,
                answerable: Bool, recommendation: Recommendation, timings: SearchTimings) {
        self.askedAt = askedAt
        self.question = question
        self.requester = requester
        self.role = role
        self.model = model
        self.mode = mode
        self.answerable = answerable
        self.recommendation = recommendation
        self.timings = timings
    }
}

/// A logged search with the id feedback refers to.
public struct LoggedSearch: Sendable, Equatable {
    public var id: Int64
    public var entry: SearchLogEntry

    public init(id: Int64, entry: SearchLogEntry) {
        self.id = id
        self.entry = entry
    }
}

public enum FeedbackRating: String, Sendable, Codable, CaseIterable {
    case up
    case down
}

/// One row of `rag_monitor.feedback_log`: a thumbs up or down on one result of a search.
public struct FeedbackEntry: Sendable, Codable, Equatable {
    public var searchID: Int64
    public var item: CatalogItemID
    public var rating: FeedbackRating
    public var comment: String?
    public var requester: String?
    public var givenAt: Date

    public init(searchID: Int64, item: CatalogItemID, rating: FeedbackRating, comment: String?, requester: String?, givenAt: Date) {
        self.searchID = searchID
        self.item = item
        self.rating = rating
        self.comment = comment
        self.requester = requester
        self.givenAt = givenAt
    }
}

/// One call to an external embedding provider (`rag_monitor.embedding_calls`): what left
/// the machine and how big it was. Texts themselves are not stored.
public struct EmbeddingCallRecord: Sendable, Codable, Equatable {
    public var calledAt: Date
    /// Base URL of the provider (never with a key).
    public var endpoint: String
    public var model: String
    public var mode: EmbeddingMode
    public var inputCount: Int
    /// Characters of all texts sent together.
    public var inputCharacters: Int
    public var requestBytes: Int
    public var responseBytes: Int
    /// `usage.prompt_tokens` when the provider reports it.
    public var promptTokens: Int?
    public var durationMs: Double
    /// `nil` on success, else what went wrong.
    public var error: String?

    public init(calledAt: Date, endpoint: String, model: String, mode: EmbeddingMode, inputCount: Int, inputCharacters: Int,
                requestBytes: Int, responseBytes: Int, promptTokens: Int?, durationMs: Double, error: String?) {
        self.calledAt = calledAt
        self.endpoint = endpoint
        self.model = model
        self.mode = mode
        self.inputCount = inputCount
        self.inputCharacters = inputCharacters
        self.requestBytes = requestBytes
        self.responseBytes = responseBytes
        self.promptTokens = promptTokens
        self.durationMs = durationMs
        self.error = error
    }
}

/// One golden query's result within an evaluation run.
public struct EvaluationQueryRecord: Sendable, Codable, Equatable {
    public var queryID: String
    public var question: String
    /// Metric name → value (the per-query metrics of SluiceEval's `QueryEvaluation`).
    public var metrics: [String: Double]
    public var expectedKPI: String?
    public var foundKPI: String?
    public var latencyMs: Double?
    /// Table names, best first, as the search ranked them.
    public var rankedTables: [String]
    /// `table.column`, best first.
    public var rankedColumns: [String]
    public var answerable: Bool

    public init(queryID: String, question: String, metrics: [String: Double], expectedKPI: String?, foundKPI: String?,
                latencyMs: Double?, rankedTables: [String], rankedColumns: [String], answerable: Bool) {
        self.queryID = queryID
        self.question = question
        self.metrics = metrics
        self.expectedKPI = expectedKPI
        self.foundKPI = foundKPI
        self.latencyMs = latencyMs
        self.rankedTables = rankedTables
        self.rankedColumns = rankedColumns
        self.answerable = answerable
    }
}

/// One row of `rag_monitor.relevance_judgments`: a golden grade an evaluation run used.
public struct RelevanceJudgmentRecord: Sendable, Codable, Equatable {
    public var queryID: String
    /// `table`, `column` or `kpi`.
    public var itemKind: CatalogItemKind
    public var itemKey: String
    /// TREC grade 0…3 (1 for the expected KPI).
    public var grade: Int

    public init(queryID: String, itemKind: CatalogItemKind, itemKey: String, grade: Int) {
        self.queryID = queryID
        self.itemKind = itemKind
        self.itemKey = itemKey
        self.grade = grade
    }
}

/// One `sluice eval` run (`rag_monitor.evaluation_runs` with its per-query rows and judgments).
public struct EvaluationRunRecord: Sendable, Codable, Equatable {
    /// Assigned by the store; `nil` before saving.
    public var id: Int64?
    public var startedAt: Date
    /// The golden set's path as given.
    public var goldenSource: String
    /// SHA-256 hex of the golden file's bytes: runs compare fairly only over the same set.
    public var goldenSHA256: String
    public var model: EmbeddingModel?
    public var options: RetrievalOptions
    /// Summary metrics (SluiceEval's `EvaluationSummary.metrics`).
    public var metrics: [String: Double]
    public var queries: [EvaluationQueryRecord]
    public var judgments: [RelevanceJudgmentRecord]

    public init(id: Int64? = nil, startedAt: Date, goldenSource: String, goldenSHA256: String, model: EmbeddingModel?,
                options: RetrievalOptions, metrics: [String: Double], queries: [EvaluationQueryRecord], judgments: [RelevanceJudgmentRecord]) {
        self.id = id
        self.startedAt = startedAt
        self.goldenSource = goldenSource
        self.goldenSHA256 = goldenSHA256
        self.model = model
        self.options = options
        self.metrics = metrics
        self.queries = queries
        self.judgments = judgments
    }
}

/// The `rag_monitor` schema: what search did and how good it was.
public protocol SearchMonitor: Sendable {
    /// Records a search; returns its id (what feedback refers to).
    func logSearch(_ entry: SearchLogEntry) async throws -> Int64
    /// The most recent searches, newest first.
    func recentSearches(limit: Int) async throws -> [LoggedSearch]
    /// Records feedback; throws ``SearchMonitorError/unknownSearch(_:)`` when no search has the id.
    @discardableResult
    func logFeedback(_ entry: FeedbackEntry) async throws -> Int64
    func feedback(forSearch id: Int64) async throws -> [FeedbackEntry]
    func logEmbeddingCall(_ record: EmbeddingCallRecord) async throws
    func recentEmbeddingCalls(limit: Int) async throws -> [EmbeddingCallRecord]
    /// Saves a run with its query rows and judgments in one transaction; returns its id.
    func saveEvaluationRun(_ run: EvaluationRunRecord) async throws -> Int64
    /// Runs, newest first (`limit` nil for all), each with its queries and judgments.
    func evaluationRuns(limit: Int?) async throws -> [EvaluationRunRecord]
}

public enum SearchMonitorError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownSearch(Int64)
    case store(location: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownSearch(id): "no search with id \(id) in the search log (`sluice search --history` lists them)"
        case let .store(location, reason): "search monitor \(location): \(reason)"
        }
    }
}
