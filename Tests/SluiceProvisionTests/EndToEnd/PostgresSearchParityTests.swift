import Foundation
import SluiceCatalog
import SluiceGovernance
import SluicePostgres
import SluicePostgresTestSupport
import SluiceSQLite
import SluiceSearch
import SluiceTestSupport
import Testing

/// The same catalog searched on both backends gives the same answers: the demo catalog in
/// `catalog.sqlite` with the in-memory index, and in PostgreSQL with the vectors in pgvector
/// and the vector side of every search computed by the database.
@Suite("PostgreSQL: search in the database matches the embedded backend") struct PostgresSearchParityTests {
    /// Every question of the golden set (`benchmarks/golden_queries.json`).
    static func goldenQuestions() throws -> [String] {
        let url = Python.packageRoot.appendingPathComponent("benchmarks/golden_queries.json")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: Any]])
        return entries.compactMap { $0["query"] as? String }
    }

    @Test(arguments: [PostgresVectorIndexKind.hnsw, .diskann])
    func everyGoldenQuestionGetsTheSameRecommendation(index: PostgresVectorIndexKind) async throws {
        let questions = try Self.goldenQuestions()
        #expect(questions.count >= 20)
        let state = try SluiceDatabase(directory: try await DemoLake.copyOfState(), schemas: [.catalog, .ragMonitor])
        let embedded = CatalogSearchEngine(catalog: try SQLiteCatalogStore(database: state), embeddings: try SQLiteEmbeddingStore(database: state),
                                           embedder: HashedNGramEmbedder(), monitor: try SQLiteSearchMonitor(database: state))
        let contents = try await SQLiteCatalogStore(database: state).load()

        try await TestPostgres.withDatabase { database in
            let catalog = PostgresCatalogStore(database: database)
            try await catalog.replace(with: contents)
            #expect(try await catalog.load() == contents, "the catalog does not load back as it was written")
            let monitor = PostgresSearchMonitor(database: database)
            let server = CatalogSearchEngine(catalog: catalog, embeddings: PostgresEmbeddingStore(database: database, index: index),
                                             embedder: HashedNGramEmbedder(), monitor: monitor,
                                             vectorSearch: PostgresVectorSearch(database: database))
            for question in questions {
                for mode in RetrievalMode.allCases {
                    var options = RetrievalOptions.default
                    options.mode = mode
                    let request = SearchRequest(question: question, requester: "parity", role: .biAnalyst, options: options)
                    let mine = try await embedded.search(request)
                    let theirs = try await server.search(request)
                    let label = "\(mode.rawValue): \(question)"
                    #expect(theirs.recommendation.tables.map(\.name) == mine.recommendation.tables.map(\.name), "tables, \(label)")
                    #expect(theirs.recommendation.columns.map { "\($0.table).\($0.column)" } == mine.recommendation.columns.map { "\($0.table).\($0.column)" },
                            "columns, \(label)")
                    #expect(theirs.recommendation.kpi?.id == mine.recommendation.kpi?.id, "KPI, \(label)")
                    #expect(theirs.recommendation.answerable == mine.recommendation.answerable, "answerable, \(label)")
                    for (ours, stored) in zip(mine.retrieval.tables + mine.retrieval.columns, theirs.retrieval.tables + theirs.retrieval.columns) {
                        #expect(ours.id == stored.id && abs(ours.score - stored.score) < 1e-4, "\(ours.id) \(ours.score) vs \(stored.id) \(stored.score), \(label)")
                    }
                }
            }
            // Every search was logged in rag_monitor, and the tables' vectors are current.
            #expect(try await monitor.recentSearches(limit: 1000).count == questions.count * RetrievalMode.allCases.count)
            #expect(try await catalog.load().tables.allSatisfy { !$0.needsEmbedding })
        }
    }
}
