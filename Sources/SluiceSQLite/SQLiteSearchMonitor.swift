import SluiceSearch

extension DatabaseSchema {
    /// CONTRACT — owned by the SQLite helper; replace with the real migrations.
    public static let ragMonitor = DatabaseSchema(name: "rag_monitor", migrations: [])
}

/// CONTRACT — owned by the SQLite helper; replace this body entirely.
public final class SQLiteSearchMonitor: SearchMonitor {
    public let database: SluiceDatabase
    public let location: String

    /// Requires ``DatabaseSchema/ragMonitor`` attached.
    public init(database: SluiceDatabase) throws {
        fatalError("contract")
    }

    public func logSearch(_ entry: SearchLogEntry) async throws -> Int64 { fatalError("contract") }
    public func recentSearches(limit: Int) async throws -> [LoggedSearch] { fatalError("contract") }
    public func logFeedback(_ entry: FeedbackEntry) async throws -> Int64 { fatalError("contract") }
    public func feedback(forSearch id: Int64) async throws -> [FeedbackEntry] { fatalError("contract") }
    public func logEmbeddingCall(_ record: EmbeddingCallRecord) async throws { fatalError("contract") }
    public func recentEmbeddingCalls(limit: Int) async throws -> [EmbeddingCallRecord] { fatalError("contract") }
    public func saveEvaluationRun(_ run: EvaluationRunRecord) async throws -> Int64 { fatalError("contract") }
    public func evaluationRuns(limit: Int?) async throws -> [EvaluationRunRecord] { fatalError("contract") }
}
