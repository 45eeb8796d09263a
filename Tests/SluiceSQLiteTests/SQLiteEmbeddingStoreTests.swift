import Foundation
import GRDB
import SluiceCatalog
import SluiceSearch
import SluiceSQLite
import SluiceTestSupport
import Testing

@Suite("SQLiteEmbeddingStore")
struct SQLiteEmbeddingStoreTests {
    /// A fresh state folder with the catalog attached, its embedding store and catalog store.
    private struct Stores {
        let folder: URL
        let embeddings: SQLiteEmbeddingStore
        let catalog: SQLiteCatalogStore

        init() throws {
            folder = try Python.temporaryDirectory()
            let database = try SluiceDatabase(directory: folder.path, schemas: [.catalog])
            embeddings = try SQLiteEmbeddingStore(database: database)
            catalog = try SQLiteCatalogStore(database: database)
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    private static let small = EmbeddingModel(id: "sluice-hashed-ngram", version: "1", dimension: 16)
    private static let large = EmbeddingModel(id: "text-embedding-3-small", version: "https://api.openai.com/v1", dimension: 48)
    /// Same id as ``small``, another version: its vectors are a different model's.
    private static let smallNext = EmbeddingModel(id: "sluice-hashed-ngram", version: "2", dimension: 16)

    private static let items: [CatalogItemID] = [
        .kpi("portfolio_exposure"), .table("orders"), .column("orders", "side"), .table("Zürich 📈"),
        CatalogItemID(kind: .relationship, key: "orders.broker_id->counterparties.counterparty_id"),
        .column("orders", "broker_id"), .table("clients"), .column("we\"ird table", "col '2'"),
    ]

    private func embeddings(_ model: EmbeddingModel, _ items: [CatalogItemID], _ generator: inout GeneratedCatalog) -> [StoredEmbedding] {
        items.map { item in
            StoredEmbedding(item: item, model: model, textHash: CatalogDocument.hash(of: generator.text("text of \(item) ")),
                            vector: generator.vector(dimension: model.dimension), embeddedAt: generator.date())
        }
    }

    @Test("each model's vectors come back bit for bit, sorted by item, and only that model's")
    func modelsAreKeptApart() async throws {
        let stores = try Stores()
        defer { stores.remove() }
        var generator = GeneratedCatalog(seed: 101)
        let small = embeddings(Self.small, Self.items, &generator)
        let large = embeddings(Self.large, Self.items, &generator)
        let next = embeddings(Self.smallNext, Array(Self.items.prefix(3)), &generator)
        // Interleaved in one batch: the store, not the order, keeps them apart.
        try await stores.embeddings.upsert(Array(zip(small, large).flatMap { [$1, $0] }) + next)

        for (model, expected) in [(Self.small, small), (Self.large, large), (Self.smallNext, next)] {
            let loaded = try await stores.embeddings.embeddings(for: model)
            #expect(loaded == expected.map(\.asStored).sorted { $0.item < $1.item })
            #expect(loaded.allSatisfy { $0.model == model })
            // Equal floats are not enough: -0.0 == 0.0, so compare the bits.
            #expect(loaded.map { $0.vector.map(\.bitPattern) } == expected.sorted { $0.item < $1.item }.map { $0.vector.map(\.bitPattern) })
        }
        #expect(try await stores.embeddings.storedModels() == [Self.small: Self.items.count, Self.large: Self.items.count, Self.smallNext: 3])
        let unknown = EmbeddingModel(id: "nomic-embed-text", version: "1", dimension: 16)
        #expect(try await stores.embeddings.embeddings(for: unknown).isEmpty)
    }

    @Test("an upsert replaces the item's vector of that model and leaves the other model's alone")
    func upsertReplaces() async throws {
        let stores = try Stores()
        defer { stores.remove() }
        var generator = GeneratedCatalog(seed: 102)
        let small = embeddings(Self.small, Self.items, &generator)
        let large = embeddings(Self.large, Self.items, &generator)
        try await stores.embeddings.upsert(small + large)

        var replacement = embeddings(Self.small, [Self.items[1]], &generator)[0]
        replacement.textHash = CatalogDocument.hash(of: "orders, new text")
        // Of two vectors for the same item and model in one batch, the later wins.
        let overwritten = embeddings(Self.small, [Self.items[1]], &generator)[0]
        try await stores.embeddings.upsert([overwritten, replacement])

        let expected = small.map { $0.item == replacement.item ? replacement : $0 }.map(\.asStored).sorted { $0.item < $1.item }
        #expect(try await stores.embeddings.embeddings(for: Self.small) == expected)
        #expect(try await stores.embeddings.embeddings(for: Self.large) == large.map(\.asStored).sorted { $0.item < $1.item })
        #expect(try await stores.embeddings.storedModels() == [Self.small: Self.items.count, Self.large: Self.items.count])
    }

    @Test("a vector of the wrong length refuses the whole batch, naming the item")
    func wrongLengthWritesNothing() async throws {
        let stores = try Stores()
        defer { stores.remove() }
        var generator = GeneratedCatalog(seed: 103)
        let before = embeddings(Self.small, Array(Self.items.prefix(2)), &generator)
        try await stores.embeddings.upsert(before)

        var batch = embeddings(Self.small, Self.items, &generator)
        batch[5].vector.removeLast()
        await #expect(throws: EmbeddingError.dimensionMismatch(item: "column:orders.broker_id", expected: 16, found: 15)) {
            try await stores.embeddings.upsert(batch)
        }
        #expect(try await stores.embeddings.embeddings(for: Self.small) == before.map(\.asStored).sorted { $0.item < $1.item })
    }

