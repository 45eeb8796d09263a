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
    private static let versionOne = schema(upTo: 1)

    /// The catalog schema as an older build declared it: its first `version` migrations.
    private static func schema(upTo version: Int) -> DatabaseSchema {
        DatabaseSchema(name: "catalog", migrations: Array(DatabaseSchema.catalog.migrations.prefix(version)))
    }

    /// The columns version 1 gave `kpi_patterns`; later versions add to them.
    private static let versionOneKPIColumns = "id, name, description, table_names, sql_template, metadata_text"

    /// A state folder whose `catalog.sqlite` is at `version` (1 or 2) and holds `contents`, written
    /// by this build's catalog store and copied row for row into a file only those migrations built.
    private func olderFolder(_ root: URL, _ contents: CatalogContents, version: Int = 1) async throws
        -> (folder: URL, applied: [AppliedMigration]) {
        let source = try SQLiteCatalogStore(directory: root.appendingPathComponent("source").path)
        try await source.replace(with: contents)
        let folder = root.appendingPathComponent("state")
        let schema = Self.schema(upTo: version)
        let old = try SluiceDatabase(directory: folder.path, schemas: [schema])
        try await old.pool.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS source", arguments: [source.location])
            try db.inTransaction {
                // Parents first, for the column foreign key.
                for table in ["table_metadata", "column_metadata", "relationship_metadata"] {
                    try db.execute(sql: "INSERT INTO catalog.\(table) SELECT * FROM source.\(table)")
                }
                try db.execute(sql: """
                    INSERT INTO catalog.kpi_patterns (\(Self.versionOneKPIColumns))
                    SELECT \(Self.versionOneKPIColumns) FROM source.kpi_patterns
                    """)
                return .commit
            }
            try db.execute(sql: "DETACH DATABASE source")
        }
        let (tables, kpiColumns) = try await old.pool.read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM catalog.sqlite_master WHERE type = 'table' ORDER BY name"),
             try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info('kpi_patterns', 'catalog')"))
        }
        let expectedTables = ["column_metadata", "kpi_patterns", "relationship_metadata", "sluice_migrations", "table_metadata"]
        #expect(tables == (version >= 2 ? ["column_metadata", "embeddings"] + expectedTables.dropFirst() : expectedTables))
        #expect(kpiColumns.joined(separator: ", ") == Self.versionOneKPIColumns)
        return (folder, try await old.appliedMigrations(of: schema))
    }

    private func versionOneFolder(_ root: URL, _ contents: CatalogContents) async throws -> (folder: URL, applied: [AppliedMigration]) {
        try await olderFolder(root, contents, version: 1)
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
        #expect(applied.map(\.name) == ["create catalog tables", "create embeddings", "add KPI mart templates"])
        #expect(applied[0] == appliedBefore[0], "migration 1 did not run again")

        // Version 1 had no mart templates; the upgrade adds the column empty.
        var withoutTemplates = contents.asStored
        for index in withoutTemplates.kpiPatterns.indices { withoutTemplates.kpiPatterns[index].martTemplate = nil }
        let catalog = try SQLiteCatalogStore(database: database)
        #expect(try await catalog.load() == withoutTemplates)
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
        #expect(throws: SluiceDatabaseError.newerVersion(file: file, schema: "catalog", fileVersion: DatabaseSchema.catalog.latestVersion, knownVersion: 1)) {
            try SluiceDatabase(directory: folder.path, schemas: [Self.versionOne])
        }
    }

    @Test("a version 2 catalog file gains the KPI mart template column in place, null until the catalog is written again")
    func versionTwoGainsMartTemplates() async throws {
        let root = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        var generator = GeneratedCatalog(seed: 203)
        var contents = generator.contents(tableCount: 4)
        for index in contents.kpiPatterns.indices {
            contents.kpiPatterns[index].martTemplate = #"{"sources":[{"table":"table_0"}]}"#
        }
        let (folder, appliedBefore) = try await olderFolder(root, contents, version: 2)
        #expect(appliedBefore.map(\.version) == [1, 2])

        let database = try SluiceDatabase(directory: folder.path, schemas: [.catalog])
        let applied = try await database.appliedMigrations(of: .catalog)
        #expect(applied.map(\.version) == [1, 2, 3])
        #expect(Array(applied.prefix(2)) == appliedBefore, "migrations 1 and 2 did not run again")

        var withoutTemplates = contents.asStored
        for index in withoutTemplates.kpiPatterns.indices { withoutTemplates.kpiPatterns[index].martTemplate = nil }
        let catalog = try SQLiteCatalogStore(database: database)
        #expect(try await catalog.load() == withoutTemplates)

        // The next scan's write fills the column, and its JSON check holds.
        try await catalog.replace(with: contents)
        #expect(try await catalog.load() == contents.asStored)
        let invalid = try await database.pool.read { db in
            try Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM catalog.kpi_patterns WHERE NOT json_valid(mart_template)")
        }
        #expect(invalid == false)
    }

    @Test("a mart template that is not JSON is refused, naming the pattern, and the catalog is left as it was")
    func invalidTemplateIsRefused() async throws {
        let root = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        var generator = GeneratedCatalog(seed: 204)
        let contents = generator.contents(tableCount: 3)
        let catalog = try SQLiteCatalogStore(directory: root.path)
        try await catalog.replace(with: contents)
        var broken = contents
        broken.kpiPatterns[0].martTemplate = "{sources: [orders]"
        let error = await #expect(throws: CatalogError.self) { try await catalog.replace(with: broken) }
        #expect("\(error.map { "\($0)" } ?? "")".contains("KPI pattern \"\(contents.kpiPatterns[0].id)\""))
        #expect("\(error.map { "\($0)" } ?? "")".contains("mart template is not JSON"))
        #expect(try await catalog.load() == contents.asStored)
    }
}
