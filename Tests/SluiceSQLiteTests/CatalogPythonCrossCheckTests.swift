import Foundation
import GRDB
import SluiceCatalog
import SluiceSQLite
import SluiceTestSupport
import Testing

/// Python's `sqlite3` module reads `catalog.sqlite` with plain SQL, knowing only the
/// documented schema: what the store wrote must be what another program finds.
@Suite("SQLiteCatalogStore read by Python sqlite3")
struct CatalogPythonCrossCheckTests {
    private struct Dump: Decodable {
        struct Table: Decodable, Equatable {
            var name: String
            var rowCount: Int
            var classification: String
            var classificationSource: String
            var scannedAtMilliseconds: Int64
            var partitionKeys: [String]
            var objectKeys: [String]
            var needsEmbedding: Bool
            var lifecycle: String
        }
        struct Column: Decodable, Equatable {
            var table: String
            var name: String
            var position: Int
            var piiKind: String?
            var maskingRule: String?
            var sketchCapacity: Int?
            var sketchHashes: [String]?
            var topValueCounts: [Int]
        }
        struct KPI: Decodable, Equatable {
            var id: String
            var tables: [String]
            var martTemplate: String?
        }
        var schema: [String: [String]]
        var tables: [Table]
        var columns: [Column]
        var relationships: [[String]]
        var kpis: [KPI]
        var migrations: [[JSONScalar]]
        var columnForeignKeys: [[String]]
        var journalMode: String
    }

    /// A version number or a name in a `[version, name]` pair.
    private enum JSONScalar: Decodable, Equatable {
        case number(Int), text(String)
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) { self = .number(number) } else { self = .text(try container.decode(String.self)) }
        }
    }

    @Test("Python finds the tables, columns, values and history the store wrote")
    func pythonReadsTheCatalog() async throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = GeneratedCatalog(seed: 42)
        let contents = generator.contents(tableCount: 6)
        let store = try SQLiteCatalogStore(directory: folder.path)
        try await store.replace(with: contents)

        let output = try Python.runTool("sqlite_catalog_dump.py", arguments: [store.location])
        let dump = try JSONDecoder().decode(Dump.self, from: output)
        let expected = contents.asStored

        #expect(Set(dump.schema.keys) == ["table_metadata", "column_metadata", "relationship_metadata", "kpi_patterns", "embeddings", "sluice_migrations"])
        #expect(dump.schema["table_metadata"]?.first == "table_name")
        #expect(dump.schema["column_metadata"]?.prefix(3) == ["table_name", "column_name", "ordinal_position"])
        #expect(dump.schema["relationship_metadata"]?.prefix(4) == ["from_table", "from_column", "to_table", "to_column"])
        #expect(dump.columnForeignKeys == [["table_metadata", "table_name", "table_name"]])
        #expect(dump.journalMode == "wal")
        #expect(dump.migrations == DatabaseSchema.catalog.migrations.map { [.number($0.version), .text($0.name)] })

        #expect(dump.tables == expected.tables.map { table in
            Dump.Table(
                name: table.name, rowCount: table.rowCount, classification: table.classification.rawValue,
                classificationSource: table.classificationSource.rawValue,
                scannedAtMilliseconds: Int64((table.scannedAt.timeIntervalSince1970 * 1000).rounded()),
                partitionKeys: table.partitionKeys, objectKeys: table.objects.map(\.key),
                needsEmbedding: table.needsEmbedding, lifecycle: table.lifecycle.rawValue)
        })
        #expect(dump.columns == expected.columns.map { column in
            Dump.Column(
                table: column.table, name: column.name, position: column.position, piiKind: column.pii.kind?.rawValue,
                maskingRule: column.maskingRule?.rawValue, sketchCapacity: column.keySketch?.capacity,
                sketchHashes: column.keySketch?.hashes.map { String($0) }, topValueCounts: column.profile.topValues.map(\.count))
        })
        #expect(dump.relationships == expected.relationships.map { [$0.fromTable, $0.fromColumn, $0.toTable, $0.toColumn] })
        #expect(dump.kpis == expected.kpiPatterns.map { Dump.KPI(id: $0.id, tables: $0.tables, martTemplate: $0.martTemplate) })
        // The store's own order agrees with the byte order Python sorted by.
        #expect(try await store.load() == expected)
    }

    @Test("another process reading during a write sees the last committed catalog, then the new one")
    func anotherProcessNeverSeesHalfAWrite() async throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = GeneratedCatalog(seed: 43)
        let contents = generator.contents(tableCount: 5)
        let store = try SQLiteCatalogStore(directory: folder.path)
        try await store.replace(with: contents)
        let path = store.location

        @Sendable func countSeenByPython() throws -> Int {
            let output = try Python.runTool("sqlite_catalog_dump.py", arguments: [path, "--count"])
            return Int(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        }

        let seenMidWrite = try await store.database.pool.write { db in
            try db.execute(sql: "DELETE FROM catalog.table_metadata")
            return try countSeenByPython()
        }
        #expect(seenMidWrite == contents.tables.count)
        #expect(try countSeenByPython() == 0)
    }
}
