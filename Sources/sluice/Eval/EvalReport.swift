import Foundation
import SluiceEval
import SluiceSearch

/// The human-readable forms of `sluice eval`: the metric table (one value column per
/// mode), regressions marked where they happened, per-query lines, and the trend.
enum EvalReport {
    /// The summary metrics with their display names, in groups the table separates with a
    /// blank line: tables, columns, KPI and no-answer, latency.
    static let sections: [[(name: String, label: String)]] = [
        rankingLabels(prefix: "", title: "tables"),
        rankingLabels(prefix: MetricName.columnPrefix, title: "columns"),
        [(MetricName.kpiMatchRate, "KPI match rate"), (MetricName.noAnswerAccuracy, "no-answer accuracy")],
        [("latency_ms_p50", "latency p50 (ms)"), ("latency_ms_p95", "latency p95 (ms)"), ("latency_ms_p99", "latency p99 (ms)")],
    ]

    private static func rankingLabels(prefix: String, title: String) -> [(name: String, label: String)] {
        zip(MetricName.ranking, ["P@5", "P@10", "R@5", "R@10", "nDCG@5", "nDCG@10", "MRR", "MAP"]).map { (prefix + $0, "\(title) \($1)") }
    }

    static func lines(_ results: [EvaluationRunResult], verbose: Bool) -> [String] {
        guard let first = results.first else { return [] }
        let record = first.record
        var lines = [
            "Golden set \(record.goldenSource): \(record.queries.count) queries (sha256 \(record.goldenSHA256.prefix(12)))",
            "Model: \(results.compactMap(\.record.model).first?.description ?? "none (lexical)")",
        ]
        for result in results {
            let id = result.record.id.map { "run \($0)" } ?? "not stored"
            let baseline = result.previous?.id.map { "compared with run \($0)" } ?? "no earlier comparable run"
            lines.append("\(result.record.options.mode.rawValue): \(id), \(baseline)")
        }
        lines.append("")

        let header = ["metric"] + results.map(\.record.options.mode.rawValue)
        let groups = sections.map { section in
            section.map { name, label in [label] + results.map { cell(name, in: $0) } }
        }
        let table = TextTable(header: header, sample: groups.flatMap { $0 })
        lines += table.headerLines(header)
        for group in groups {
            lines += group.map { table.line($0) }
            lines.append("")
        }

        var anyRegression = false
        for result in results where !result.regressions.isEmpty {
            anyRegression = true
            let changes = result.regressions.map { name in
                "\(name) \(format(name, result.previous?.metrics[name])) → \(format(name, result.summary.metrics[name]))"
            }
            lines.append("! \(result.record.options.mode.rawValue) regressed since run \(result.previous?.id.map(String.init) ?? "?"): "
                + changes.joined(separator: ", "))
        }
        if !anyRegression { lines.append("No regressions (tolerance applied per metric; ! marks a regressed value).") }

        if verbose {
            for result in results { lines += queryLines(result) }
        }
        return lines
    }

    /// A metric's value, with `!` when it regressed; `-` when the golden set defines it for no query.
    private static func cell(_ name: String, in result: EvaluationRunResult) -> String {
        format(name, result.summary.metrics[name]) + (result.regressions.contains(name) ? " !" : "")
    }

    private static func format(_ name: String, _ value: Double?) -> String {
        guard let value else { return "-" }
        return MetricName.lowerIsBetter(name) ? String(format: "%.1f", value) : String(format: "%.3f", value)
    }

    private static func queryLines(_ result: EvaluationRunResult) -> [String] {
        let evaluations = Dictionary(result.summary.perQuery.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var lines = ["", "Per query (\(result.record.options.mode.rawValue)): id, nDCG@5, RR, KPI expected/found, top tables"]
        for query in result.record.queries {
            let evaluation = evaluations[query.queryID]
            let ndcg = format("ndcg_at_5", evaluation?.metrics["ndcg_at_5"])
            let rr = format("mrr", evaluation?.metrics["mrr"])
            var kpi = "\(query.expectedKPI ?? "-")/\(query.foundKPI ?? "-")"
            if let matched = evaluation?.kpiMatched { kpi += matched ? " ok" : " MISS" }
            var top = query.rankedTables.prefix(5).joined(separator: ", ")
            if !query.answerable { top = "(no answer)" }
            if let correct = evaluation?.noAnswerCorrect { top += correct ? " ok: nothing relevant" : " MISS: should answer nothing" }
            lines.append("  \(query.queryID)  nDCG@5 \(ndcg)  RR \(rr)  KPI \(kpi)  \(top)")
        }
        return lines
    }

    // MARK: - Trend

    static func trendLines(_ series: [EvaluationTrend.Series]) -> [String] {
        guard !series.isEmpty else { return ["No evaluation runs stored yet: run `sluice eval`."] }
        var lines: [String] = []
        for group in series {
            if !lines.isEmpty { lines.append("") }
            lines.append(group.label)
            let header = ["date", "run", "golden", "nDCG@5", "MRR", "R@10", "KPI", "p50 ms"]
            let rows = group.runs.map { run -> [String] in
                [run.startedAt.formatted(.iso8601), run.id.map(String.init) ?? "-",
                 "\((run.goldenSource as NSString).lastPathComponent) (\(run.goldenSHA256.prefix(8)))"]
                    + EvaluationTrend.metrics.map { format($0, run.metrics[$0]) }
            }
            let table = TextTable(header: header, sample: rows)
            lines += table.headerLines(header).map { "  " + $0 }
            lines += rows.map { "  " + table.line($0) }
        }
        return lines
    }
}
