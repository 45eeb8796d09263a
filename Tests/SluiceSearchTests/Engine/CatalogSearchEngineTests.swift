import Foundation
import SluiceCatalog
import SluiceGovernance
import SluiceSQLite
import SluiceSearch
import Testing

/// The engine on the demo catalog with the real SQLite stores and the offline embedder.
@Suite struct CatalogSearchEngineTests {
    /// The demo lake's searchable items, from `../shared/spec/demo-lake.md`: 14 tables,
    /// their 132 columns, 16 relationships and 10 KPI patterns.
    static let demoItems = 14 + 132 + 16 + 10

    /// A writable copy of the scanned demo state with its stores.
    struct State {
        let catalog: SQLiteCatalogStore
        let embeddings: SQLiteEmbeddingStore
        let monitor: SQLiteSearchMonitor

        static func copy() async throws -> State {
            let database = try SluiceDatabase(directory: try await DemoCatalog.copyOfState(), schemas: [.catalog, .ragMonitor])
            return State(catalog: try SQLiteCatalogStore(database: database), embeddings: try SQLiteEmbeddingStore(database: database),
                         monitor: try SQLiteSearchMonitor(database: database))
        }

        func engine(_ embedder: (any Embedder)? = HashedNGramEmbedder()) -> CatalogSearchEngine {
            CatalogSearchEngine(catalog: catalog, embeddings: embeddings, embedder: embedder, monitor: monitor)
        }

        /// Changes the catalog as a re-scan would, in one transaction.
        func edit(_ change: (inout CatalogContents) -> Void) async throws {
            var contents = try await catalog.load()
            change(&contents)
            try await catalog.replace(with: contents)
        }
    }

    /// Every progress report, in order.
    final class ProgressLog: @unchecked Sendable {
        private let lock = NSLock()
        private var reports: [EmbeddingProgress] = []

        func record(_ progress: EmbeddingProgress) { lock.withLock { reports.append(progress) } }
        var all: [EmbeddingProgress] { lock.withLock { reports } }
    }

    @Test func firstSyncEmbedsEveryItemAndASecondFindsNothingToDo() async throws {
        let state = try await State.copy()
        let engine = state.engine()
        let first = try await engine.synchronizeEmbeddings()
        #expect(first.model == HashedNGramEmbedder().model)
        #expect(first.missing == Self.demoItems)
        #expect(first.stale == 0 && first.unchanged == 0 && first.removed == 0)

        let second = try await engine.synchronizeEmbeddings()
        #expect(second.missing == 0 && second.stale == 0 && second.removed == 0)
        #expect(second.unchanged == Self.demoItems)
        let stored = try await state.embeddings.embeddings(for: first.model)
        #expect(stored.count == Self.demoItems)
        #expect(stored.allSatisfy { $0.vector.count == first.model.dimension })
    }

    @Test func staleItemsAreEmbeddedBeforeMissingOnes() async throws {
        let state = try await State.copy()
        let engine = state.engine()
        let model = HashedNGramEmbedder().model
        _ = try await engine.synchronizeEmbeddings()

        // A re-scan changed the orders description; the catalog flagged clients for
        // re-embedding without a text change; three columns lost their vectors.
        try await state.edit { contents in
            let orders = contents.tables.firstIndex { $0.name == "orders" }!
            contents.tables[orders].metadataText += " Traders book client orders here."
            let clients = contents.tables.firstIndex { $0.name == "clients" }!
            contents.tables[clients].needsEmbedding = true
        }
        let lost: Set<CatalogItemID> = [.column("aml_alerts", "narrative"), .column("exchanges", "mic"), .column("positions", "weight_pct")]
        let keep = Set(CatalogDocument.documents(from: try await state.catalog.load()).map(\.id)).subtracting(lost)
        #expect(try await state.embeddings.removeEmbeddings(for: model, except: keep) == lost.count)

        let log = ProgressLog()
        let summary = try await engine.synchronizeEmbeddings { log.record($0) }
        #expect(summary.stale == 2)
        #expect(summary.missing == lost.count)
        #expect(summary.unchanged == Self.demoItems - 2 - lost.count)

        let batches = log.all.filter { !$0.items.isEmpty }
        let order = batches.flatMap { batch in batch.items.map { (batch.stage, $0) } }
        #expect(order.map(\.1) == [.table("clients"), .table("orders")] + lost.sorted())
        #expect(order.map(\.0) == [.stale, .stale, .missing, .missing, .missing])
        #expect(batches.last?.embedded == summary.stale + summary.missing)

        // The new vector is of the new text, and the catalog's flag is cleared with it.
        let ordersText = try #require(try await state.catalog.load().table(named: "orders")).metadataText
        let ordersVector = try #require(try await state.embeddings.embeddings(for: model).first { $0.item == .table("orders") })
        #expect(ordersVector.textHash == CatalogDocument.hash(of: ordersText))
        #expect(try await state.catalog.load().table(named: "clients")?.needsEmbedding == false)
        let again = try await engine.synchronizeEmbeddings()
        #expect(again.stale == 0 && again.missing == 0)
    }

