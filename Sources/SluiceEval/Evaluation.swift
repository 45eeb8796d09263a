/// What one search answered for one golden query: the input of ``Evaluator``.
public struct SearchOutcome: Sendable {
    /// Recommended tables with their scores, in any order (``IRMetrics/ranking(_:)`` orders them).
    public var tables: [RankedItem]
    /// Recommended columns (`table.column`) with their scores.
    public var columns: [RankedItem]
    /// The KPI the search matched, if any.
    public var kpi: String?
    /// Wall time of the search in milliseconds.
    public var latencyMs: Double
    /// Whether the search answered at all. A search that finds nothing passing its
    /// threshold says so instead of guessing; for a question the lake cannot answer that
    /// is the right answer (see ``MetricName/noAnswerAccuracy``).
    public var answerable: Bool

    /// `answerable` defaults to whether the outcome names any table, column or KPI.
    public init(tables: [RankedItem], columns: [RankedItem] = [], kpi: String? = nil, latencyMs: Double, answerable: Bool? = nil) {
        self.tables = tables
        self.columns = columns
        self.kpi = kpi
        self.latencyMs = latencyMs
        self.answerable = answerable ?? (!tables.isEmpty || !columns.isEmpty || kpi != nil)
    }
}

/// The scores of one golden query.
public struct QueryEvaluation: Codable, Sendable, Equatable {
    /// The golden query's id.
    public var id: String
    /// Metric name (see ``MetricName``) → value. A metric that is undefined for this
    /// query is absent rather than 0: table metrics when no table is relevant, column
    /// metrics when no column is.
    public var metrics: [String: Double]
    /// Whether the search matched the golden KPI; `nil` when the golden query has none.
    public var kpiMatched: Bool?
    /// The search's latency; `nil` when no outcome was recorded for the query.
    public var latencyMs: Double?
    /// For a query without a relevant table (the lake cannot answer it): whether the
    /// search rightly answered nothing. `nil` for every other query.
    public var noAnswerCorrect: Bool?

    public init(id: String, metrics: [String: Double], kpiMatched: Bool?, latencyMs: Double?, noAnswerCorrect: Bool? = nil) {
        self.id = id
        self.metrics = metrics
        self.kpiMatched = kpiMatched
        self.latencyMs = latencyMs
        self.noAnswerCorrect = noAnswerCorrect
    }
}

/// The scores of a whole golden set: what a search-quality run reports and compares.
public struct EvaluationSummary: Codable, Sendable, Equatable {
    /// Each per-query metric averaged over the queries where it is defined, plus
    /// `kpi_match_rate`, `no_answer_accuracy` and `latency_ms_p50/p95/p99`. A metric no
    /// query defines is absent.
    public var metrics: [String: Double]
    /// One entry per golden query, in golden-set order.
    public var perQuery: [QueryEvaluation]

    public init(metrics: [String: Double], perQuery: [QueryEvaluation]) {
        self.metrics = metrics
        self.perQuery = perQuery
    }
}
