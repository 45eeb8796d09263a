import Foundation
import SluiceCatalog
import SluiceLake
import SluiceTestSupport
import Testing

@Suite struct DatasetDiscoveryTests {
    private func objects(_ keys: [String]) -> [ObjectInfo] {
        keys.enumerated().map { ObjectInfo(key: $1, size: 100 + $0, etag: "etag-\($0)") }
    }

    private func dataset(_ result: DiscoveryResult, at path: String) throws -> DiscoveredDataset {
        try #require(result.datasets.first { $0.lakePath == path }, "no dataset at \(path): \(result.datasets.map(\.lakePath))")
    }

    @Test func looseFilesAreDatasetsOfTheirOwn() throws {
        let result = DatasetDiscovery.discover(objects(["orders.parquet", "raw/trades.csv", "raw/Clients-Lefèvre.JSONL", "raw/Trades 2024.tsv"]))
        #expect(result.skipped.isEmpty)
        #expect(result.datasets.map(\.lakePath) == ["orders.parquet", "raw/Clients-Lefèvre.JSONL", "raw/Trades 2024.tsv", "raw/trades.csv"])
        #expect(result.datasets.map(\.name) == ["orders", "clients_lefevre", "trades_2024", "trades"])
        #expect(result.datasets.map(\.format) == [.parquet, .json, .tsv, .csv])
        let orders = try dataset(result, at: "orders.parquet")
        #expect(orders.objects == [LakeObjectRef(key: "orders.parquet", size: 100, etag: "etag-0")])
        #expect(orders.totalSize == 100 && orders.partitionKeys.isEmpty)
    }

    @Test func partFilesOfAFolderAreOneDataset() throws {
        let result = DatasetDiscovery.discover(objects([
            "orders/part-00001.parquet", "orders/part-00000.parquet", "orders/_SUCCESS",
            "executions/part-00000-3f2a-c000.snappy.parquet", "executions/data_0.parquet",
            "ticks/000001.csv", "ticks/000002.csv",
        ]))
        let orders = try dataset(result, at: "orders/")
        #expect(orders.name == "orders" && orders.format == .parquet)
        #expect(orders.objects.map(\.key) == ["orders/part-00000.parquet", "orders/part-00001.parquet"])
        #expect(orders.totalSize == 201)
        #expect(try dataset(result, at: "executions/").objects.count == 2)
        #expect(try dataset(result, at: "ticks/").format == .csv)
        #expect(result.skipped == [SkippedObject(key: "orders/_SUCCESS", reason: "hidden file")])
    }

    @Test func hivePartitionFoldersBecomePartitionKeys() throws {
        let result = DatasetDiscovery.discover(objects([
            "sales/year=2024/month=01/part-0.parquet", "sales/year=2024/month=02/part-0.parquet",
            "sales/year=2023/month=12/f81d4fae-7dec-11d0-a765-00a0c91e6bf6.parquet",
            "sales/year=2023/month=11/_committed_123", "sales/year=__HIVE_DEFAULT_PARTITION__/month=a%20b/part-1.parquet",
        ]))
        let sales = try dataset(result, at: "sales/")
        #expect(result.datasets.count == 1)
        #expect(sales.name == "sales" && sales.partitionKeys == ["year", "month"])
        #expect(sales.objects.count == 4)
        #expect(sales.partitionValues(of: "sales/year=2024/month=02/part-0.parquet") == ["2024", "02"])
        #expect(sales.partitionValues(of: "sales/year=__HIVE_DEFAULT_PARTITION__/month=a%20b/part-1.parquet") == [nil, "a b"])
        #expect(result.skipped.map(\.reason) == ["hidden file"])
    }