    @Test("a NaN or infinite value refuses the whole batch, naming the item and the value",
          arguments: [Float.nan, .infinity, -.infinity, .signalingNaN])
    func nonFiniteWritesNothing(value: Float) async throws {
        let stores = try Stores()
        defer { stores.remove() }
        var generator = GeneratedCatalog(seed: 104)
        var batch = embeddings(Self.large, Self.items, &generator)
        batch[3].vector[7] = value

        let error = try await #require(throws: CatalogError.self) { try await stores.embeddings.upsert(batch) }
        guard case let .store(location, reason) = error else { Issue.record("unexpected \(error)"); return }
        #expect(location == stores.embeddings.location)
        #expect(reason.contains("vector of table:Zürich 📈 by \(Self.large): value 7 is \(value)"))
        #expect(reason.contains("no vector of the batch was written"))
        #expect(try await stores.embeddings.storedModels().isEmpty)
    }

    @Test("one model id and version at two dimensions is two models: both kept, each read alone")
    func anotherDimensionIsAnotherModel() async throws {
        let stores = try Stores()
        defer { stores.remove() }
        var generator = GeneratedCatalog(seed: 105)
        let resized = EmbeddingModel(id: Self.large.id, version: Self.large.version, dimension: 24)
        let items: [CatalogItemID] = [.table("orders"), .column("orders", "side")]
        let wide = embeddings(Self.large, items, &generator), narrow = embeddings(resized, items, &generator)
        try await stores.embeddings.upsert(wide + narrow)
        #expect(try await stores.embeddings.embeddings(for: Self.large) == wide.map(\.asStored))
        #expect(try await stores.embeddings.embeddings(for: resized) == narrow.map(\.asStored))
        #expect(try await stores.embeddings.storedModels() == [Self.large: 2, resized: 2])
        #expect(try await stores.embeddings.removeEmbeddings(for: resized, except: [.table("orders")]) == 1)
        #expect(try await stores.embeddings.embeddings(for: Self.large) == wide.map(\.asStored))
    }

