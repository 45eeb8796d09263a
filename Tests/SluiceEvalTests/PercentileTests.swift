import SluiceEval
import Testing

@Suite struct PercentileTests {
    @Test func nearestRankPicksAMeasuredValue() {
        // The textbook example: 15 20 35 40 50.
        let values: [Double] = [50, 15, 40, 20, 35]
        #expect(Percentile.nearestRank(5, of: values) == 15)
        #expect(Percentile.nearestRank(30, of: values) == 20)
        #expect(Percentile.nearestRank(40, of: values) == 20)
        #expect(Percentile.nearestRank(50, of: values) == 35)
        #expect(Percentile.nearestRank(100, of: values) == 50)
    }

    @Test func wholePercentilesDoNotRoundUpAnExactRank() {
        // p7 of 100 values is rank 7 exactly; computed as 0.07 * 100 it would be 7.000000000000001 → 8.
        let values = (1...20).map(Double.init)
        #expect(Percentile.nearestRank(95, of: values) == 19)
        #expect(Percentile.nearestRank(99, of: values) == 20)
        #expect(Percentile.nearestRank(50, of: values) == 10)
        let hundred = (1...100).map(Double.init)
        #expect(Percentile.nearestRank(99, of: hundred) == 99)
        #expect(Percentile.nearestRank(95, of: hundred) == 95)
        #expect(Percentile.nearestRank(7, of: hundred) == 7)
    }

    @Test func smallAndEmptySamples() {
        #expect(Percentile.nearestRank(50, of: []) == nil)
        #expect(Percentile.nearestRank(1, of: [7]) == 7)
        #expect(Percentile.nearestRank(99, of: [7]) == 7)
        #expect(Percentile.nearestRank(50, of: [1, 2]) == 1)
    }
}
