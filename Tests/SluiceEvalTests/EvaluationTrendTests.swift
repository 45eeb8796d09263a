import Foundation
import SluiceEval
import SluiceSearch
import Testing

@Suite struct EvaluationTrendTests {
    func run(_ id: Int64, day: Int, model: EmbeddingModel?, mode: RetrievalMode, ndcg: Double) -> EvaluationRunRecord {
        var options = RetrievalOptions.default
        options.mode = mode
        return EvaluationRunRecord(id: id, startedAt: Date(timeIntervalSince1970: Double(day) * 86_400), goldenSource: "g.json",
                                   goldenSHA256: "s", model: model, options: options, metrics: ["ndcg_at_5": ndcg],
                                   queries: [], judgments: [])
    }

    @Test func groupsRunsByModelAndModeOldestFirst() {
        let hashed = EmbeddingModel(id: "sluice-hashed-ngram", version: "1", dimension: 384)
        let remote = EmbeddingModel(id: "text-embedding-3-small", version: "https://api.openai.com/v1", dimension: 1536)
        let runs = [
            run(5, day: 5, model: hashed, mode: .hybrid, ndcg: 0.8),
            run(4, day: 4, model: nil, mode: .lexical, ndcg: 0.6),
            run(2, day: 2, model: hashed, mode: .hybrid, ndcg: 0.7),
            run(3, day: 3, model: remote, mode: .hybrid, ndcg: 0.9),
            run(1, day: 1, model: hashed, mode: .vector, ndcg: 0.5),
            run(6, day: 2, model: hashed, mode: .hybrid, ndcg: 0.75),
        ]
        let series = EvaluationTrend.series(from: runs)
        #expect(series.map(\.label) == [
            "sluice-hashed-ngram@1 (384 dimensions), hybrid",
            "sluice-hashed-ngram@1 (384 dimensions), vector",
            "text-embedding-3-small@https://api.openai.com/v1 (1536 dimensions), hybrid",
            "no model, lexical",
        ])
        // Same start time: the lower id first.
        #expect(series[0].runs.map(\.id) == [2, 6, 5])
        #expect(series[0].runs.map { $0.metrics["ndcg_at_5"] } == [0.7, 0.75, 0.8])
        #expect(series[3].runs.map(\.id) == [4])
        #expect(EvaluationTrend.series(from: []).isEmpty)
    }
}
