import Foundation
import SluiceEval
import Testing

@Suite struct EvaluatorTests {
    let golden = [
        GoldenQuery(id: "q1", query: "exposure", tables: ["positions": 3, "instruments": 2], columns: ["instruments.sector": 3], kpi: "exposure"),
        GoldenQuery(id: "q2", query: "mars weather", tables: ["weather": 0], kpi: nil),
        GoldenQuery(id: "q3", query: "trades", tables: ["trades": 1], kpi: "volume"),
        GoldenQuery(id: "q4", query: "clients", tables: ["clients": 2], kpi: "churn"),
    ]

    var outcomes: [String: SearchOutcome] {
        [
            "q1": SearchOutcome(
                tables: [.init(id: "instruments", score: 0.7), .init(id: "positions", score: 0.9)],
                columns: [.init(id: "instruments.sector", score: 0.5)], kpi: "exposure", latencyMs: 30),
            "q2": SearchOutcome(tables: [.init(id: "weather", score: 0.2)], latencyMs: 10),
            "q3": SearchOutcome(tables: [.init(id: "prices", score: 0.9), .init(id: "trades", score: 0.8)], kpi: "turnover", latencyMs: 20),
            // q4 has no outcome: the search failed for it.
        ]
    }

    @Test func perQueryMetricsAreDefinedOnlyWhereSomethingIsRelevant() throws {
        let summary = Evaluator.evaluate(golden: golden, results: outcomes)
        #expect(summary.perQuery.map(\.id) == ["q1", "q2", "q3", "q4"])
        let q1 = summary.perQuery[0]
        #expect(q1.metrics["map"] == 1)
        #expect(q1.metrics["p_at_5"] == 2.0 / 5)
        #expect(q1.metrics["columns_mrr"] == 1)
        #expect(Set(q1.metrics.keys) == Set(MetricName.ranking + MetricName.columnRanking))
        // q2 cannot be answered: no table metric, no column metric, still a latency.
        #expect(summary.perQuery[1].metrics.isEmpty)
        #expect(summary.perQuery[1].latencyMs == 10)
        #expect(summary.perQuery[2].metrics["mrr"] == 0.5)
        #expect(summary.perQuery[2].metrics["columns_mrr"] == nil)
        // q4 was not answered: zeros where defined, no latency.
        #expect(summary.perQuery[3].metrics["mrr"] == 0)
        #expect(summary.perQuery[3].latencyMs == nil)
    }

    @Test func meansSkipUnanswerableQueries() throws {
        let summary = Evaluator.evaluate(golden: golden, results: outcomes)
        // Over q1, q3, q4 only (q2 has no relevant table).
        let mrr: Double = (1 + 0.5 + 0) / 3
        let precision: Double = (2.0 / 5 + 1.0 / 5 + 0) / 3
        #expect(summary.metrics["mrr"] == mrr)
        #expect(summary.metrics["p_at_5"] == precision)
        // Columns: only q1 judges any.
        #expect(summary.metrics["columns_map"] == 1)
    }

    @Test func kpiMatchRateCountsQueriesWithAGoldenKPI() {
        let summary = Evaluator.evaluate(golden: golden, results: outcomes)
        #expect(summary.perQuery.map(\.kpiMatched) == [true, nil, false, false])
        #expect(summary.metrics[MetricName.kpiMatchRate] == 1.0 / 3)
        let none = Evaluator.evaluate(golden: [golden[1]], results: outcomes)
        #expect(none.metrics[MetricName.kpiMatchRate] == nil)
    }

    @Test func latencyPercentilesCoverEveryAnsweredQuery() {
        let summary = Evaluator.evaluate(golden: golden, results: outcomes)
        // 10, 20, 30 ms (q4 has none): p50 is rank 2, p95 and p99 rank 3.
        #expect(summary.metrics["latency_ms_p50"] == 20)
        #expect(summary.metrics["latency_ms_p95"] == 30)
        #expect(summary.metrics["latency_ms_p99"] == 30)
        let empty = Evaluator.evaluate(golden: [], results: [:])
        #expect(empty.metrics.isEmpty)
        #expect(empty.perQuery.isEmpty)
    }

    @Test func regressionsFlagDropsBeyondTheTolerance() {
        let previous = EvaluationSummary(metrics: [
            "map": 0.5, "mrr": 0.75, "p_at_5": 0.5, "kpi_match_rate": 1, "latency_ms_p95": 100, "columns_map": 0.25,
        ], perQuery: [])
        let current = EvaluationSummary(metrics: [
            "map": 0.4375,          // −0.0625: beyond 0.03
            "mrr": 0.75 - 0.015625,  // within
            "p_at_5": 0.75,          // better
            "kpi_match_rate": 1,
            "latency_ms_p95": 102,   // +2 %: within 3 %
            // columns_map vanished
            "ndcg_at_5": 0.1,        // new: not compared
        ], perQuery: [])
        #expect(Evaluator.regressions(current: current, previous: previous, tolerance: 0.03) == ["columns_map", "map"])
        var slower = current
        slower.metrics["latency_ms_p95"] = 104
        #expect(Evaluator.regressions(current: slower, previous: previous, tolerance: 0.03) == ["columns_map", "latency_ms_p95", "map"])
        #expect(Evaluator.regressions(current: previous, previous: previous, tolerance: 0) == [])
        var faster = previous
        faster.metrics["latency_ms_p95"] = 50
        #expect(Evaluator.regressions(current: faster, previous: previous, tolerance: 0) == [])
    }

    @Test func summariesRoundTripThroughJSON() throws {
        let summary = Evaluator.evaluate(golden: golden, results: outcomes)
        let data = try JSONEncoder().encode(summary)
        #expect(try JSONDecoder().decode(EvaluationSummary.self, from: data) == summary)
    }
}
