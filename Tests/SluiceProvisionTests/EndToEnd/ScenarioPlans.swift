import Foundation
import SluiceCatalog
import SluiceGovernance
import SluiceProvision
import SluiceSQLite
import SluiceSearch

/// A question answered the way `sluice ask` answers it before provisioning: searched in the
/// catalog as its requester (the real engine, the offline embedder, hybrid retrieval) and
/// planned by the deterministic planner.
struct PlannedQuestion: Sendable {
    var question: String
    var requester: Requester
    var recommendation: Recommendation
    var planned: PlannedMart

    var spec: MartSpec { planned.spec }
    /// What the request carries into the audit: the recommended tables, best first.
    var searchResults: [String] { recommendation.tables.map(\.name) }

    func request(requestID: String = UUID().uuidString.lowercased()) -> ProvisionRequest {
        ProvisionRequest(requestID: requestID, requester: requester, question: question, searchResults: searchResults, spec: spec)
    }
}

/// Search and plan read the catalog only, so the questions of the demo scenarios are answered
/// once per test process (embedding the catalog is the slow part) and shared.
enum ScenarioPlans {
    static func plan(_ question: String, as requester: Requester) async throws -> PlannedQuestion {
        let key = "\(requester.user)|\(requester.role.rawValue)|\(question)"
        return try await cache.plan(key: key) {
            let engine = try await sharedEngine.value
            let response = try await engine.search(SearchRequest(question: question, requester: requester.user, role: requester.role))
            let planned = try await DeterministicPlanner().plan(question: question, recommendation: response.recommendation,
                                                                catalog: try await DemoLake.contents())
            return PlannedQuestion(question: question, requester: requester, recommendation: response.recommendation, planned: planned)
        }
    }

    /// Demo scenario `number` as its requester asks it.
    static func scenario(_ number: Int) async throws -> (SpecText.Scenario, PlannedQuestion) {
        let scenario = try SpecText.get().scenario(number)
        return (scenario, try await plan(scenario.question, as: Requester(user: scenario.requester, role: scenario.role)))
    }

    private static let cache = PlanCache()

    private static let sharedEngine = Task<CatalogSearchEngine, any Error> {
        let database = try SluiceDatabase(directory: try await DemoLake.copyOfState(), schemas: [.catalog, .ragMonitor])
        return CatalogSearchEngine(catalog: try SQLiteCatalogStore(database: database), embeddings: try SQLiteEmbeddingStore(database: database),
                                   embedder: HashedNGramEmbedder(), monitor: try SQLiteSearchMonitor(database: database))
    }

    private actor PlanCache {
        private var plans: [String: Task<PlannedQuestion, any Error>] = [:]

        func plan(key: String, _ make: @escaping @Sendable () async throws -> PlannedQuestion) async throws -> PlannedQuestion {
            if let task = plans[key] { return try await task.value }
            let task = Task { try await make() }
            plans[key] = task
            return try await task.value
        }
    }
}