    @Test("needs_embedding is cleared in the upsert's transaction only for tables whose current text has the stored hash")
    func needsEmbeddingFollowsTheHash() async throws {
        let stores = try Stores()
        defer { stores.remove() }
        var generator = GeneratedCatalog(seed: 106)
        var contents = generator.contents(tableCount: 6)
        for index in contents.tables.indices { contents.tables[index].needsEmbedding = true }
        try await stores.catalog.replace(with: contents)
        let tables = contents.tables
        let hash = { (table: TableMetadata) in CatalogDocument.hash(of: table.metadataText) }

        func vector(_ item: CatalogItemID, _ textHash: String, _ model: EmbeddingModel = Self.small) -> StoredEmbedding {
            StoredEmbedding(item: item, model: model, textHash: textHash, vector: generator.vector(dimension: model.dimension), embeddedAt: generator.date())
        }
        try await stores.embeddings.upsert([
            vector(.table(tables[0].name), hash(tables[0])),                          // current: cleared
            vector(.table(tables[1].name), hash(tables[1]), Self.large),              // current, another model: cleared
            vector(.table(tables[2].name), CatalogDocument.hash(of: "the old text")), // stale: kept
            vector(.kpi(tables[3].name), hash(tables[3])),                            // not a table item: kept
            vector(.column(tables[4].name, "col_0"), hash(tables[4])),                // not a table item: kept
            vector(.table("no such table"), hash(tables[5])),                         // no table: nothing to clear
        ])

        var expected = contents.asStored
        for index in expected.tables.indices where [tables[0].name, tables[1].name].contains(expected.tables[index].name) {
            expected.tables[index].needsEmbedding = false
        }
        let loaded = try await stores.catalog.load()
        #expect(loaded.tables.filter { !$0.needsEmbedding }.map(\.name).sorted() == [tables[0].name, tables[1].name].sorted())
        #expect(loaded == expected, "nothing else in the catalog changed")
    }

    @Test("a refused batch clears no needs_embedding flag either")
    func refusedBatchKeepsFlags() async throws {
        let stores = try Stores()
        defer { stores.remove() }
        var generator = GeneratedCatalog(seed: 107)
        var contents = generator.contents(tableCount: 2)
        contents.tables[0].needsEmbedding = true
        try await stores.catalog.replace(with: contents)
        let table = contents.tables[0]
        let good = StoredEmbedding(item: .table(table.name), model: Self.small, textHash: CatalogDocument.hash(of: table.metadataText),
                                   vector: generator.vector(dimension: 16), embeddedAt: generator.date())
        var bad = good
        bad.item = .table(contents.tables[1].name)
        bad.vector = [1, 2, 3]
        await #expect(throws: EmbeddingError.self) { try await stores.embeddings.upsert([good, bad]) }
        #expect(try await stores.catalog.load() == contents.asStored)
    }

    @Test("embeddings survive a catalog replace, which deletes and re-inserts every catalog row")
    func vectorsSurviveCatalogReplace() async throws {
        let stores = try Stores()
        defer { stores.remove() }
        var generator = GeneratedCatalog(seed: 108)
        let contents = generator.contents(tableCount: 4)
        try await stores.catalog.replace(with: contents)
        let stored = embeddings(Self.small, contents.tables.map { .table($0.name) } + contents.columns.map { .column($0.table, $0.name) }, &generator)
        try await stores.embeddings.upsert(stored)

        try await stores.catalog.replace(with: generator.contents(tableCount: 2))
        try await stores.catalog.replace(with: CatalogContents())
        #expect(try await stores.embeddings.embeddings(for: Self.small) == stored.map(\.asStored).sorted { $0.item < $1.item })
    }

    @Test("removeEmbeddings deletes the model's vectors of items not kept, and no other model's")
    func removeKeepsTheListedItems() async throws {
        let stores = try Stores()
        defer { stores.remove() }
        var generator = GeneratedCatalog(seed: 109)
        let small = embeddings(Self.small, Self.items, &generator)
        let next = embeddings(Self.smallNext, Self.items, &generator)
        try await stores.embeddings.upsert(small + next)
        let kept: Set<CatalogItemID> = [Self.items[0], Self.items[4], .table("never embedded")]

        #expect(try await stores.embeddings.removeEmbeddings(for: Self.small, except: kept) == Self.items.count - 2)
        #expect(try await stores.embeddings.embeddings(for: Self.small) == small.filter { kept.contains($0.item) }.map(\.asStored).sorted { $0.item < $1.item })
        #expect(try await stores.embeddings.embeddings(for: Self.smallNext) == next.map(\.asStored).sorted { $0.item < $1.item })
        #expect(try await stores.embeddings.removeEmbeddings(for: Self.small, except: kept) == 0)
        #expect(try await stores.embeddings.removeEmbeddings(for: Self.smallNext, except: []) == Self.items.count)
        #expect(try await stores.embeddings.storedModels() == [Self.small: 2])
    }

