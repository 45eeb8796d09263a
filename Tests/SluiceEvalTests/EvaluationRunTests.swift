import Foundation
import SluiceEval
import SluiceSQLite
import SluiceSearch
import SluiceTestSupport
import Testing

/// Evaluation runs stored in the real `rag_monitor` schema and compared with earlier ones.
@Suite struct EvaluationRunTests {
    static let golden = GoldenSetFile(source: "golden.json", queries: [
        GoldenQuery(id: "q1", query: "exposure by sector", tables: ["positions": 3, "instruments": 2],
                    columns: ["instruments.sector": 3], kpi: "portfolio_exposure"),
        GoldenQuery(id: "q2", query: "weather in Zurich", tables: [:], kpi: nil),
        GoldenQuery(id: "q3", query: "commission by broker", tables: ["executions": 3, "counterparties": 2], kpi: "commission_by_broker"),
    ], sha256: String(repeating: "a", count: 64))

    static let model = EmbeddingModel(id: "sluice-hashed-ngram", version: "1", dimension: 384)

    /// What a good search answers for each golden question.
    static func good(_ query: GoldenQuery) -> SearchOutcome {
        switch query.id {
        case "q1": SearchOutcome(tables: [.init(id: "positions", score: 0.9), .init(id: "instruments", score: 0.8)],
                                 columns: [.init(id: "instruments.sector", score: 0.7)], kpi: "portfolio_exposure", latencyMs: 12)
        case "q3": SearchOutcome(tables: [.init(id: "executions", score: 0.8), .init(id: "orders", score: 0.7),
                                          .init(id: "counterparties", score: 0.6)], kpi: "commission_by_broker", latencyMs: 8)
        default: SearchOutcome(tables: [], latencyMs: 5, answerable: false)
        }
    }

    static func monitor() throws -> SQLiteSearchMonitor {
        try SQLiteSearchMonitor(database: SluiceDatabase(directory: Python.temporaryDirectory().path, schemas: [.catalog, .ragMonitor]))
    }

