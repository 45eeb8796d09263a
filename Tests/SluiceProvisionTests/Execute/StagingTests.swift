import Foundation
import GRDB
import SluiceCatalog
import SluiceCore
import SluiceGovernance
import SluiceLake
@testable import SluiceProvision
import SluiceSQLite
import SluiceTestSupport
import Testing

/// Staging copies lake values into SQLite in the storage forms of `StagedColumnType`; pyarrow,
/// reading the same files, is the reference for every value (see `Tests/tools/staged_values.py`).
@Suite struct StagingTests {
    /// The rows of a staging table in insertion order, as SQLite holds them.
    private static func stagedRows(_ table: StagingTable, in database: SluiceDatabase) async throws -> [[String: DatabaseValue]] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM lake.\"\(table.stagedName)\" ORDER BY rowid").map { row in
                Dictionary(uniqueKeysWithValues: row.columnNames.map { ($0, row[$0] as DatabaseValue) })
            }
        }
    }

    /// Whether a stored value is the reference's: the same storage class and the same value
    /// (numbers come tagged, as text: `{"integer": "42"}`, `{"real": "0.1"}`).
    private static func matches(_ stored: DatabaseValue, _ expected: Any) -> Bool {
        switch (stored.storage, expected) {
        case (.null, is NSNull): true
        case let (.int64(value), tagged as [String: String]): tagged["integer"] == String(value)
        case let (.double(value), tagged as [String: String]): tagged["real"].flatMap(Double.init) == value
        case let (.string(value), text as String): value == text
        case let (.blob(data), tagged as [String: String]): tagged["base64"] == data.base64EncodedString()
        default: false
        }
    }

    /// Compares every value of every row and column; returns how many values were compared.
    @discardableResult
    private static func expectSame(_ rows: [[String: DatabaseValue]], _ reference: [[String: Any]], columns: [String], what: String,
                                   sourceLocation: SourceLocation = #_sourceLocation) -> Int {
        #expect(rows.count == reference.count, "\(what): \(rows.count) rows staged, pyarrow reads \(reference.count)", sourceLocation: sourceLocation)
        var compared = 0
        var mismatches: [String] = []
        for (index, (row, expected)) in zip(rows, reference).enumerated() {
            for column in columns {
                let stored = row[column] ?? .null
                let wanted = expected[column] ?? NSNull()
                compared += 1
                if !matches(stored, wanted) { mismatches.append("row \(index + 1) \(column): staged \(stored), pyarrow \(wanted)") }
            }
        }
        #expect(mismatches.isEmpty, "\(what): \(mismatches.prefix(10).joined(separator: "; "))", sourceLocation: sourceLocation)
        return compared
    }

    @Test func everyColumnOfEveryDemoTableStagesAsPyarrowReadsIt() async throws {
        let fixture = try await ExecuteFixture()
        defer { fixture.remove() }
        var compared = 0
        for (number, metadata) in fixture.contents.tables.enumerated() {
            let table = try fixture.stagingTable(metadata.name, number: number + 1, prefix: "rstage")
            let stager = LakeStager(warehouse: fixture.warehouse, openLake: { try LakeLocation.parse($0).openStore() },
                                    progress: nil, expectedRows: metadata.rowCount)
            let staged = try await stager.stage(table)
            #expect(staged.rows == metadata.rowCount, "\(metadata.name)")
            let columns = table.columns.map(\.name)
            let rows = try await Self.stagedRows(table, in: fixture.database)
            for object in metadata.objects {
                let reference = try JSONLines.parse(Python.runTool("staged_values.py", arguments: [
                    "rows", (fixture.lakeFolder as NSString).appendingPathComponent(object.key), "--columns", columns.joined(separator: ","),
                ]))
                compared += Self.expectSame(rows, reference, columns: columns, what: metadata.name)
            }
            // STRICT tables: SQLite itself holds each column to its storage class.
            let strict = try await fixture.database.pool.read { db in
                try Bool.fetchOne(db, sql: "SELECT strict FROM lake.pragma_table_list WHERE name = ?", arguments: [table.stagedName])
            }
            #expect(strict == true)
        }
        #expect(compared == fixture.contents.tables.reduce(0) { $0 + $1.rowCount * fixture.contents.columns(of: $1.name).count })
        // Dates, timestamps and booleans take the documented text and integer forms.
        let orders = "rstage_\(try #require(fixture.contents.tables.firstIndex { $0.name == "orders" }) + 1)_orders"
        let clients = "rstage_\(try #require(fixture.contents.tables.firstIndex { $0.name == "clients" }) + 1)_clients"
        let forms = try await fixture.database.pool.read { db in
            [try String.fetchOne(db, sql: "SELECT created_at FROM lake.\"\(orders)\" LIMIT 1"),
             try String.fetchOne(db, sql: "SELECT typeof(is_pep) FROM lake.\"\(clients)\" LIMIT 1")]
        }
        let created = try #require(forms[0])
        #expect(created.wholeMatch(of: /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}/) != nil, "\(created)")
        #expect(forms[1] == "integer")

        let tables = fixture.contents.tables.enumerated().map { number, metadata in
            StagingTable(sourceTable: metadata.name, stagedName: "rstage_\(number + 1)_\(metadata.name)", columns: [], lakeURI: "",
                         objects: [], partitionKeys: [], contentHash: "")
        }
        try await fixture.warehouse.dropStaging(tables)
        #expect(try await fixture.warehouse.stagingTables() == [])
    }

    /// A lake of one pyarrow-written file with the types the demo lake lacks, twice, under
    /// partition folders (one percent-encoded, one Hive's null partition).
    private struct TypedLake {
        let root: URL
        let store: FolderStore
        let keys = ["typed/region=Z%C3%BCrich/part-0.parquet", "typed/region=__HIVE_DEFAULT_PARTITION__/part-1.parquet"]
        let file: URL

        init() throws {
            root = try Python.temporaryDirectory()
            file = root.appendingPathComponent("typed.parquet")
            try Python.runTool("staged_values.py", arguments: ["write-typed", file.path])
            for key in keys {
                let target = root.appendingPathComponent("lake").appendingPathComponent(key)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: file, to: target)
            }
            store = FolderStore(root: root.appendingPathComponent("lake").path)
        }

        func stagingTable(fields: [Field]) async throws -> StagingTable {
            var objects: [LakeObjectRef] = []
            for key in keys {
                let info = try await store.head(key)
                objects.append(LakeObjectRef(key: key, size: info.size, etag: info.etag))
            }
            let columns = fields.map { StagedColumn(name: $0.name, type: StagedColumnType(catalogType: $0.type.description), catalogType: $0.type.description) }
                + [StagedColumn(name: "region", type: .text, catalogType: "string")]
            return StagingTable(sourceTable: "typed", stagedName: "rtyped_1_typed", columns: columns, lakeURI: store.location,
                                objects: objects, partitionKeys: ["region"], contentHash: "hash")
        }
    }

    @Test func typesTheDemoLakeLacksAndPartitionValuesStageExactly() async throws {
        let fixture = try await ExecuteFixture()
        defer { fixture.remove() }
        let lake = try TypedLake()
        defer { try? FileManager.default.removeItem(at: lake.root) }
        let fields = try await LakeFileReader.open(lake.keys[0], in: lake.store).fields
        #expect(Set(fields.map(\.type.description)).isSuperset(of: ["decimal(12,4)", "decimal(38,8)", "uuid", "binary", "fixed_binary(4)",
                                                                    "timestamp(nanos, UTC)", "timestamp(micros)", "time(millis)", "time(nanos)", "uint64", "int8"]))
        let table = try await lake.stagingTable(fields: fields)
        let stager = LakeStager(warehouse: fixture.warehouse, openLake: { _ in lake.store }, progress: nil, expectedRows: 600)
        let staged = try await stager.stage(table)
        #expect(staged.rows == 600)
        #expect(staged.sources.map(\.uri) == lake.keys.map { lake.store.location + "/" + $0 })
        #expect(staged.sources.map(\.size) == lake.keys.map { _ in try? FileManager.default.attributesOfItem(atPath: lake.file.path)[.size] as? Int })

        let reference = try JSONLines.parse(Python.runTool("staged_values.py", arguments: ["rows", lake.file.path]))
        let rows = try await Self.stagedRows(table, in: fixture.database)
        // The same file twice: the first copy's partition value is Zürich, the second's null.
        let expected = (reference.map { $0.merging(["region": "Zürich"]) { a, _ in a } }
            + reference.map { $0.merging(["region": NSNull()]) { a, _ in a } })
        let compared = Self.expectSame(rows, expected, columns: table.columns.map(\.name), what: "typed")
        #expect(compared == 600 * table.columns.count)
    }

    @Test func aValueSQLiteCannotHoldIsRefusedNamingTheColumnAndRow() async throws {
        let fixture = try await ExecuteFixture()
        defer { fixture.remove() }
        let root = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("lake"), withIntermediateDirectories: true)
        try Python.runTool("staged_values.py", arguments: ["write-overflow", root.appendingPathComponent("lake/counters.parquet").path])
        let store = FolderStore(root: root.appendingPathComponent("lake").path)
        let info = try await store.head("counters.parquet")
        let table = StagingTable(sourceTable: "counters", stagedName: "rover_1_counters",
                                 columns: [StagedColumn(name: "counter", type: .integer, catalogType: "uint64")], lakeURI: store.location,
                                 objects: [LakeObjectRef(key: "counters.parquet", size: info.size, etag: info.etag)], partitionKeys: [], contentHash: "")
        let stager = LakeStager(warehouse: fixture.warehouse, openLake: { _ in store }, progress: nil, expectedRows: 2)
        do {
            _ = try await stager.stage(table)
            Issue.record("a uint64 above 2^63 - 1 was staged")
        } catch {
            #expect("\(error)" == "counters from \(store.location)/counters.parquet: lake.rover_1_counters (counters) column counter, row 2 of the batch: uint64 value 18446744073709551615 does not fit SQLite's signed 64-bit INTEGER")
        }
        // The batch was refused whole.
        let count = try await fixture.database.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM lake.rover_1_counters") }
        #expect(count == 0)
    }

    @Test func anObjectChangedSinceTheScanIsNotStaged() async throws {
        let fixture = try await ExecuteFixture()
        defer { fixture.remove() }
        // A copy of the lake whose exchanges file was rewritten after the scan.
        let root = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let lake = root.appendingPathComponent("lake")
        try FileManager.default.copyItem(atPath: fixture.lakeFolder, toPath: lake.path)
        let store = FolderStore(root: lake.path)
        var table = try fixture.stagingTable("exchanges", number: 1, prefix: "rchanged")
        table.lakeURI = store.location
        let catalogEtag = try await store.head("exchanges.parquet").etag
        table.objects = [LakeObjectRef(key: "exchanges.parquet", size: table.objects[0].size, etag: catalogEtag)]
        try FileManager.default.removeItem(at: lake.appendingPathComponent("exchanges.parquet"))
        try FileManager.default.copyItem(atPath: (fixture.lakeFolder as NSString).appendingPathComponent("instruments.parquet"),
                                         toPath: lake.appendingPathComponent("exchanges.parquet").path)
        let now = try await store.head("exchanges.parquet")
        let stager = LakeStager(warehouse: fixture.warehouse, openLake: { _ in store }, progress: nil, expectedRows: 8)
        do {
            _ = try await stager.stage(table)
            Issue.record("a changed object was staged")
        } catch {
            #expect("\(error)" == "exchanges from \(store.location)/exchanges.parquet: it changed since the catalog scanned it (now \(now.size) bytes, ETag \(now.etag ?? "none"); scanned \(table.objects[0].size) bytes, ETag \(catalogEtag ?? "none")): run `sluice scan` and ask again")
        }
    }
}
