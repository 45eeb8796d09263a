import Foundation
import SluiceSearch

/// One evaluation of a search configuration over a golden set: asks every golden
/// question, scores the answers (``Evaluator``), stores the run with its per-query rows and
/// judgments, and compares it with the previous comparable run.
///
/// ```swift
/// let run = EvaluationRun(golden: golden, model: engine.model, options: options)
/// let result = try await run.run(monitor: monitor) { query in
///     let response = try await engine.search(SearchRequest(question: query.query, options: options, logged: false))
///     return EvaluationRun.outcome(of: response)
/// }
/// result.summary.metrics["ndcg_at_5"]
/// result.regressions                      // ["mrr"] when MRR fell by more than the tolerance
/// ```
///
/// Questions are asked one at a time, in golden-set order, so latencies are not
/// inflated by each other. A failing search stops the run (nothing is stored): a
/// half-evaluated run would read as a regression.
public struct EvaluationRun: Sendable {
    public var golden: GoldenSetFile
    /// The embedding model searched with; `nil` for lexical retrieval.
    public var model: EmbeddingModel?
    public var options: RetrievalOptions
    /// How far a quality metric may fall before it counts as a regression: an absolute
    /// amount on its 0...1 scale (see ``Evaluator/regressions(current:previous:tolerance:)``).
    public var tolerance: Double
    /// How much slower a latency percentile may get before it counts as a regression, as a
    /// fraction of the previous value. Kept apart from ``tolerance`` because wall time on
    /// a shared machine varies by tens of percent between identical runs, while scores of
    /// a deterministic search do not vary at all.
    public var latencyTolerance: Double

    public init(golden: GoldenSetFile, model: EmbeddingModel?, options: RetrievalOptions, tolerance: Double = 0.01,
                latencyTolerance: Double = 0.5) {
        self.golden = golden
        self.model = model
        self.options = options
        self.tolerance = tolerance
        self.latencyTolerance = latencyTolerance
    }

    /// Runs every golden question through `search`, then stores the run in `monitor`
    /// (when given) and compares it with the latest stored run over the same golden file
    /// (SHA-256), model and retrieval mode.
    public func run(monitor: (any SearchMonitor)?,
                    search: (GoldenQuery) async throws -> SearchOutcome) async throws -> EvaluationRunResult {
        let startedAt = Date()
        var outcomes: [String: SearchOutcome] = [:]
        for query in golden.queries {
            outcomes[query.id] = try await search(query)
        }
        let summary = Evaluator.evaluate(golden: golden.queries, results: outcomes)
        var record = EvaluationRunRecord(
            startedAt: startedAt, goldenSource: golden.source, goldenSHA256: golden.sha256, model: model, options: options,
            metrics: summary.metrics,
            queries: zip(golden.queries, summary.perQuery).map { query, evaluation in
                Self.queryRecord(query, evaluation: evaluation, outcome: outcomes[query.id])
            },
            judgments: golden.queries.flatMap(Self.judgments))

        var previous: EvaluationRunRecord?
        if let monitor {
            // Read before saving, so the run never finds itself.
            previous = try await monitor.evaluationRuns(limit: nil).first(where: isComparable)
            record.id = try await monitor.saveEvaluationRun(record)
        }
        let regressions = previous.map { regressedMetrics(current: summary.metrics, previous: $0.metrics) } ?? []
        return EvaluationRunResult(summary: summary, record: record, previous: previous, regressions: regressions)
    }

    /// Quality metrics held to ``tolerance``, latency to ``latencyTolerance``, sorted by name.
    func regressedMetrics(current: [String: Double], previous: [String: Double]) -> [String] {
        func part(_ metrics: [String: Double], latency: Bool) -> EvaluationSummary {
            EvaluationSummary(metrics: metrics.filter { MetricName.lowerIsBetter($0.key) == latency }, perQuery: [])
        }
        let quality = Evaluator.regressions(current: part(current, latency: false), previous: part(previous, latency: false),
                                            tolerance: tolerance)
        let latency = Evaluator.regressions(current: part(current, latency: true), previous: part(previous, latency: true),
                                            tolerance: latencyTolerance)
        return (quality + latency).sorted()
    }

    /// Whether `other` measured the same thing: same golden bytes, model and mode.
    public func isComparable(_ other: EvaluationRunRecord) -> Bool {
        other.goldenSHA256 == golden.sha256 && other.model == model && other.options.mode == options.mode
    }

    /// The evaluation input of one search: the recommended tables in their order with their
    /// scores, the recommended columns as `table.column`, the matched KPI's id, the total
    /// time and whether the search answered at all.
    public static func outcome(of response: SearchResponse) -> SearchOutcome {
        let recommendation = response.recommendation
        return SearchOutcome(
            tables: recommendation.tables.map { RankedItem(id: $0.name, score: $0.score) },
            columns: recommendation.columns.map { RankedItem(id: $0.qualifiedName, score: $0.score) },
            kpi: recommendation.kpi?.id,
            latencyMs: response.timings.totalMs,
            answerable: recommendation.answerable)
    }

    /// The golden grades as stored judgments: tables and columns with their grades, the
    /// expected KPI with grade 1 (a KPI either matches or not).
    static func judgments(_ query: GoldenQuery) -> [RelevanceJudgmentRecord] {
        query.tables.sorted { $0.key < $1.key }.map { RelevanceJudgmentRecord(queryID: query.id, itemKind: .table, itemKey: $0.key, grade: $0.value) }
            + query.columns.sorted { $0.key < $1.key }.map { RelevanceJudgmentRecord(queryID: query.id, itemKind: .column, itemKey: $0.key, grade: $0.value) }
            + (query.kpi.map { [RelevanceJudgmentRecord(queryID: query.id, itemKind: .kpi, itemKey: $0, grade: 1)] } ?? [])
    }

    private static func queryRecord(_ query: GoldenQuery, evaluation: QueryEvaluation, outcome: SearchOutcome?) -> EvaluationQueryRecord {
        var metrics = evaluation.metrics
        if let correct = evaluation.noAnswerCorrect { metrics[MetricName.noAnswerAccuracy] = correct ? 1 : 0 }
        if let matched = evaluation.kpiMatched { metrics[MetricName.kpiMatchRate] = matched ? 1 : 0 }
        return EvaluationQueryRecord(
            queryID: query.id, question: query.query, metrics: metrics, expectedKPI: query.kpi, foundKPI: outcome?.kpi,
            latencyMs: evaluation.latencyMs, rankedTables: outcome.map { IRMetrics.ranking($0.tables) } ?? [],
            rankedColumns: outcome.map { IRMetrics.ranking($0.columns) } ?? [], answerable: outcome?.answerable ?? false)
    }
}

/// What ``EvaluationRun/run(monitor:search:)`` produced.
public struct EvaluationRunResult: Sendable {
    public var summary: EvaluationSummary
    /// The stored run; its ``EvaluationRunRecord/id`` is set when a monitor saved it.
    public var record: EvaluationRunRecord
    /// The latest earlier run over the same golden file, model and mode, if any.
    public var previous: EvaluationRunRecord?
    /// Metrics that fell since ``previous`` by more than the tolerance, sorted by name.
    public var regressions: [String]
}