    @Test func vectorsOfItemsGoneFromTheCatalogAreRemoved() async throws {
        let state = try await State.copy()
        let engine = state.engine()
        _ = try await engine.synchronizeEmbeddings()
        try await state.edit { contents in
            let exchanges = contents.tables.firstIndex { $0.name == "exchanges" }!
            contents.tables[exchanges].lifecycle = .removed
        }
        let summary = try await engine.synchronizeEmbeddings()
        // exchanges, its 7 columns, and the 2 joins into it (executions.venue_id, instruments.exchange_id).
        #expect(summary.removed == 1 + 7 + 2)
        #expect(summary.missing == 0 && summary.stale == 0)
        let stored = try await state.embeddings.embeddings(for: summary.model)
        #expect(stored.count == Self.demoItems - 10)
        #expect(!stored.contains { $0.item.key.hasPrefix("exchanges") || $0.item.key.contains("->exchanges.") })
    }

    /// The offline embedder under the identity of a next algorithm version, in batches of
    /// 50: real vectors, stored as another model's.
    struct NextVersionEmbedder: Embedder {
        let base = HashedNGramEmbedder()
        var model: EmbeddingModel { EmbeddingModel(id: base.model.id, version: base.model.version + "-next", dimension: base.model.dimension) }
        var batchSize: Int { 50 }
        func embed(_ texts: [String], mode: EmbeddingMode) async throws -> [[Float]] {
            try await base.embed(texts, mode: mode)
        }
    }

    @Test func switchingModelsReembedsEverythingAndKeepsEachModelsVectorsApart() async throws {
        let state = try await State.copy()
        let current = HashedNGramEmbedder()
        let next = NextVersionEmbedder()
        #expect(current.model != next.model)
        _ = try await state.engine(current).synchronizeEmbeddings()

        let switched = state.engine(next)
        let log = ProgressLog()
        let summary = try await switched.synchronizeEmbeddings { log.record($0) }
        #expect(summary.model == next.model)
        #expect(summary.missing == Self.demoItems && summary.stale == 0 && summary.removed == 0)
        // 172 items in batches of 50, each written as it finished.
        #expect(log.all.filter { !$0.items.isEmpty }.map(\.embedded) == [50, 100, 150, Self.demoItems])
        let models = try await state.embeddings.storedModels()
        #expect(models[current.model] == Self.demoItems)
        #expect(models[next.model] == Self.demoItems)
        let kept = try await state.embeddings.embeddings(for: current.model)
        let documents = CatalogDocument.documents(from: try await state.catalog.load())
        let expected = try await current.embed(documents.map(\.text), mode: .document)
        #expect(kept.map(\.vector) == expected, "the first model's vectors are untouched")

        let response = try await switched.search(SearchRequest(question: "Commission by broker"))
        #expect(response.model == next.model)
        // Switching back finds its vectors still there.
        let back = try await state.engine(current).synchronizeEmbeddings()
        #expect(back.missing == 0 && back.stale == 0 && back.unchanged == Self.demoItems)
    }

    @Test func anotherDimensionReembedsEverythingAndNeverMixesLengths() async throws {
        let state = try await State.copy()
        _ = try await state.engine(HashedNGramEmbedder(dimension: 384)).synchronizeEmbeddings()
        let narrow = HashedNGramEmbedder(dimension: 64)
        let engine = state.engine(narrow)
        let response = try await engine.search(SearchRequest(question: "Commission by broker"))
        #expect(response.model == narrow.model)
        let vectors = try await state.embeddings.embeddings(for: narrow.model)
        #expect(vectors.count == Self.demoItems)
        #expect(vectors.allSatisfy { $0.vector.count == 64 && $0.model == narrow.model })
        let again = try await engine.synchronizeEmbeddings()
        #expect(again.missing == 0 && again.stale == 0)
        // The 384-dimension vectors are another model's: kept, so switching back costs nothing.
        #expect(try await state.embeddings.embeddings(for: HashedNGramEmbedder(dimension: 384).model).count == Self.demoItems)
    }

