import Foundation
import SluiceCatalog
import SluiceLake
import SluiceSQLite
import SluiceTestSupport
import Testing

/// The same scan over S3 (SeaweedFS with signed requests, from `scripts/services.sh`).
/// Without the server's variables this fails rather than skips: the lake on S3 is a
/// supported setup and only a real server proves it.
@Suite struct S3ScanTests {
    @Test func demoLakeOnS3ScansLikeTheFolder() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard environment["AWS_ENDPOINT_URL"] != nil else {
            Issue.record("S3 scan test needs `scripts/services.sh up && eval \"$(scripts/services.sh env)\"` (make test does it)")
            return
        }
        let bucket = "sluice-scan-" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        let s3 = try S3Store(bucket: String(bucket), configuration: S3Configuration(environment: environment))
        try await s3.createBucket()
        let state = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        do {
            let lake = PrefixedObjectStore(base: s3, prefix: "demo/")
            let generated = try await DemoLakeGenerator(store: lake, options: .init(seed: 42, scale: 1)).generate()
            let catalog = try SQLiteCatalogStore(directory: state.path)
            let summary = try await CatalogScanner(lake: lake, store: catalog).scan()
            let contents = try await catalog.load()
            let spec = try DemoLakeSpecText.load()

            #expect(summary.added.count == 14)
            #expect(contents.tables.allSatisfy { $0.lakeURI.hasPrefix("s3://\(bucket)") })
            #expect(contents.tables.allSatisfy { $0.objects.allSatisfy { $0.etag?.isEmpty == false } }, "S3 ETags recorded")
            #expect(contents.piiColumnNames == spec.piiColumns)
            #expect(contents.relationshipNames == spec.relationships)
            #expect(summary.bytesRead > 0 && summary.bytesRead <= generated.bytes + 14 * 65_536)

            let again = try await CatalogScanner(lake: lake, store: catalog).scan()
            #expect(again.unchanged.count == 14 && again.bytesRead == 0)
        } catch {
            try? await cleanUp(s3)
            throw error
        }
        try await cleanUp(s3)
    }

    private func cleanUp(_ store: S3Store) async throws {
        var keys: [String] = []
        for try await object in store.list(prefix: "") { keys.append(object.key) }
        for key in keys { try await store.delete(key) }
        try await store.deleteBucket()
    }
}