    @Test("the vector column holds little-endian float32 values and refuses a blob of the wrong length")
    func blobLayout() async throws {
        let stores = try Stores()
        defer { stores.remove() }
        let model = EmbeddingModel(id: "m", version: "1", dimension: 3)
        try await stores.embeddings.upsert([StoredEmbedding(item: .table("orders"), model: model, textHash: "h", vector: [1, -2.5, 0x1p-149],
                                                            embeddedAt: Date(timeIntervalSince1970: 1_706_688_902.125))])
        let stored = try await stores.embeddings.database.pool.read { db -> (blob: Data, dimension: Int, embeddedAt: String)? in
            try Row.fetchOne(db, sql: "SELECT vector, dimension, embedded_at FROM catalog.embeddings").map {
                (try $0.decode(forColumn: "vector"), try $0.decode(forColumn: "dimension"), try $0.decode(forColumn: "embedded_at"))
            }
        }
        let row = try #require(stored)
        #expect(Array(row.blob) == [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x20, 0xC0, 0x01, 0x00, 0x00, 0x00])
        #expect(row.dimension == 3)
        #expect(row.embeddedAt == "2024-01-31T08:15:02.125Z")

        await #expect(throws: DatabaseError.self) {
            try await stores.embeddings.database.pool.write { db in
                try db.execute(sql: """
                    INSERT INTO catalog.embeddings (item_kind, item_key, model_id, model_version, dimension, text_hash, vector, embedded_at)
                    VALUES ('table', 'clients', 'm', '1', 3, 'h', x'0000803F', '2024-01-31T08:15:02.125Z')
                    """)
            }
        }
    }

    @Test("a stored row of a kind this build does not know is reported with its row and field, and removable")
    func unknownKindIsReported() async throws {
        let stores = try Stores()
        defer { stores.remove() }
        try await stores.embeddings.database.pool.write { db in
            try db.execute(sql: """
                INSERT INTO catalog.embeddings (item_kind, item_key, model_id, model_version, dimension, text_hash, vector, embedded_at)
                VALUES ('view', 'v_orders', 'm', '1', 1, 'h', x'0000803F', '2024-01-31T08:15:02.125Z')
                """)
        }
        let model = EmbeddingModel(id: "m", version: "1", dimension: 1)
        await #expect(throws: CatalogError.store(location: stores.embeddings.location,
                                                 reason: "catalog.embeddings row view:v_orders by m@1: item_kind \"view\" is not a CatalogItemKind this build knows")) {
            try await stores.embeddings.embeddings(for: model)
        }
        #expect(try await stores.embeddings.removeEmbeddings(for: model, except: []) == 1)
        #expect(try await stores.embeddings.embeddings(for: model).isEmpty)
    }

    @Test("an empty upsert is a no-op, and a model without dimensions is refused")
    func edgeBatches() async throws {
        let stores = try Stores()
        defer { stores.remove() }
        try await stores.embeddings.upsert([])
        #expect(try await stores.embeddings.storedModels().isEmpty)
        let empty = EmbeddingModel(id: "m", version: "1", dimension: 0)
        let error = try await #require(throws: CatalogError.self) {
            try await stores.embeddings.upsert([StoredEmbedding(item: .kpi("k"), model: empty, textHash: "h", vector: [], embeddedAt: Date())])
        }
        #expect("\(error)".contains("vector of kpi:k by m@1 (0 dimensions): a model must make vectors of at least 1 value"))
    }

    @Test("a database opened without the catalog schema is refused")
    func needsTheCatalog() throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try SluiceDatabase(directory: folder.path, schemas: [.ragMonitor])
        #expect(throws: SluiceDatabaseError.invalidSchema(name: "catalog", reason: "the database at \(database.directory) was opened without it")) {
            try SQLiteEmbeddingStore(database: database)
        }
    }
}
