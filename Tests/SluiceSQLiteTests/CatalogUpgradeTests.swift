import Foundation
import GRDB
import SluiceCatalog
import SluiceSearch
import SluiceSQLite
import SluiceTestSupport
import Testing

@Suite("catalog schema upgrade")
struct CatalogUpgradeTests {
    /// The catalog schema as the build before embeddings declared it.
    private static let versionOne = DatabaseSchema(name: "catalog", migrations: [DatabaseSchema.catalog.migrations[0]])

    /// A state folder whose `catalog.sqlite` is at version 1 and holds `contents`, written
    /// by this build's catalog store and copied row for row into a file only migration 1 built.
    private func versionOneFolder(_ root: URL, _ contents: CatalogContents) async throws -> (folder: URL, applied: [AppliedMigration]) {
        let source = try SQLiteCatalogStore(directory: root.appendingPathComponent("source").path)
        try await source.replace(with: contents)
        let folder = root.appendingPathComponent("state")
        let old = try SluiceDatabase(directory: folder.path, schemas: [Self.versionOne])
        try await old.pool.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS source", arguments: [source.location])
            try db.inTransaction {
                // Parents first, for the column foreign key.
                for table in ["table_metadata", "column_metadata", "relationship_metadata", "kpi_patterns"] {
                    try db.execute(sql: "INSERT INTO catalog.\(table) SELECT * FROM source.\(table)")
                }
                return .commit
            }
            try db.execute(sql: "DETACH DATABASE source")
        }
        let tables = try await old.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM catalog.sqlite_master WHERE type = 'table' ORDER BY name")
        }
        #expect(tables == ["column_metadata", "kpi_patterns", "relationship_metadata", "sluice_migrations", "table_metadata"])
        return (folder, try await old.appliedMigrations(of: Self.versionOne))
    }

    @Test("a version 1 catalog file is upgraded in place: embeddings added, every catalog row kept")
    func versionOneUpgrades() async throws {
        let root = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        var generator = GeneratedCatalog(seed: 201)
        var contents = generator.contents(tableCount: 6)
        contents.tables[0].needsEmbedding = true
        let (folder, appliedBefore) = try await versionOneFolder(root, contents)
        #expect(appliedBefore.map(\.version) == [1])

        let database = try SluiceDatabase(directory: folder.path, schemas: [.catalog])
        let applied = try await database.appliedMigrations(of: .catalog)
        #expect(applied.map(\.name) == ["create catalog tables", "create embeddings"])
        #expect(applied[0] == appliedBefore[0], "migration 1 did not run again")

        let catalog = try SQLiteCatalogStore(database: database)
        #expect(try await catalog.load() == contents.asStored)
        let (integrity, foreignKeyProblems, indexes) = try await database.pool.read { db in
            (try String.fetchAll(db, sql: "PRAGMA catalog.integrity_check"),
             try Row.fetchAll(db, sql: "PRAGMA catalog.foreign_key_check").count,
             try String.fetchAll(db, sql: "SELECT name FROM catalog.sqlite_master WHERE type = 'index' AND tbl_name = 'embeddings' AND sql IS NOT NULL"))
        }
        #expect(integrity == ["ok"])
        #expect(foreignKeyProblems == 0)
        #expect(indexes == ["embeddings_by_model"])

        // The new table works on the upgraded file, flag clearing included.
        let embeddings = try SQLiteEmbeddingStore(database: database)
        let model = EmbeddingModel(id: "sluice-hashed-ngram", version: "1", dimension: 8)
        let table = contents.tables[0]
        let vector = StoredEmbedding(item: .table(table.name), model: model, textHash: CatalogDocument.hash(of: table.metadataText),
                                     vector: generator.vector(dimension: 8), embeddedAt: generator.date())
        try await embeddings.upsert([vector])
        #expect(try await embeddings.embeddings(for: model) == [vector.asStored])
        #expect(try await catalog.load().tables.first { $0.name == table.name }?.needsEmbedding == false)
    }

    @Test("once upgraded, the file is refused by a build that knows only version 1")
    func upgradedFileRefusesOldBuild() async throws {
        let root = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        var generator = GeneratedCatalog(seed: 202)
        let (folder, _) = try await versionOneFolder(root, generator.contents(tableCount: 2))
        let database = try SluiceDatabase(directory: folder.path, schemas: [.catalog])
        let file = database.path(of: .catalog)
        #expect(throws: SluiceDatabaseError.newerVersion(file: file, schema: "catalog", fileVersion: 2, knownVersion: 1)) {
            try SluiceDatabase(directory: folder.path, schemas: [Self.versionOne])
        }
    }
}
