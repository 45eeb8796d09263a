/// The keys of ``QueryEvaluation/metrics`` and ``EvaluationSummary/metrics``.
///
/// Per query: `p_at_5 p_at_10 r_at_5 r_at_10 ndcg_at_5 ndcg_at_10 mrr map` over the
/// ranked tables, and the same names prefixed `columns_` over the ranked columns.
/// The summary adds `kpi_match_rate`, `no_answer_accuracy` and
/// `latency_ms_p50 latency_ms_p95 latency_ms_p99`.
public enum MetricName {
    /// The per-query ranking metrics, unprefixed (tables).
    public static let ranking = ["p_at_5", "p_at_10", "r_at_5", "r_at_10", "ndcg_at_5", "ndcg_at_10", "mrr", "map"]
    /// The prefix of the same metrics over ranked columns.
    public static let columnPrefix = "columns_"
    /// The ranking metrics over columns.
    public static let columnRanking = ranking.map { columnPrefix + $0 }
    /// Share of queries with a golden KPI whose search matched it.
    public static let kpiMatchRate = "kpi_match_rate"
    /// Share of the queries without a relevant table (questions the lake cannot answer)
    /// for which the search answered nothing rather than guess. It is the only score such
    /// queries get, since every ranking metric is undefined for them; a search that always
    /// answers something scores 0 here however good its rankings are.
    public static let noAnswerAccuracy = "no_answer_accuracy"
    /// Latency percentiles in milliseconds (nearest rank, see ``Percentile``).
    public static let latency = ["latency_ms_p50", "latency_ms_p95", "latency_ms_p99"]

    /// Every summary metric, in the order reports list them: tables, columns, KPI,
    /// no-answer, latency.
    public static let summary = ranking + columnRanking + [kpiMatchRate, noAnswerAccuracy] + latency

    /// Whether a larger value is worse (latency); for every other metric larger is better.
    public static func lowerIsBetter(_ name: String) -> Bool { name.hasPrefix("latency_") }

    /// The eight ranking metrics of one ranked list against its judgments.
    static func rankingMetrics(ranked: [String], judgments: [String: Int], prefix: String = "") -> [String: Double] {
        [
            prefix + "p_at_5": IRMetrics.precision(at: 5, ranked: ranked, judgments: judgments),
            prefix + "p_at_10": IRMetrics.precision(at: 10, ranked: ranked, judgments: judgments),
            prefix + "r_at_5": IRMetrics.recall(at: 5, ranked: ranked, judgments: judgments),
            prefix + "r_at_10": IRMetrics.recall(at: 10, ranked: ranked, judgments: judgments),
            prefix + "ndcg_at_5": IRMetrics.ndcg(at: 5, ranked: ranked, judgments: judgments),
            prefix + "ndcg_at_10": IRMetrics.ndcg(at: 10, ranked: ranked, judgments: judgments),
            prefix + "mrr": IRMetrics.reciprocalRank(ranked: ranked, judgments: judgments),
            prefix + "map": IRMetrics.averagePrecision(ranked: ranked, judgments: judgments),
        ]
    }
}
