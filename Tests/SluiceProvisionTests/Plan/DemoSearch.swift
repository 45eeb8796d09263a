import Foundation
import SluiceGovernance
import SluiceSQLite
import SluiceSearch

/// The real search over the demo catalog (SQLite stores, the offline embedder, hybrid
/// retrieval), as `sluice ask` runs it, shared by the planner tests: embedding the catalog
/// is the slow part and happens once per test process.
enum DemoSearch {
    static func recommend(_ question: String, role: Role? = nil) async throws -> Recommendation {
        let engine = try await shared.value
        return try await engine.search(SearchRequest(question: question, requester: "planner.test", role: role)).recommendation
    }

    private static let shared = Task<CatalogSearchEngine, any Error> {
        let database = try SluiceDatabase(directory: try await DemoLake.copyOfState(), schemas: [.catalog, .ragMonitor])
        return CatalogSearchEngine(catalog: try SQLiteCatalogStore(database: database), embeddings: try SQLiteEmbeddingStore(database: database),
                                   embedder: HashedNGramEmbedder(), monitor: try SQLiteSearchMonitor(database: database))
    }
}
