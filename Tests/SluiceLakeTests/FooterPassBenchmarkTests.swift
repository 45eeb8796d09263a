import Foundation
import Testing
@testable import SluiceLake

/// The footer-only pass behind `sluice bench lake-footers`, small enough for every test run.
@Suite struct FooterPassBenchmarkTests {
    @Test func footerPassOverSeaweedFSCostsOneHEADAndAtMostTwoGETsPerFile() async throws {
        try await TestS3.withBucket { bucket in
            let lake = PrefixedObjectStore(base: bucket, prefix: "bench/")
            let bench = try FooterPassBenchmark(store: lake, objects: 20, file: await FooterPassBenchmark.demoFile(), concurrency: 4)
            #expect(try await bench.prepare() == 20)
            #expect(try await bench.prepare() == 0, "copies already there are not uploaded again")
            #expect(try await listKeys(bucket, prefix: "bench/footers-bench/").count == 20)

            let report = try await bench.run()
            #expect(report.objects == 20)
            #expect(report.requests.heads == 20)
            #expect(report.requests.gets <= 40 && report.requests.gets >= 20)
            #expect(report.requests.lists == 0 && report.requests.writes == 0)
            #expect(report.headsPerObject == 1 && report.getsPerObject <= 2)
            // The demo footer fits in the reader's first tail read of 64 KiB: one GET of the tail per file.
            #expect(report.requests.gets == 20)
            #expect(report.requests.bytesRead == 20 * min(report.objectBytes, 64 * 1024), "file of \(report.objectBytes) bytes")
            #expect(report.footerBytes > 0 && report.footerBytes < report.objectBytes)
        }
    }

    @Test func keysAreZeroPaddedInOrder() throws {
        let bench = try FooterPassBenchmark(store: FolderStore(root: "/nonexistent"), objects: 3, file: Array("PAR1xxxx\u{4}\0\0\0PAR1".utf8))
        #expect(bench.keys == ["footers-bench/part-0000.parquet", "footers-bench/part-0001.parquet", "footers-bench/part-0002.parquet"])
        #expect(bench.footerLength == 4)
        #expect(throws: LakeError.self) { try FooterPassBenchmark(store: FolderStore(root: "/x"), objects: 1, file: [1, 2, 3]) }
    }
}
