import Foundation
import SluiceCatalog
import SluiceLake
import SluiceTestSupport
import Testing

/// What footers answer, proven by counting the bytes the profiler asks the store for.
@Suite struct FooterProfileTests {
    private func profile(sampleRows: Int?) async throws -> (DatasetProfile, RequestCounts, DiscoveredDataset) {
        let lake = try ProfilerReferenceTests.lake.get()
        let dataset = try await lake.dataset("mixed.parquet")
        let counting = RequestCountingStore(base: lake.store)
        let profile = try await DatasetProfiler(store: counting, options: .init(sampleRows: sampleRows)).profile(dataset)
        return (profile, counting.counts, dataset)
    }

    @Test func aSmallSampleReadsOneRowGroupAndTakesTheRestFromFooters() async throws {
        let reference = try ProfilerReferenceTests.lake.get().reference("mixed.parquet")
        let (sampled, sampledCounts, dataset) = try await profile(sampleRows: 100)
        let (_, fullCounts, _) = try await profile(sampleRows: nil)

        #expect(sampled.rowCount == 20_000 && sampled.isRowCountExact)
        #expect(sampled.rowsRead == 4_000, "whole row groups are read: the first one holds 4,000 rows")
        #expect(sampledCounts.bytesRead < dataset.totalSize / 2)
        #expect(sampledCounts.bytesRead < fullCounts.bytesRead)
        #expect(sampledCounts.heads == 0, "the listing's size is used, so no HEAD is needed")
        for column in sampled.columns {
            let expected = try #require(reference.columns[column.field.name])
            let kind = expected.kind ?? "other"
            #expect(column.profile.profiledRows == 4_000)
            #expect(column.profile.nullCount == expected.nulls, "\(column.field.name): footer null count covers every row")
            #expect(column.profile.minMaxSource == .footer)
            #expect(ProfileComparison.sameValue(column.profile.min, expected.min, kind: kind), "\(column.field.name)")
            #expect(ProfileComparison.sameValue(column.profile.max, expected.max, kind: kind), "\(column.field.name)")
            #expect(column.profile.distinctCount <= expected.nunique)
        }
        print("mixed.parquet (\(dataset.totalSize) bytes, 5 row groups): sampleRows 100 read \(sampledCounts.bytesRead) bytes in \(sampledCounts.gets) GETs; all rows read \(fullCounts.bytesRead) bytes in \(fullCounts.gets) GETs")
    }

    @Test func aZeroSampleReadsOnlyTheFooter() async throws {
        let reference = try ProfilerReferenceTests.lake.get().reference("mixed.parquet")
        let (profile, counts, _) = try await profile(sampleRows: 0)
        #expect(profile.rowsRead == 0 && profile.rowCount == 20_000)
        #expect(counts.gets == 1, "one ranged read of the file's tail")
        for column in profile.columns {
            let expected = try #require(reference.columns[column.field.name])
            #expect(column.profile.nullCount == expected.nulls)
            #expect(ProfileComparison.sameValue(column.profile.min, expected.min, kind: expected.kind ?? "other"))
            #expect(column.profile.profiledRows == 0 && column.profile.samples.isEmpty && column.profile.topValues.isEmpty)
        }
    }
}