    @Test func searchEmbedsWhatItNeedsThenLogsTheSearchWithItsTimings() async throws {
        let state = try await State.copy()
        let engine = state.engine()
        let question = "Show me portfolio exposure by sector and client segment"
        let response = try await engine.search(SearchRequest(question: question, requester: "maria.chen", role: .biAnalyst))
        // No `sluice embed` ran before: the search synchronized by itself.
        #expect(try await state.embeddings.storedModels()[HashedNGramEmbedder().model] == Self.demoItems)

        let id = try #require(response.searchID)
        let logged = try #require(try await state.monitor.recentSearches(limit: 1).first)
        #expect(logged.id == id)
        #expect(logged.entry.question == question)
        #expect(logged.entry.requester == "maria.chen")
        #expect(logged.entry.role == "bi_analyst")
        #expect(logged.entry.model == HashedNGramEmbedder().model)
        #expect(logged.entry.mode == .hybrid)
        #expect(logged.entry.answerable == response.recommendation.answerable)
        #expect(logged.entry.recommendation == response.recommendation)
        #expect(logged.entry.timings == response.timings)

        let timings = response.timings
        #expect(timings.embedMs > 0 && timings.searchMs > 0 && timings.reasoningMs > 0)
        #expect(timings.totalMs >= timings.embedMs + timings.searchMs + timings.reasoningMs)
        #expect(response.recommendation.governance.requester?.role == .biAnalyst)

        // Evaluation traffic stays out of the log.
        let unlogged = try await engine.search(SearchRequest(question: question, logged: false))
        #expect(unlogged.searchID == nil)
        #expect(try await state.monitor.recentSearches(limit: 10).count == 1)
    }

    @Test func repeatedSearchesAgreeAndFollowCatalogChanges() async throws {
        let state = try await State.copy()
        let engine = state.engine()
        let request = SearchRequest(question: "Commission by broker", logged: false)
        let first = try await engine.search(request)
        let second = try await engine.search(request)
        #expect(first.retrieval == second.retrieval)

        // A table leaving the lake leaves the answers at once, without a new engine.
        try await state.edit { contents in
            for index in contents.tables.indices where contents.tables[index].name == "counterparties" {
                contents.tables[index].lifecycle = .removed
            }
        }
        #expect(first.retrieval.tables.contains { $0.id == .table("counterparties") }, "commission by broker needs the brokers")
        let after = try await engine.search(request)
        #expect(!after.retrieval.tables.contains { $0.id == .table("counterparties") })
        #expect(!after.retrieval.columns.contains { $0.id.key.hasPrefix("counterparties.") })
    }

    @Test func lexicalSearchNeedsNoEmbedder() async throws {
        let state = try await State.copy()
        let engine = state.engine(nil)
        var options = RetrievalOptions.default
        options.mode = .lexical
        let response = try await engine.search(SearchRequest(question: "Commission by broker", options: options))
        #expect(response.model == nil)
        #expect(response.timings.embedMs == 0)
        #expect(try await state.embeddings.storedModels().isEmpty)
        let logged = try #require(try await state.monitor.recentSearches(limit: 1).first)
        #expect(logged.entry.model == nil && logged.entry.mode == .lexical)

        await #expect(throws: SearchEngineError.noEmbedder(mode: .hybrid)) {
            try await engine.search(SearchRequest(question: "Commission by broker"))
        }
    }

    @Test func refusesAnEmptyCatalogAQuestionOfBlanksAndOptionsOutOfRange() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-test-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = try SluiceDatabase(directory: folder, schemas: [.catalog, .ragMonitor])
        let catalog = try SQLiteCatalogStore(database: database)
        let empty = CatalogSearchEngine(catalog: catalog, embeddings: try SQLiteEmbeddingStore(database: database),
                                        embedder: HashedNGramEmbedder(), monitor: try SQLiteSearchMonitor(database: database))
        let error = await #expect(throws: SearchEngineError.self) {
            try await empty.search(SearchRequest(question: "exposure by sector"))
        }
        #expect(error == .emptyCatalog(location: catalog.location))
        #expect(error?.description == "the catalog at \(catalog.location) is empty: run `sluice scan` first")

        let engine = try await State.copy().engine()
        await #expect(throws: SearchEngineError.emptyQuestion) { try await engine.search(SearchRequest(question: "  \n")) }
        var options = RetrievalOptions.default
        options.topTables = 0
        await #expect(throws: SearchEngineError.invalidOption(name: "topTables", reason: "must be at least 1 (got 0)")) {
            try await engine.search(SearchRequest(question: "orders", options: options))
        }
        options = .default
        options.threshold = 1.5
        await #expect(throws: SearchEngineError.self) { try await engine.search(SearchRequest(question: "orders", options: options)) }
    }
}