    @Test func hiddenMarkerAndUnknownFilesAreSkippedWithReasons() {
        let result = DatasetDiscovery.discover([ObjectInfo(key: "zero.csv", size: 0)] + objects([
            ".DS_Store", "notes.txt", "empty/", "_delta_log/00000.json", "orders/.part-0.parquet.crc",
            "orders/part-0.crc", "orders/part-0.parquet", "year=2024/part-0.parquet",
            "sales/year=2024/extra/part-0.parquet",
        ]))
        #expect(result.datasets.map(\.lakePath) == ["orders/"])
        let reasons = Dictionary(uniqueKeysWithValues: result.skipped.map { ($0.key, $0.reason) })
        #expect(reasons[".DS_Store"] == "hidden file")
        #expect(reasons["_delta_log/00000.json"] == "hidden file")
        #expect(reasons["orders/.part-0.parquet.crc"] == "hidden file")
        #expect(reasons["orders/part-0.crc"] == "checksum file")
        #expect(reasons["notes.txt"] == "unknown format")
        #expect(reasons["empty/"] == "folder marker")
        #expect(reasons["zero.csv"] == "empty file")
        #expect(reasons["year=2024/part-0.parquet"]?.contains("lake root") == true)
        #expect(reasons["sales/year=2024/extra/part-0.parquet"]?.contains("is not a key=value folder") == true)
    }

    @Test func foldersMixingFormatsOrPartitionLayoutsAreSkippedWhole() {
        let result = DatasetDiscovery.discover(objects([
            "events/part-0.parquet", "events/part-1.csv",
            "sales/region=EU/part-0.parquet", "sales/part-1.parquet",
        ]))
        #expect(result.datasets.isEmpty)
        #expect(result.skipped.count == 4)
        for skipped in result.skipped where skipped.key.hasPrefix("events/") {
            #expect(skipped.reason == "mixed formats in folder events/ (csv, parquet)")
        }
        for skipped in result.skipped where skipped.key.hasPrefix("sales/") {
            #expect(skipped.reason == "inconsistent partition folders in sales/ (none; region)")
        }
    }

    @Test func collidingNamesAreResolvedDeterministically() throws {
        let keys = ["orders.parquet", "orders/part-0.parquet", "archive/orders.parquet", "archive_orders.csv",
                    "2024.csv", "sales/2024/part-0.parquet", "x/Orders.json"]
        let result = DatasetDiscovery.discover(objects(keys))
        let names = Dictionary(uniqueKeysWithValues: result.datasets.map { ($0.lakePath, $0.name) })
        #expect(names == [
            "orders.parquet": "orders",
            "orders/": "orders_2",
            "archive_orders.csv": "archive_orders",
            // "archive_orders" is taken by the file of that name, so the folder-prefixed form gets a number.
            "archive/orders.parquet": "orders_3",
            "x/Orders.json": "x_orders",
            "2024.csv": "t_2024",
            "sales/2024/": "sales_2024",
        ])
        // The same listing in another order names everything the same way.
        let shuffled = DatasetDiscovery.discover(objects(keys.reversed()))
        #expect(Dictionary(uniqueKeysWithValues: shuffled.datasets.map { ($0.lakePath, $0.name) }) == names)
        for name in names.values {
            #expect(name.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
        }
    }

    @Test func partFileNames() {
        for name in ["part-00000.parquet", "part_1.csv", "part.parquet", "data_0.parquet", "000001.parquet",
                     "2024-01.csv", "f81d4fae-7dec-11d0-a765-00a0c91e6bf6-0.parquet", "part-00000-abc-c000.snappy.parquet"] {
            #expect(DatasetDiscovery.isPartFileName(name), "\(name)")
        }
        for name in ["orders.parquet", "trades.csv", "data.parquet", "cafe.csv", "partners.parquet", "data_x.parquet"] {
            #expect(!DatasetDiscovery.isPartFileName(name), "\(name)")
        }
    }

    @Test func contentHashIsSHA256OfSortedObjectLines() throws {
        let result = DatasetDiscovery.discover([
            ObjectInfo(key: "t/part-1.parquet", size: 20, etag: "b"),
            ObjectInfo(key: "t/part-0.parquet", size: 10, etag: nil),
        ])
        let table = try dataset(result, at: "t/")
        let lines = "t/part-0.parquet\t10\t\nt/part-1.parquet\t20\tb\n"
        let expected = try Python.run("import hashlib, sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())",
                                      stdin: Data(lines.utf8))
        #expect(table.contentHash == String(decoding: expected, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        let changed = DatasetDiscovery.discover([
            ObjectInfo(key: "t/part-1.parquet", size: 20, etag: "c"),
            ObjectInfo(key: "t/part-0.parquet", size: 10, etag: nil),
        ])
        #expect(try dataset(changed, at: "t/").contentHash != table.contentHash)
    }
}
