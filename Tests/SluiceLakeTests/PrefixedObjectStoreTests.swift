import Foundation
import Testing
@testable import SluiceLake

@Suite struct PrefixedObjectStoreTests {
    @Test(arguments: StoreKind.allCases)
    func keysAreRelativeToThePrefix(_ kind: StoreKind) async throws {
        try await withStore(kind) { base in
            try await base.put("outside.txt", bytes: Array("x".utf8))
            let lake = PrefixedObjectStore(base: base, prefix: "lake")
            try await lake.put("raw/a b.csv", bytes: Array("id\n1\n".utf8))

            #expect(try await base.head("lake/raw/a b.csv").size == 5)
            #expect(try await lake.head("raw/a b.csv").key == "raw/a b.csv")
            #expect(try await lake.get("raw/a b.csv", range: 0..<2) == Array("id".utf8))
            var keys: [String] = []
            for try await info in lake.list(prefix: "") { keys.append(info.key) }
            #expect(keys == ["raw/a b.csv"])
            #expect(lake.location.hasSuffix("/lake/"))

            try await lake.delete("raw/a b.csv")
            await #expect(throws: LakeError.self) { try await base.head("lake/raw/a b.csv") }
            #expect(try await base.head("outside.txt").size == 1)
        }
    }

    /// `sluice lake generate --to s3://bucket/prefix` goes through this path.
    @Test(arguments: StoreKind.allCases)
    func demoLakeGeneratesUnderAPrefix(_ kind: StoreKind) async throws {
        try await withStore(kind) { base in
            let lake = PrefixedObjectStore(base: base, prefix: "demo/")
            let summary = try await DemoLakeGenerator(store: lake, options: .init(seed: 42, scale: 1)).generate()
            var keys: [String] = []
            for try await info in base.list(prefix: "demo/") { keys.append(info.key) }
            #expect(keys.count == 14)
            #expect(keys.allSatisfy { $0.hasPrefix("demo/") && $0.hasSuffix(".parquet") })
            #expect(summary.tables.count == 14)
        }
    }
}
