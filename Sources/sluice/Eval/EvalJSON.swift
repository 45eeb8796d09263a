import SluiceEval
import SluiceSearch

/// `sluice eval --json` for one run: stable snake_case keys. `metrics` always holds every
/// summary metric (``MetricName/summary``), `null` where the golden set defines none (no
/// question without a relevant table gives no `no_answer_accuracy`).
struct EvalRunJSON: Encodable {
    struct Golden: Encodable {
        var path: String
        var sha256: String
        var queries: Int
    }

    struct Regression: Encodable {
        var metric: String
        var previous: Double
        /// `nil` when the metric is no longer defined.
        var current: Double?
    }

    struct Query: Encodable {
        var id: String
        var query: String
        var metrics: [String: Double]
        var kpi_expected: String?
        var kpi_found: String?
        var kpi_matched: Bool?
        var answerable: Bool
        var no_answer_correct: Bool?
        var latency_ms: Double?
        var tables: [String]
        var columns: [String]
    }

    var run_id: Int64?
    var started_at: String
    var model: ModelJSON?
    var mode: String
    var options: OptionsJSON
    var golden: Golden
    var metrics: [String: Double?]
    var per_query: [Query]
    var previous_run_id: Int64?
    var regressions: [Regression]

    init(_ result: EvaluationRunResult) {
        let record = result.record
        run_id = record.id
        started_at = record.startedAt.formatted(.iso8601)
        model = record.model.map(ModelJSON.init)
        mode = record.options.mode.rawValue
        options = OptionsJSON(record.options)
        golden = Golden(path: record.goldenSource, sha256: record.goldenSHA256, queries: record.queries.count)
        metrics = Dictionary(uniqueKeysWithValues: MetricName.summary.map { ($0, result.summary.metrics[$0]) })
        let evaluations = Dictionary(result.summary.perQuery.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        per_query = record.queries.map { query in
            let evaluation = evaluations[query.queryID]
            return Query(id: query.queryID, query: query.question, metrics: evaluation?.metrics ?? [:],
                         kpi_expected: query.expectedKPI, kpi_found: query.foundKPI, kpi_matched: evaluation?.kpiMatched,
                         answerable: query.answerable, no_answer_correct: evaluation?.noAnswerCorrect,
                         latency_ms: query.latencyMs, tables: query.rankedTables, columns: query.rankedColumns)
        }
        previous_run_id = result.previous?.id
        regressions = result.regressions.map { name in
            Regression(metric: name, previous: result.previous?.metrics[name] ?? 0, current: result.summary.metrics[name])
        }
    }
}

/// The retrieval options a run used.
struct OptionsJSON: Encodable {
    var mode: String
    var top_tables: Int
    var top_columns: Int
    var top_relationships: Int
    var top_kpis: Int
    var threshold: Double
    var relationship_threshold: Double

    init(_ options: RetrievalOptions) {
        mode = options.mode.rawValue
        top_tables = options.topTables
        top_columns = options.topColumns
        top_relationships = options.topRelationships
        top_kpis = options.topKPIs
        threshold = options.threshold
        relationship_threshold = options.relationshipThreshold
    }
}

/// `sluice eval --compare --json`: one run per mode, keyed by mode.
struct EvalComparisonJSON: Encodable {
    var modes: [String: EvalRunJSON]
}

/// `sluice eval --trend --json`.
struct EvalTrendJSON: Encodable {
    struct Run: Encodable {
        var run_id: Int64?
        var started_at: String
        var golden: String
        var golden_sha256: String
        var queries: Int
        /// The trend's metrics (``EvaluationTrend/metrics``), `null` where undefined.
        var metrics: [String: Double?]
    }

    struct Series: Encodable {
        var model: ModelJSON?
        var mode: String
        var runs: [Run]

        init(_ series: EvaluationTrend.Series) {
            model = series.model.map(ModelJSON.init)
            mode = series.mode.rawValue
            runs = series.runs.map { record in
                Run(run_id: record.id, started_at: record.startedAt.formatted(.iso8601), golden: record.goldenSource,
                    golden_sha256: record.goldenSHA256, queries: record.queries.count,
                    metrics: Dictionary(uniqueKeysWithValues: EvaluationTrend.metrics.map { ($0, record.metrics[$0]) }))
            }
        }
    }

    var series: [Series]
}
