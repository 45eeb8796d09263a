import Foundation
import SluiceCatalog
import SluiceLake
import SluiceTestSupport
import Testing

/// Discovers and profiles the generated demo lake, and reports what that costs.
///
/// `SLUICE_PROFILE_DEMO_SCALE=100` profiles a larger lake (for measurements); the
/// default is scale 1.
@Suite struct DemoLakeProfileTests {
    @Test func demoLakeProfilesWithTheGeneratorsRowCounts() async throws {
        let scale = ProcessInfo.processInfo.environment["SLUICE_PROFILE_DEMO_SCALE"].flatMap { Int($0) } ?? 1
        let root = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let summary = try await DemoLakeGenerator(store: FolderStore(root: root.path), options: .init(seed: 42, scale: scale)).generate()

        var objects: [ObjectInfo] = []
        for try await object in FolderStore(root: root.path).list(prefix: "") { objects.append(object) }
        let discovery = DatasetDiscovery.discover(objects)
        #expect(discovery.skipped.isEmpty)
        #expect(Set(discovery.datasets.map(\.name)) == Set(summary.tables.map(\.table)))

        let expectedRows = Dictionary(uniqueKeysWithValues: summary.tables.map { ($0.table, $0.rows) })
        for (label, sampleRows) in [("all rows", nil), ("footers only", 0)] as [(String, Int?)] {
            let counting = RequestCountingStore(base: FolderStore(root: root.path))
            let profiler = DatasetProfiler(store: counting, options: .init(sampleRows: sampleRows))
            let clock = ContinuousClock()
            let start = clock.now
            var profiles: [String: DatasetProfile] = [:]
            for dataset in discovery.datasets {
                profiles[dataset.name] = try await profiler.profile(dataset)
            }
            let elapsed = clock.now - start
            for (name, profile) in profiles {
                #expect(profile.rowCount == expectedRows[name], "\(name)")
                #expect(profile.isRowCountExact)
            }
            print("demo lake scale \(scale), \(label): \(summary.rows) rows, \(summary.bytes) bytes in \(summary.files) files; read \(counting.counts.bytesRead) bytes in \(counting.counts.gets) GETs, \(elapsed) (debug build unless built with -c release)")

            guard sampleRows == nil else { continue }
            let orders = try #require(profiles["orders"])
            let column = { (name: String) in try #require(orders.columns.first { $0.field.name == name }) }
            #expect(try column("order_id").profile.isUnique)
            #expect(Set(try column("side").profile.topValues.map(\.value)).isSubset(of: ["BUY", "SELL", "SHRT"]))
            #expect(try column("created_at").profile.min?.hasSuffix("Z") == true)
            let clients = try #require(profiles["clients"])
            let names = try #require(clients.columns.first { $0.field.name == "legal_name" })
            #expect(names.sample.values.count == min(names.profile.distinctCount, 1000))
        }
    }
}
