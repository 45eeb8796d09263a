import Foundation
import SluiceCatalog
import SluiceGovernance
import SluiceSQLite
import SluiceTestSupport
import Testing

@Suite("SQLiteCatalogStore")
struct SQLiteCatalogStoreTests {
    @Test("load returns every field that replace saved, in the documented order", arguments: [1, 2, 3] as [UInt64])
    func roundTrip(seed: UInt64) async throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = GeneratedCatalog(seed: seed)
        let contents = generator.contents(tableCount: 7)
        #expect(contents.tables.contains { $0.lifecycle == .removed })
        #expect(contents.columns.contains { $0.keySketch != nil && $0.pii.kind != nil && !$0.profile.topValues.isEmpty })

        let store = try SQLiteCatalogStore(directory: folder.path)
        try await store.replace(with: contents)
        let loaded = try await store.load()
        #expect(loaded == contents.asStored)
        // Field by field too, so a failure points at the part that differs.
        #expect(loaded.tables == contents.asStored.tables)
        #expect(loaded.columns == contents.asStored.columns)
        #expect(loaded.relationships == contents.asStored.relationships)
        #expect(loaded.kpiPatterns == contents.asStored.kpiPatterns)
    }

    @Test("an empty store loads as an empty catalog, and replace with nothing empties it")
    func emptyCatalog() async throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteCatalogStore(directory: folder.path)
        #expect(try await store.load() == CatalogContents())
        var generator = GeneratedCatalog(seed: 9)
        try await store.replace(with: generator.contents(tableCount: 3))
        try await store.replace(with: CatalogContents())
        #expect(try await store.load() == CatalogContents())
    }

    @Test("a second replace swaps the whole catalog, keeping nothing of the first")
    func replaceSwapsEverything() async throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteCatalogStore(directory: folder.path)
        var generator = GeneratedCatalog(seed: 4)
        try await store.replace(with: generator.contents(tableCount: 6))
        let second = generator.contents(tableCount: 2)
        try await store.replace(with: second)
        #expect(try await store.load() == second.asStored)
    }

    @Test("the catalog survives closing and reopening the folder")
    func reopenPersists() async throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = GeneratedCatalog(seed: 5)
        let contents = generator.contents(tableCount: 4)
        do {
            let store = try SQLiteCatalogStore(directory: folder.path)
            try await store.replace(with: contents)
        }
        let reopened = try SQLiteCatalogStore(directory: folder.path)
        #expect(try await reopened.load() == contents.asStored)
        #expect(reopened.location == folder.appendingPathComponent("catalog.sqlite").standardizedFileURL.path)
    }

    @Test("a duplicate table name rejects the whole replace, names the table and keeps the old catalog")
    func duplicateTableIsAtomic() async throws {
        let (store, folder, before) = try await storeWithCatalog(seed: 6)
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = GeneratedCatalog(seed: 60)
        var next = generator.contents(tableCount: 3)
        next.tables.append(next.tables[1])

        let error = try await #require(throws: CatalogError.self) { try await store.replace(with: next) }
        guard case let .store(location, reason) = error else { Issue.record("unexpected \(error)"); return }
        #expect(location == store.location)
        #expect(reason.contains("table \(String(reflecting: next.tables[1].name)): appears more than once in the new catalog"))
        #expect(try await store.load() == before)
    }

    @Test("a column whose table is missing rejects the whole replace and names the column")
    func orphanColumnIsAtomic() async throws {
        let (store, folder, before) = try await storeWithCatalog(seed: 7)
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = GeneratedCatalog(seed: 70)
        var next = generator.contents(tableCount: 3)
        next.columns.append(generator.column(table: "ghost", position: 0))

        let error = try await #require(throws: CatalogError.self) { try await store.replace(with: next) }
        #expect("\(error)".contains("column \"ghost\".\"col_0\": its table \"ghost\" is not in the new catalog"))
        #expect(try await store.load() == before)
    }

    @Test("a duplicate column, relationship or KPI id is refused with its name", arguments: ["column", "relationship", "KPI pattern"])
    func duplicatesAreRefused(kind: String) async throws {
        let (store, folder, before) = try await storeWithCatalog(seed: 8)
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = GeneratedCatalog(seed: 80)
        var next = generator.contents(tableCount: 3)
        let expectedName: String
        switch kind {
        case "column":
            next.columns.append(next.columns[0])
            expectedName = "column \(String(reflecting: next.columns[0].table)).\(String(reflecting: next.columns[0].name))"
        case "relationship":
            next.relationships.append(next.relationships[0])
            expectedName = "relationship \(next.relationships[0].description)"
        default:
            next.kpiPatterns.append(next.kpiPatterns[0])
            expectedName = "KPI pattern \(String(reflecting: next.kpiPatterns[0].id))"
        }
        let error = try await #require(throws: CatalogError.self) { try await store.replace(with: next) }
        #expect("\(error)".contains("\(expectedName): appears more than once in the new catalog"))
        #expect(try await store.load() == before)
    }

    @Test("two columns of a table at the same position are refused, naming the second")
    func positionClash() async throws {
        let (store, folder, before) = try await storeWithCatalog(seed: 11)
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = GeneratedCatalog(seed: 110)
        var next = generator.contents(tableCount: 3)
        let clash = try #require(next.columns.firstIndex { $0.table == "table_0" && $0.position == 1 })
        next.columns[clash].position = 0

        let error = try await #require(throws: CatalogError.self) { try await store.replace(with: next) }
        #expect("\(error)".contains("column \"table_0\".\(String(reflecting: next.columns[clash].name)): has position 0, which another column of its table already has"))
        #expect(try await store.load() == before)
    }

    @Test("confirming sets the kind's default rule, keeps a chosen one, and uses hash without a kind")
    func confirmSetsMaskingRule() async throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteCatalogStore(directory: folder.path)
        try await store.replace(with: reviewCatalog())

        try await store.review(column: ColumnReference(table: "clients", column: "email"), status: .confirmed)
        try await store.review(column: ColumnReference(table: "clients", column: "iban"), status: .confirmed)
        try await store.review(column: ColumnReference(table: "clients", column: "code"), status: .confirmed)
        let loaded = try await store.load()
        let byName = Dictionary(uniqueKeysWithValues: loaded.columns.map { ($0.name, $0) })
        #expect(byName["email"]?.pii.status == .confirmed)
        #expect(byName["email"]?.maskingRule == .maskEmail)
        #expect(byName["iban"]?.maskingRule == .null, "a rule already chosen is kept")
        #expect(byName["code"]?.maskingRule == .hash, "no kind: keyed pseudonym")
        #expect(byName["segment"]?.pii.status == .suggested, "other columns are untouched")
        #expect(loaded.tables.first { $0.name == "clients" }?.needsEmbedding == true)
        #expect(loaded.tables.first { $0.name == "orders" }?.needsEmbedding == false)
    }

    @Test("rejecting clears the rule; back to suggested follows the detector")
    func rejectClearsMaskingRule() async throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteCatalogStore(directory: folder.path)
        try await store.replace(with: reviewCatalog())
        let iban = ColumnReference(table: "clients", column: "iban")

        try await store.review(column: iban, status: .rejected)
        var column = try #require(try await store.load().columns.first { $0.name == "iban" })
        #expect(column.pii.status == .rejected)
        #expect(column.maskingRule == nil)
        #expect(column.pii.isPII, "the detector's verdict itself is kept")

        try await store.review(column: iban, status: .suggested)
        column = try #require(try await store.load().columns.first { $0.name == "iban" })
        #expect(column.pii.status == .suggested)
        #expect(column.maskingRule == .maskAccount)
    }

    @Test("reviewing an unknown column or a column of an unknown table throws unknownColumn")
    func reviewUnknownColumn() async throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteCatalogStore(directory: folder.path)
        try await store.replace(with: reviewCatalog())
        let before = try await store.load()
        for reference in [ColumnReference(table: "clients", column: "nope"), ColumnReference(table: "nope", column: "email")] {
            await #expect(throws: CatalogError.unknownColumn(reference)) {
                try await store.review(column: reference, status: .confirmed)
            }
        }
        #expect(try await store.load() == before)
    }

    @Test("classify sets level, manual source and reason, and marks the table for embedding")
    func classifyTable() async throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteCatalogStore(directory: folder.path)
        try await store.replace(with: reviewCatalog())

        try await store.classify(table: "orders", as: .restricted, reason: "contains trading secrets")
        let loaded = try await store.load()
        let orders = try #require(loaded.tables.first { $0.name == "orders" })
        #expect(orders.classification == .restricted)
        #expect(orders.classificationSource == .manual)
        #expect(orders.classificationReason == "contains trading secrets")
        #expect(orders.needsEmbedding)
        let clients = try #require(loaded.tables.first { $0.name == "clients" })
        #expect(clients.classification == .internal, "other tables are untouched")

        await #expect(throws: CatalogError.unknownTable("order")) {
            try await store.classify(table: "order", as: .public, reason: "typo")
        }
    }

    @Test("a database opened without the catalog schema is refused")
    func storeNeedsCatalogSchema() throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try SluiceDatabase(directory: folder.path)
        #expect(throws: SluiceDatabaseError.self) { try SQLiteCatalogStore(database: database) }
    }

    // MARK: - Fixtures

    private func storeWithCatalog(seed: UInt64) async throws -> (SQLiteCatalogStore, URL, CatalogContents) {
        let folder = try Python.temporaryDirectory()
        let store = try SQLiteCatalogStore(directory: folder.path)
        var generator = GeneratedCatalog(seed: seed)
        try await store.replace(with: generator.contents(tableCount: 5))
        return (store, folder, try await store.load())
    }

    /// Two tables with embedding already done, and PII columns in each review situation.
    private func reviewCatalog() -> CatalogContents {
        let date = Date(timeIntervalSince1970: 1_700_000_000)
        let tables = ["clients", "orders"].map {
            TableMetadata(name: $0, lakePath: "\($0).parquet", lakeURI: "file:///lake", format: "parquet", rowCount: 3, fileSize: 100,
                          objects: [], contentHash: "h", needsEmbedding: false, scannedAt: date)
        }
        let profile = ColumnProfile(rowCount: 3, profiledRows: 3, nullCount: 0, distinctCount: 3, distinctMethod: .exact)
        func verdict(_ kind: PIIKind?) -> PIIVerdict {
            PIIVerdict(isPII: true, kind: kind, recognizer: "r", score: 0.9, matchedFraction: 1, reason: "matched")
        }
        let columns = [
            ColumnMetadata(table: "clients", name: "email", position: 0, dataType: "string", isNullable: false, profile: profile, pii: verdict(.email)),
            ColumnMetadata(table: "clients", name: "iban", position: 1, dataType: "string", isNullable: false, profile: profile,
                           pii: verdict(.iban), maskingRule: .null),
            ColumnMetadata(table: "clients", name: "code", position: 2, dataType: "string", isNullable: false, profile: profile, pii: verdict(nil)),
            ColumnMetadata(table: "clients", name: "segment", position: 3, dataType: "string", isNullable: false, profile: profile),
            ColumnMetadata(table: "orders", name: "id", position: 0, dataType: "int64", isNullable: false, profile: profile),
        ]
        return CatalogContents(tables: tables, columns: columns)
    }
}
