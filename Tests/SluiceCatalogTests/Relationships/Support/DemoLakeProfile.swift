import Foundation
import SluiceCatalog
import SluiceCore
import SluiceLake
import SluiceTestSupport

/// The demo lake as the scan sees it: generated, discovered and profiled by the real
/// ``DatasetProfiler``, with the spec's PII columns stripped of their sketches as the
/// scan strips them. Cached per scale and sketch capacity for the test process.
struct DemoLakeProfile: Sendable {
    /// The spec's PII columns (`../shared/spec/demo-lake.md`): no sketch.
    static let piiColumns: Set<String> = [
        "clients.legal_name", "clients.short_name", "clients.date_of_birth", "clients.email", "clients.phone",
        "clients.relationship_manager", "accounts.account_number", "aml_alerts.assigned_to",
    ]

    let tables: [TableMetadata]
    let columns: [ColumnMetadata]

    /// The demo lake of seed 42 at `scale`, with key sketches of `sketchCapacity`.
    static func catalog(scale: Int, sketchCapacity: Int = KeySketch.defaultCapacity) async throws -> (tables: [TableMetadata], columns: [ColumnMetadata]) {
        let profile = try await cache.profile(scale: scale, capacity: sketchCapacity)
        return (profile.tables, profile.columns)
    }

    private static let cache = Cache()

    private actor Cache {
        var tasks: [[Int]: Task<DemoLakeProfile, any Error>] = [:]

        func profile(scale: Int, capacity: Int) async throws -> DemoLakeProfile {
            if let task = tasks[[scale, capacity]] { return try await task.value }
            let task = Task { try await DemoLakeProfile.generate(scale: scale, capacity: capacity) }
            tasks[[scale, capacity]] = task
            return try await task.value
        }
    }

    private static func generate(scale: Int, capacity: Int) async throws -> DemoLakeProfile {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = FolderStore(root: folder.path)
        _ = try await DemoLakeGenerator(store: store, options: .init(seed: 42, scale: scale)).generate()
        var listing: [ObjectInfo] = []
        for try await object in store.list(prefix: "") { listing.append(object) }
        let profiler = DatasetProfiler(store: store, options: ProfileOptions(keySketchCapacity: capacity))
        var tables: [TableMetadata] = []
        var columns: [ColumnMetadata] = []
        for dataset in DatasetDiscovery.discover(listing).datasets {
            let profile = try await profiler.profile(dataset)
            tables.append(TableMetadata(
                name: dataset.name, lakePath: dataset.lakePath, lakeURI: store.location, format: dataset.format.rawValue,
                rowCount: profile.rowCount, fileSize: dataset.totalSize, objects: dataset.objects,
                contentHash: dataset.contentHash, scannedAt: Date()))
            for (position, column) in profile.columns.enumerated() {
                let isPII = piiColumns.contains("\(dataset.name).\(column.field.name)")
                columns.append(ColumnMetadata(
                    table: dataset.name, name: column.field.name, position: position, dataType: column.field.type.description,
                    isNullable: column.field.isNullable, profile: column.profile,
                    pii: isPII ? PIIVerdict(isPII: true, score: 1, matchedFraction: 1, reason: "PII in the spec") : .notPII,
                    keySketch: isPII ? nil : column.keySketch))
            }
        }
        return DemoLakeProfile(tables: tables, columns: columns)
    }
}
