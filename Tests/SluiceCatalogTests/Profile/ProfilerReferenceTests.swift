import Foundation
@testable import SluiceCatalog
import SluiceCore
import SluiceLake
import SluiceTestSupport
import Testing

/// The profiler against pandas, on files pyarrow writes (`Tests/tools/profile_reference.py`).
@Suite struct ProfilerReferenceTests {
    /// Written once: the script takes seconds, and every test only reads the files.
    static let lake = Result { try ReferenceLake.make(mode: "lake") }

    private var lake: ReferenceLake {
        get throws { try Self.lake.get() }
    }

    @Test func parquetWithRowGroupsMatchesPandasAndUsesFooters() async throws {
        let lake = try lake
        let dataset = try await lake.dataset("mixed.parquet")
        let profile = try await DatasetProfiler(store: lake.store).profile(dataset)
        try ProfileComparison.check(profile, against: try lake.reference("mixed.parquet"))
        #expect(profile.rowsRead == 20_000 && profile.isRowCountExact)
        for column in profile.columns {
            #expect(column.profile.minMaxSource == .footer, "\(column.field.name)")
            #expect(column.profile.profiledRows == 20_000)
        }
        let types = Dictionary(uniqueKeysWithValues: profile.columns.map { ($0.field.name, $0.field.type) })
        #expect(types["amount"] == .decimal(precision: 10, scale: 2) && types["big"] == .uint64 && types["ratio"] == .float32)
        #expect(types["ts"] == .timestamp(.micros, utc: true) && types["day"] == .date)
    }

    @Test func parquetWithoutStatisticsTakesBoundsFromData() async throws {
        let lake = try lake
        let profile = try await DatasetProfiler(store: lake.store).profile(try await lake.dataset("nostats.parquet"))
        try ProfileComparison.check(profile, against: try lake.reference("nostats.parquet"))
        for column in profile.columns {
            #expect(column.profile.minMaxSource == .data, "\(column.field.name)")
        }
    }

    @Test func csvMatchesPandas() async throws {
        let lake = try lake
        let profile = try await DatasetProfiler(store: lake.store).profile(try await lake.dataset("people.csv"))
        try ProfileComparison.check(profile, against: try lake.reference("people.csv"))
        #expect(profile.isRowCountExact && profile.rowsRead == 1_500)
        #expect(profile.columns.map(\.field.type) == [.int64, .string, .float64, .date, .boolean])
    }

    @Test func sampledCSVSaysItsRowCountIsALowerBound() async throws {
        let lake = try lake
        let profiler = DatasetProfiler(store: lake.store, options: .init(sampleRows: 100))
        let profile = try await profiler.profile(try await lake.dataset("people.csv"))
        #expect(!profile.isRowCountExact)
        #expect(profile.rowsRead >= 100 && profile.rowsRead < 1_500 && profile.rowCount == profile.rowsRead)
        #expect(profile.columns.allSatisfy { $0.profile.profiledRows == profile.rowsRead })
    }

    @Test func partFolderMatchesPandas() async throws {
        let lake = try lake
        let dataset = try await lake.dataset("trades/")
        #expect(dataset.name == "trades" && dataset.objects.count == 3)
        let profile = try await DatasetProfiler(store: lake.store).profile(dataset)
        try ProfileComparison.check(profile, against: try lake.reference("trades/"))
    }

    @Test func hivePartitionsBecomeStringColumnsAfterFileColumns() async throws {
        let lake = try lake
        let dataset = try await lake.dataset("sales/")
        #expect(dataset.partitionKeys == ["region", "year"])
        let profile = try await DatasetProfiler(store: lake.store).profile(dataset)
        // pyarrow's dataset may order the parts differently, so samples are checked as a set.
        try ProfileComparison.check(profile, against: try lake.reference("sales/"), samplesInRowOrder: false)
        #expect(profile.columns.map(\.field.name) == ["id", "price", "category", "region", "year"])
        #expect(profile.columns.map(\.isPartitionKey) == [false, false, false, true, true])
        #expect(profile.columns[3].field.type == .string)
    }

    @Test func partsWithDifferentColumnsNameTheFileAndColumn() async throws {
        let lake = try lake
        let dataset = try await lake.dataset("broken/")
        await #expect(throws: DatasetProfileError.schemaMismatch(dataset: "broken", file: "broken/part-1.parquet", column: "qty",
                                                                 reason: "type float64, broken/part-0.parquet has int32")) {
            try await DatasetProfiler(store: lake.store).profile(dataset)
        }
    }

    /// The sketch of each key-like column equals one built from pandas' distinct values.
    @Test func keySketchesHashTheValueText() async throws {
        let lake = try lake
        let reference = try lake.reference("mixed.parquet")
        for limit in [100_000, 10] {
            let options = ProfileOptions(exactDistinctLimit: limit)
            let profile = try await DatasetProfiler(store: lake.store, options: options).profile(try await lake.dataset("mixed.parquet"))
            for column in profile.columns {
                let name = column.field.name
                switch name {
                case "qty", "name", "category", "day", "small":
                    let values = try #require(reference.columns[name]?.values)
                    #expect(column.keySketch == KeySketch(values: values), "\(name), exact limit \(limit)")
                case "id", "big":
                    #expect(column.keySketch?.hashes.count == KeySketch.defaultCapacity, "\(name)")
                default:
                    #expect(column.keySketch == nil, "\(name)")
                }
            }
        }
    }

    /// Past the exact limit, counts switch to HyperLogLog and Space-Saving; with fewer
    /// distinct values than counters, the top values are still exact.
    @Test func estimatesAfterTheExactLimit() async throws {
        let lake = try lake
        let reference = try lake.reference("mixed.parquet")
        let options = ProfileOptions(exactDistinctLimit: 3, detectionSampleLimit: 4)
        let profile = try await DatasetProfiler(store: lake.store, options: options).profile(try await lake.dataset("mixed.parquet"))
        for name in ["category", "qty", "name"] {
            let column = try #require(profile.columns.first { $0.field.name == name })
            let expected = try #require(reference.columns[name])
            #expect(column.profile.distinctMethod == .hyperLogLog)
            // Linear counting is all but exact this small: off by one when two values share a register.
            #expect(abs(column.profile.distinctCount - expected.nunique) <= 1, "\(name)")
            #expect(column.profile.topValues.map(\.count) == expected.top_counts, "\(name)")
            #expect(column.profile.samples == Array(expected.first!.prefix(5)), "\(name)")
            #expect(column.sample.values == Array(expected.first!.prefix(4)), "\(name)")
            #expect(!column.profile.isUnique)
        }
        let id = try #require(profile.columns.first { $0.field.name == "id" })
        #expect(abs(Double(id.profile.distinctCount) / 20_000 - 1) < 0.02)
    }
}
