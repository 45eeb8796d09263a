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
}
