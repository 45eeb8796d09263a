import SluiceEval
import Testing

/// `no_answer_accuracy`: for questions the lake cannot answer, answering nothing is right.
@Suite struct NoAnswerAccuracyTests {
    let golden = [
        GoldenQuery(id: "weather", query: "weather in Zurich tomorrow", tables: [:]),
        GoldenQuery(id: "lunch", query: "canteen menu", tables: ["orders": 0]),
        GoldenQuery(id: "mars", query: "mars rovers", tables: [:]),
        GoldenQuery(id: "orders", query: "orders by side", tables: ["orders": 3]),
    ]

    @Test func countsOnlyQueriesWithoutARelevantTable() {
        let summary = Evaluator.evaluate(golden: golden, results: [
            "weather": SearchOutcome(tables: [], latencyMs: 1, answerable: false),
            "lunch": SearchOutcome(tables: [.init(id: "orders", score: 0.45)], latencyMs: 1),
            // "mars" has no outcome: an empty answer, which is the right one here.
            "orders": SearchOutcome(tables: [], latencyMs: 1, answerable: false),
        ])
        #expect(summary.perQuery.map(\.noAnswerCorrect) == [true, false, true, nil])
        #expect(summary.metrics[MetricName.noAnswerAccuracy] == 2.0 / 3)
        // The answerable question that got no answer is scored by the ranking metrics instead.
        #expect(summary.perQuery[3].metrics["mrr"] == 0)
    }

    @Test func answerableDefaultsToWhetherAnythingWasReturned() {
        #expect(SearchOutcome(tables: [], latencyMs: 1).answerable == false)
        #expect(SearchOutcome(tables: [], kpi: "var_trend", latencyMs: 1).answerable)
        #expect(SearchOutcome(tables: [], columns: [.init(id: "a.b", score: 1)], latencyMs: 1).answerable)
        #expect(SearchOutcome(tables: [.init(id: "a", score: 1)], latencyMs: 1, answerable: false).answerable == false)
    }

    @Test func absentWhenEveryQuestionHasARelevantTable() {
        let summary = Evaluator.evaluate(golden: [golden[3]], results: ["orders": SearchOutcome(tables: [], latencyMs: 1)])
        #expect(summary.metrics[MetricName.noAnswerAccuracy] == nil)
        #expect(MetricName.summary.contains(MetricName.noAnswerAccuracy))
    }
}
