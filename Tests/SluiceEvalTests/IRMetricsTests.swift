import Foundation
import SluiceEval
import Testing

/// Hand-worked examples, readable without Python; the random cross-check covers the rest.
@Suite struct IRMetricsTests {
    // Ranked: a(3) x(unjudged) b(0) c(1) d(2); judged but not returned: e(3).
    let ranked = ["a", "x", "b", "c", "d"]
    let judgments = ["a": 3, "b": 0, "c": 1, "d": 2, "e": 3]

    @Test func precisionDividesByTheCutoff() {
        #expect(IRMetrics.precision(at: 5, ranked: ranked, judgments: judgments) == 3.0 / 5)
        // Only five results, yet P@10 divides by 10.
        #expect(IRMetrics.precision(at: 10, ranked: ranked, judgments: judgments) == 3.0 / 10)
        #expect(IRMetrics.precision(at: 1, ranked: ranked, judgments: judgments) == 1)
        #expect(IRMetrics.precision(at: 5, ranked: [], judgments: judgments) == 0)
    }

    @Test func recallCountsEveryRelevantJudgment() {
        // Four relevant (a c d e), three of them returned.
        #expect(IRMetrics.recall(at: 5, ranked: ranked, judgments: judgments) == 3.0 / 4)
        #expect(IRMetrics.recall(at: 2, ranked: ranked, judgments: judgments) == 1.0 / 4)
        #expect(IRMetrics.recall(at: 5, ranked: ranked, judgments: ["b": 0]) == 0)
    }

    @Test func ndcgUsesLinearGainsAndTheIdealOverAllJudgments() {
        let dcg = 3.0 + 1 / log2(5.0) + 2 / log2(6.0)
        let ideal = 3.0 + 3 / log2(3.0) + 2 / log2(4.0) + 1 / log2(5.0)
        #expect(abs(IRMetrics.ndcg(at: 5, ranked: ranked, judgments: judgments) - dcg / ideal) < 1e-15)
        // At k = 2 both sums stop after two ranks.
        let ideal2 = 3.0 + 3 / log2(3.0)
        #expect(abs(IRMetrics.ndcg(at: 2, ranked: ranked, judgments: judgments) - 3.0 / ideal2) < 1e-15)
        #expect(IRMetrics.ndcg(at: 5, ranked: ["e", "a", "d", "c"], judgments: judgments) == 1)
        #expect(IRMetrics.ndcg(at: 5, ranked: ranked, judgments: ["b": 0]) == 0)
    }

    @Test func reciprocalRankAndAveragePrecision() {
        #expect(IRMetrics.reciprocalRank(ranked: ranked, judgments: judgments) == 1)
        #expect(IRMetrics.reciprocalRank(ranked: ["x", "b", "d"], judgments: judgments) == 1.0 / 3)
        #expect(IRMetrics.reciprocalRank(ranked: ["x", "b"], judgments: judgments) == 0)
        // Relevant at ranks 1, 4, 5; four relevant in all.
        let ap = (1.0 / 1 + 2.0 / 4 + 3.0 / 5) / 4
        #expect(abs(IRMetrics.averagePrecision(ranked: ranked, judgments: judgments) - ap) < 1e-15)
    }

    @Test func aRepeatedIdCountsOnceAtItsFirstRank() {
        #expect(IRMetrics.precision(at: 5, ranked: ["a", "a", "a"], judgments: judgments) == 1.0 / 5)
        #expect(IRMetrics.averagePrecision(ranked: ["a", "a", "c"], judgments: judgments) == (1.0 + 2.0 / 2) / 4)
    }

    @Test func rankingSortsByScoreThenIdDescendingInByteOrder() {
        let items = [("b", 1.0), ("a", 1.0), ("c", 2.0), ("B", 1.0), ("d10", 0.5), ("d2", 0.5), ("é", 1.0), ("z", 1.0)]
            .map { RankedItem(id: $0.0, score: $0.1) }
        // Bytes: "é" (0xC3…) > "z" > "b" > "a" > "B"; "d2" > "d10" as text.
        #expect(IRMetrics.ranking(items) == ["c", "é", "z", "b", "a", "B", "d2", "d10"])
    }

    @Test func scoresTieAtFloatPrecisionAsInTrecEval() {
        // trec_eval keeps scores as 32-bit floats: these pairs tie and fall back to the id.
        #expect(IRMetrics.ranking([.init(id: "a", score: 1 + 1e-12), .init(id: "b", score: 1)]) == ["b", "a"])
        #expect(IRMetrics.ranking([.init(id: "a", score: 1e301), .init(id: "b", score: 1e300)]) == ["b", "a"])
        #expect(IRMetrics.ranking([.init(id: "a", score: 0), .init(id: "b", score: -0.0)]) == ["b", "a"])
        // One Float step apart is a real difference.
        let above = Double(Float(1).nextUp)
        #expect(IRMetrics.ranking([.init(id: "a", score: above), .init(id: "b", score: 1)]) == ["a", "b"])
    }

    @Test func rankingKeepsTheBestOccurrenceOfARepeatedIdAndPutsNaNLast() {
        let items = [RankedItem(id: "a", score: 0.1), RankedItem(id: "n", score: .nan), RankedItem(id: "b", score: 0.5), RankedItem(id: "a", score: 0.9)]
        #expect(IRMetrics.ranking(items) == ["a", "b", "n"])
        #expect(IRMetrics.ranking([]) == [])
    }
}