    @Test func scoresStoresAndRecordsJudgments() async throws {
        let monitor = try Self.monitor()
        let run = EvaluationRun(golden: Self.golden, model: Self.model, options: .default)
        let result = try await run.run(monitor: monitor) { Self.good($0) }

        #expect(result.previous == nil && result.regressions.isEmpty)
        let metrics = result.summary.metrics
        #expect(metrics["mrr"] == 1)
        #expect(metrics["r_at_5"] == 1)
        // q3 ranks a non-relevant table second: AP = (1/1 + 2/3) / 2; q1's AP is 1.
        let q3AveragePrecision: Double = (1 + 2.0 / 3) / 2
        let meanAveragePrecision: Double = (1 + q3AveragePrecision) / 2
        #expect(metrics["map"] == meanAveragePrecision)
        #expect(metrics[MetricName.kpiMatchRate] == 1)
        #expect(metrics[MetricName.noAnswerAccuracy] == 1)
        #expect(metrics["latency_ms_p50"] == 8)

        let id = try #require(result.record.id)
        let stored = try #require(try await monitor.evaluationRuns(limit: 1).first)
        #expect(stored.id == id)
        #expect(stored.goldenSHA256 == Self.golden.sha256 && stored.model == Self.model && stored.options == .default)
        #expect(stored.metrics == metrics)
        #expect(stored.queries.map(\.queryID) == ["q1", "q2", "q3"])
        let q1 = stored.queries[0]
        #expect(q1.rankedTables == ["positions", "instruments"])
        #expect(q1.rankedColumns == ["instruments.sector"])
        #expect(q1.expectedKPI == "portfolio_exposure" && q1.foundKPI == "portfolio_exposure")
        #expect(q1.latencyMs == 12 && q1.answerable)
        #expect(!stored.queries[1].answerable)

        let judgments = Set(stored.judgments.map { "\($0.queryID) \($0.itemKind.rawValue):\($0.itemKey)=\($0.grade)" })
        #expect(judgments == [
            "q1 table:positions=3", "q1 table:instruments=2", "q1 column:instruments.sector=3", "q1 kpi:portfolio_exposure=1",
            "q3 table:executions=3", "q3 table:counterparties=2", "q3 kpi:commission_by_broker=1",
        ])
    }

    @Test func comparesWithThePreviousRunOfTheSameGoldenModelAndMode() async throws {
        let monitor = try Self.monitor()
        let run = EvaluationRun(golden: Self.golden, model: Self.model, options: .default)
        let first = try await run.run(monitor: monitor) { Self.good($0) }
        let same = try await run.run(monitor: monitor) { Self.good($0) }
        #expect(same.previous?.id == first.record.id)
        #expect(same.regressions.isEmpty)

        // Worse: q1's tables come in the wrong order, the weather question gets an answer.
        let worse = try await run.run(monitor: monitor) { query in
            switch query.id {
            case "q1": SearchOutcome(tables: [.init(id: "clients", score: 0.9), .init(id: "positions", score: 0.5)], latencyMs: 12)
            case "q2": SearchOutcome(tables: [.init(id: "exchanges", score: 0.41)], latencyMs: 5)
            default: Self.good(query)
            }
        }
        #expect(worse.previous?.id == same.record.id)
        #expect(worse.regressions.contains("mrr"))
        #expect(worse.regressions.contains("ndcg_at_5"))
        #expect(worse.regressions.contains(MetricName.kpiMatchRate))
        #expect(worse.regressions.contains(MetricName.noAnswerAccuracy))
        #expect(worse.regressions.contains("columns_mrr"), "q1 lost its only judged column")
        #expect(!worse.regressions.contains("latency_ms_p50"))

        // Another mode, model or golden file starts its own baseline.
        var lexical = run
        lexical.options.mode = .lexical
        lexical.model = nil
        #expect(try await lexical.run(monitor: monitor) { Self.good($0) }.previous == nil)
        var edited = run
        edited.golden.sha256 = String(repeating: "b", count: 64)
        #expect(try await edited.run(monitor: monitor) { Self.good($0) }.previous == nil)
        var otherModel = run
        otherModel.model = EmbeddingModel(id: "sluice-hashed-ngram", version: "1", dimension: 64)
        #expect(try await otherModel.run(monitor: monitor) { Self.good($0) }.previous == nil)
    }

    @Test func theToleranceDecidesWhatCountsAsARegression() async throws {
        let monitor = try Self.monitor()
        var run = EvaluationRun(golden: Self.golden, model: Self.model, options: .default, tolerance: 0.01)
        _ = try await run.run(monitor: monitor) { Self.good($0) }
        // q3 now ranks counterparties behind two unjudged tables: MAP falls by 1/24 ≈ 0.042.
        let slightlyWorse: (GoldenQuery) -> SearchOutcome = { query in
            guard query.id == "q3" else { return Self.good(query) }
            return SearchOutcome(tables: [.init(id: "executions", score: 0.8), .init(id: "orders", score: 0.7),
                                          .init(id: "accounts", score: 0.65), .init(id: "counterparties", score: 0.6)],
                                 kpi: "commission_by_broker", latencyMs: 8)
        }
        run.tolerance = 0.05
        #expect(try await run.run(monitor: monitor, search: slightlyWorse).regressions.isEmpty)
        run.tolerance = 0.01
        _ = try await run.run(monitor: monitor) { Self.good($0) }
        #expect(try await run.run(monitor: monitor, search: slightlyWorse).regressions.contains("map"))
    }

    @Test func outcomeOfAResponseFollowsTheRecommendation() {
        let recommendation = Recommendation(
            question: "q", answerable: true, message: "found",
            tables: [RecommendedTable(name: "positions", score: 0.8, reasons: [], classification: .internal, rowCount: 358, selected: true),
                     RecommendedTable(name: "accounts", score: 0.0, reasons: ["bridge"], classification: .internal, rowCount: 63, selected: true)],
            columns: [RecommendedColumn(table: "clients", column: "segment", score: 0.6, dataType: "string", reasons: [],
                                        isPII: false, piiKind: nil, maskingRule: nil)],
            kpi: RecommendedKPI(id: "portfolio_exposure", name: "Portfolio exposure", score: 0.7, tables: [], template: "", reasons: []),
            governance: .none)
        let response = SearchResponse(searchID: nil, model: nil, options: .default, retrieval: RetrievalResult(),
                                      recommendation: recommendation,
                                      timings: SearchTimings(embedMs: 1, searchMs: 2, reasoningMs: 3, totalMs: 9))
        let outcome = EvaluationRun.outcome(of: response)
        #expect(outcome.tables == [RankedItem(id: "positions", score: 0.8), RankedItem(id: "accounts", score: 0)])
        #expect(outcome.columns == [RankedItem(id: "clients.segment", score: 0.6)])
        #expect(outcome.kpi == "portfolio_exposure")
        #expect(outcome.latencyMs == 9)
        #expect(outcome.answerable)
    }
}
