/// Scores search outcomes against a golden set and compares runs.
///
/// How the queries count:
/// - Table metrics average over the queries with at least one relevant table. A query
///   without one asks something the lake cannot answer; recall and nDCG are 0/0 there,
///   and scoring it 0 would punish a search for correctly finding nothing. trec_eval
///   likewise averages only over judged queries (pytrec_eval itself reports 0 for a
///   judged query without a relevant document; grade-0 judgments change no metric
///   here, so we treat such a query as unjudged). Column metrics follow the same rule
///   over relevant columns, independently.
/// - A golden query without a recorded outcome is scored as an empty answer (0 where
///   the metric is defined), like trec_eval's `-c`, so failing to answer never raises
///   a mean; it has no latency.
/// - The KPI match rate counts the queries whose golden `kpi` is not null; a match is
///   exact id equality.
/// - The no-answer accuracy counts the queries without a relevant table: a query scores
///   when its outcome is not ``SearchOutcome/answerable``. A query without an outcome
///   is an empty answer here too, and an empty answer is the right one for them.
/// - Latency percentiles cover every query with an outcome, answerable or not: the
///   analyst waits either way.
public enum Evaluator {
    /// Scores `results` (golden query id → outcome) against `golden`.
    public static func evaluate(golden: [GoldenQuery], results: [String: SearchOutcome]) -> EvaluationSummary {
        let perQuery = golden.map { evaluate($0, outcome: results[$0.id]) }
        var summary: [String: Double] = [:]
        for name in MetricName.ranking + MetricName.columnRanking {
            let values = perQuery.compactMap { $0.metrics[name] }
            if !values.isEmpty { summary[name] = mean(values) }
        }
        let kpiResults = perQuery.compactMap(\.kpiMatched)
        if !kpiResults.isEmpty {
            summary[MetricName.kpiMatchRate] = Double(kpiResults.filter { $0 }.count) / Double(kpiResults.count)
        }
        let noAnswers = perQuery.compactMap(\.noAnswerCorrect)
        if !noAnswers.isEmpty {
            summary[MetricName.noAnswerAccuracy] = Double(noAnswers.filter { $0 }.count) / Double(noAnswers.count)
        }
        let latencies = perQuery.compactMap(\.latencyMs)
        for (name, p) in zip(MetricName.latency, [50.0, 95.0, 99.0]) {
            if let value = Percentile.nearestRank(p, of: latencies) { summary[name] = value }
        }
        return EvaluationSummary(metrics: summary, perQuery: perQuery)
    }

    /// The scores of one query.
    public static func evaluate(_ query: GoldenQuery, outcome: SearchOutcome?) -> QueryEvaluation {
        var metrics: [String: Double] = [:]
        if query.hasRelevantTables {
            let ranked = IRMetrics.ranking(outcome?.tables ?? [])
            metrics.merge(MetricName.rankingMetrics(ranked: ranked, judgments: query.tables)) { $1 }
        }
        if query.hasRelevantColumns {
            let ranked = IRMetrics.ranking(outcome?.columns ?? [])
            metrics.merge(MetricName.rankingMetrics(ranked: ranked, judgments: query.columns, prefix: MetricName.columnPrefix)) { $1 }
        }
        let kpiMatched = query.kpi.map { $0 == outcome?.kpi }
        let noAnswerCorrect = query.hasRelevantTables ? nil : !(outcome?.answerable ?? false)
        return QueryEvaluation(id: query.id, metrics: metrics, kpiMatched: kpiMatched, latencyMs: outcome?.latencyMs,
                               noAnswerCorrect: noAnswerCorrect)
    }

    /// The metrics that got worse from `previous` to `current` by more than `tolerance`,
    /// sorted by name.
    ///
    /// Quality metrics (higher is better) regress when they drop by more than
    /// `tolerance`, an absolute amount on their 0...1 scale (0.01 = one point).
    /// Latency percentiles regress when they grow by more than `tolerance` *as a
    /// fraction* of the previous value (0.01 = 1 % slower): milliseconds share no
    /// scale with scores, and a relative bound stays meaningful as the lake grows.
    /// A metric the previous run had and the current one lacks is listed too, since
    /// it can no longer be vouched for; metrics new in `current` are not.
    public static func regressions(current: EvaluationSummary, previous: EvaluationSummary, tolerance: Double) -> [String] {
        precondition(tolerance >= 0, "a tolerance is not negative")
        return previous.metrics.keys.sorted().filter { name in
            let before = previous.metrics[name]!
            guard let now = current.metrics[name] else { return true }
            if MetricName.lowerIsBetter(name) { return now > before + before * tolerance }
            return now < before - tolerance
        }
    }

    private static func mean(_ values: [Double]) -> Double {
        values.reduce(0, +) / Double(values.count)
    }
}
