import Foundation
@testable import SluiceCatalog
import SluiceLake
import SluiceTestSupport
import Testing

/// HyperLogLog and Space-Saving, directly and through the profiler on a million-value file.
@Suite struct DistinctEstimationTests {
    @Test func hyperLogLogIsWithinTwoPercentOnMillionsOfIntegers() {
        var estimator = HyperLogLog()
        let distinct = 2_000_000
        // Every value twice: duplicates must not count.
        for _ in 0..<2 {
            for value in 0..<distinct { estimator.insert(hash: ValueHash.scalar(UInt64(value) &* 7919)) }
        }
        #expect(abs(Double(estimator.estimate) / Double(distinct) - 1) < 0.02)
    }

    @Test func hyperLogLogIsWithinTwoPercentOnAMillionTexts() {
        var estimator = HyperLogLog()
        let distinct = 1_000_000
        for value in 0..<distinct {
            ValueText.withUTF8(integer: Int64(value), as: .int64) { estimator.insert(hash: ValueHash.text($0)) }
        }
        #expect(abs(Double(estimator.estimate) / Double(distinct) - 1) < 0.02)
    }

    @Test func hyperLogLogCountsSmallSetsNearlyExactly() {
        for distinct in [0, 1, 10, 1_000] {
            var estimator = HyperLogLog()
            for value in 0..<distinct { estimator.insert(hash: ValueHash.scalar(UInt64(value))) }
            #expect(abs(estimator.estimate - distinct) <= max(1, distinct / 100), "\(distinct)")
        }
    }

    /// Heavy values among a long tail of singletons: all are found, with counts that
    /// overstate by at most total / counters, as Space-Saving guarantees.
    @Test func spaceSavingFindsTheHeavyValues() throws {
        var summary = SpaceSaving(capacity: 64)
        var truth: [UInt64: Int] = [:]
        var total = 0
        for position in 0..<200_000 {
            let key: UInt64 = position % 10 < 3 ? UInt64(position % 3) : UInt64(1_000 + position)
            summary.offer(key)
            truth[key, default: 0] += 1
            total += 1
        }
        for heavy: UInt64 in 0..<3 {
            let counter = try #require(summary.keys.firstIndex(of: heavy))
            #expect(summary.counts[counter] >= truth[heavy]!)
            #expect(summary.counts[counter] - truth[heavy]! <= total / 64)
        }
    }

    @Test func profilerEstimatesAMillionDistinctValuesWithinTwoPercent() async throws {
        let lake = try ReferenceLake.make(mode: "large")
        defer { try? FileManager.default.removeItem(at: lake.root) }
        let dataset = try await lake.dataset("large.parquet")
        let reference = try lake.reference("large.parquet")
        let profile = try await DatasetProfiler(store: lake.store).profile(dataset)
        #expect(profile.rowCount == reference.rows)
        for column in profile.columns {
            let expected = try #require(reference.columns[column.field.name]).nunique
            #expect(expected > 1_000_000)
            #expect(column.profile.distinctMethod == .hyperLogLog)
            let error = Double(column.profile.distinctCount) / Double(expected) - 1
            #expect(abs(error) < 0.02, "\(column.field.name): \(column.profile.distinctCount) vs \(expected)")
            #expect(!column.profile.isUnique, "uniqueness is claimed only while counting exactly")
            #expect(column.keySketch?.hashes.count == KeySketch.defaultCapacity)
            print("\(column.field.name): HyperLogLog \(column.profile.distinctCount) vs pandas \(expected) (\(String(format: "%+.3f", error * 100))%)")
        }
    }
}
