import SluiceProvision
import SluiceSearch

/// The `rag_monitor` schema in PostgreSQL.
public final class PostgresSearchMonitor: SearchMonitor, PlannerCallLog {
    public let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func logSearch(_ entry: SearchLogEntry) async throws -> Int64 { fatalError("contract") }
    public func recentSearches(limit: Int) async throws -> [LoggedSearch] { fatalError("contract") }
    @discardableResult
    public func logFeedback(_ entry: FeedbackEntry) async throws -> Int64 { fatalError("contract") }
    public func feedback(forSearch id: Int64) async throws -> [FeedbackEntry] { fatalError("contract") }
    public func logEmbeddingCall(_ record: EmbeddingCallRecord) async throws { fatalError("contract") }
    public func recentEmbeddingCalls(limit: Int) async throws -> [EmbeddingCallRecord] { fatalError("contract") }
    public func saveEvaluationRun(_ run: EvaluationRunRecord) async throws -> Int64 { fatalError("contract") }
    public func evaluationRuns(limit: Int?) async throws -> [EvaluationRunRecord] { fatalError("contract") }
    public func logPlannerCall(_ record: PlannerCallRecord) async throws { fatalError("contract") }
    public func plannerCalls(limit: Int?) async throws -> [PlannerCallRecord] { fatalError("contract") }
}
