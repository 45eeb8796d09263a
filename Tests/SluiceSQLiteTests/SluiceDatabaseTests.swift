import Foundation
import GRDB
import SluiceCatalog
import SluiceSQLite
import SluiceTestSupport
import Testing

@Suite("SluiceDatabase")
struct SluiceDatabaseTests {
    @Test("opening creates the folder and records the catalog migrations inside catalog.sqlite")
    func migrationsAreRecorded() async throws {
        let root = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("nested/.sluice")
        let database = try SluiceDatabase(directory: folder.path, schemas: [.catalog])
        let applied = try await database.appliedMigrations(of: .catalog)
        #expect(applied.map(\.version) == DatabaseSchema.catalog.migrations.map(\.version))
        #expect(applied.map(\.name) == DatabaseSchema.catalog.migrations.map(\.name))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("catalog.sqlite").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("sluice.sqlite").path))

        // The record lives in the schema's own file, not in the main database.
        let mainTables = try await database.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM main.sqlite_master WHERE type = 'table'")
        }
        #expect(mainTables.isEmpty)
        let catalogTables = try await database.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM catalog.sqlite_master WHERE type = 'table' ORDER BY name")
        }
        #expect(catalogTables == ["column_metadata", "embeddings", "kpi_patterns", "relationship_metadata", "sluice_migrations", "table_metadata"])
    }

    @Test("reopening applies nothing twice and keeps the data")
    func reopeningIsIdempotent() async throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try await SluiceDatabase(directory: folder.path, schemas: [.catalog]).appliedMigrations(of: .catalog)
        let second = try await SluiceDatabase(directory: folder.path, schemas: [.catalog]).appliedMigrations(of: .catalog)
        #expect(first == second, "the applied_at times too: nothing ran again")
    }

    @Test("a later migration is applied to a file at an earlier version, each in its own transaction")
    func laterMigrationApplies() async throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let v1 = DatabaseSchema(name: "notes", migrations: [
            SchemaMigration(version: 1, name: "create notes", sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"),
        ])
        let v2 = DatabaseSchema(name: "notes", migrations: v1.migrations + [
            SchemaMigration(version: 2, name: "add author", sql: "ALTER TABLE notes ADD COLUMN author TEXT"),
        ])
        let v3Broken = DatabaseSchema(name: "notes", migrations: v2.migrations + [
            SchemaMigration(version: 3, name: "broken", sql: "CREATE TABLE tags (x TEXT); CREATE TABLE tags (y TEXT)"),
        ])
        try await SluiceDatabase(directory: folder.path, schemas: [v1]).pool.write { db in
            try db.execute(sql: "INSERT INTO notes.notes (body) VALUES (?)", arguments: ["kept"])
        }
        let file = folder.appendingPathComponent("notes.sqlite").standardizedFileURL.path
        #expect(throws: SluiceDatabaseError.migrationFailed(file: file, version: 3, name: "broken", reason: "table tags already exists")) {
            try SluiceDatabase(directory: folder.path, schemas: [v3Broken])
        }
        // Version 2 committed before 3 failed; 3's first statement was rolled back with it.
        let database = try SluiceDatabase(directory: folder.path, schemas: [v2])
        #expect(try await database.appliedMigrations(of: v2).map(\.version) == [1, 2])
        let (body, tagsTables) = try await database.pool.read { db in
            (try String.fetchOne(db, sql: "SELECT body FROM notes.notes WHERE author IS NULL"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM notes.sqlite_master WHERE name = 'tags'"))
        }
        #expect(body == "kept")
        #expect(tagsTables == 0)
    }

    @Test("a file with a newer version than this build knows is refused, naming the file and both versions")
    func newerVersionIsRefused() async throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try SluiceDatabase(directory: folder.path, schemas: [.catalog])
        let file = folder.appendingPathComponent("catalog.sqlite").standardizedFileURL.path
        let future = DatabaseSchema.catalog.latestVersion + 1
        try await DatabaseQueue(path: file).write { db in
            try db.execute(sql: "INSERT INTO sluice_migrations (version, name, applied_at) VALUES (?, 'from the future', '2030-01-01T00:00:00.000Z')",
                           arguments: [future])
        }
        let error = SluiceDatabaseError.newerVersion(file: file, schema: "catalog", fileVersion: future, knownVersion: future - 1)
        #expect(throws: error) { try SQLiteCatalogStore(directory: folder.path) }
        #expect("\(error)".contains(file) && "\(error)".contains("version \(future)") && "\(error)".contains("up to \(future - 1)"))
    }

    @Test("a file whose history names other migrations is refused")
    func mismatchedHistoryIsRefused() throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let other = DatabaseSchema(name: "catalog", migrations: [SchemaMigration(version: 1, name: "something else", sql: "CREATE TABLE t (x)")])
        _ = try SluiceDatabase(directory: folder.path, schemas: [other])
        let file = folder.appendingPathComponent("catalog.sqlite").standardizedFileURL.path
        #expect(throws: SluiceDatabaseError.migrationMismatch(file: file, version: 1, recordedName: "something else",
                                                              expectedName: DatabaseSchema.catalog.migrations[0].name)) {
            try SQLiteCatalogStore(directory: folder.path)
        }
    }

    @Test("a file that is not a database is refused by name and left byte for byte intact")
    func garbageFileIsRefused() throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("catalog.sqlite")
        let garbage = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try garbage.write(to: file)

        let error = try #require(throws: SluiceDatabaseError.self) { try SQLiteCatalogStore(directory: folder.path) }
        guard case let .notASluiceDatabase(path, _) = error else { Issue.record("unexpected \(error)"); return }
        #expect(path == file.standardizedFileURL.path)
        #expect(try Data(contentsOf: file) == garbage)
    }

    @Test("another program's SQLite database is refused and left intact")
    func foreignDatabaseIsRefused() throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("catalog.sqlite")
        try DatabaseQueue(path: file.path).write { db in
            try db.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
        }
        let before = try Data(contentsOf: file)
        #expect(throws: SluiceDatabaseError.notASluiceDatabase(file: file.standardizedFileURL.path,
                                                               reason: "it holds invoices but no sluice_migrations table")) {
            try SQLiteCatalogStore(directory: folder.path)
        }
        #expect(try Data(contentsOf: file) == before)
    }

    @Test("a state folder path that is a file is refused by name")
    func folderThatIsAFile() throws {
        let root = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("state")
        try Data("x".utf8).write(to: file)
        #expect(throws: SluiceDatabaseError.directory(path: file.path, reason: "it exists and is not a folder")) {
            try SluiceDatabase(directory: file.path)
        }
        let below = file.appendingPathComponent("inner")
        let error = try #require(throws: SluiceDatabaseError.self) { try SluiceDatabase(directory: below.path) }
        #expect(error == .directory(path: below.path, reason: "cannot create it: Not a directory"))
    }

    @Test("schema declarations are checked before any file is touched",
          arguments: [
              DatabaseSchema(name: "Catalog", migrations: []),
              DatabaseSchema(name: "main", migrations: []),
              DatabaseSchema(name: "x; DROP", migrations: []),
              DatabaseSchema(name: "gaps", migrations: [SchemaMigration(version: 2, name: "two", sql: "SELECT 1")]),
          ])
    func invalidSchemas(schema: DatabaseSchema) throws {
        let root = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("state")
        #expect(throws: SluiceDatabaseError.self) { try SluiceDatabase(directory: folder.path, schemas: [schema]) }
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test("the same schema listed twice is refused")
    func duplicateSchema() throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: SluiceDatabaseError.invalidSchema(name: "catalog", reason: "it is listed twice")) {
            try SluiceDatabase(directory: folder.path, schemas: [.catalog, .catalog])
        }
    }

    @Test("two schemas are attached side by side, each with its own history")
    func twoSchemas() async throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let notes = DatabaseSchema(name: "notes", migrations: [
            SchemaMigration(version: 1, name: "create notes", sql: "CREATE TABLE notes (table_name TEXT NOT NULL)"),
        ])
        let database = try SluiceDatabase(directory: folder.path, schemas: [.catalog, notes])
        #expect(try await database.appliedMigrations(of: notes).map(\.name) == ["create notes"])
        #expect(try await database.appliedMigrations(of: .catalog).count == DatabaseSchema.catalog.migrations.count)
        let count = try await database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM notes.notes JOIN catalog.table_metadata USING (table_name)")
        }
        #expect(count == 0)
    }
}
