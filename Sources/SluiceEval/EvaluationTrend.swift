import SluiceSearch

/// Search quality over time: stored evaluation runs grouped by embedding model and
/// retrieval mode, each group oldest first.
///
/// A group is one line of a quality chart: numbers within it are comparable when their
/// golden file is the same (``EvaluationRunRecord/goldenSHA256``); across groups they show
/// what a model or mode change did.
///
/// ```swift
/// for series in EvaluationTrend.series(from: try await monitor.evaluationRuns(limit: nil)) {
///     print(series.label, series.runs.map { $0.metrics["ndcg_at_5"] ?? 0 })
/// }
/// ```
public enum EvaluationTrend {
    public struct Series: Sendable, Equatable {
        /// `nil` for lexical retrieval, which uses no model.
        public var model: EmbeddingModel?
        public var mode: RetrievalMode
        /// Oldest first.
        public var runs: [EvaluationRunRecord]

        /// `sluice-hashed-ngram@1 (384 dimensions), hybrid` or `no model, lexical`.
        public var label: String { "\(model.map(\.description) ?? "no model"), \(mode.rawValue)" }
    }

    /// The metrics a trend shows per run, in order: ranking quality at the top, the first
    /// relevant table's rank, recall deep in the list, KPI matching, and the typical wait.
    public static let metrics = ["ndcg_at_5", "mrr", "r_at_10", MetricName.kpiMatchRate, "latency_ms_p50"]

    /// Groups `runs` (in any order) by model and mode. Groups are ordered by the model's
    /// description, no model last, then by mode; runs within a group by start time, then id.
    public static func series(from runs: [EvaluationRunRecord]) -> [Series] {
        struct Key: Hashable {
            var model: EmbeddingModel?
            var mode: RetrievalMode
        }
        let groups = Dictionary(grouping: runs) { Key(model: $0.model, mode: $0.options.mode) }
        let modeOrder = RetrievalMode.allCases
        return groups.map { key, runs in
            Series(model: key.model, mode: key.mode, runs: runs.sorted {
                ($0.startedAt, $0.id ?? 0) < ($1.startedAt, $1.id ?? 0)
            })
        }
        .sorted { a, b in
            let left = a.model?.description ?? "\u{10FFFF}", right = b.model?.description ?? "\u{10FFFF}"
            if left != right { return left < right }
            return modeOrder.firstIndex(of: a.mode)! < modeOrder.firstIndex(of: b.mode)!
        }
    }
}
