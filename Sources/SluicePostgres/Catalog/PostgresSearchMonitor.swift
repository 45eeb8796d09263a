import Foundation
import PostgresNIO
import SluiceProvision
import SluiceSearch

/// The `rag_monitor` schema in PostgreSQL (``PostgresSchema/ragMonitor``), with the
/// semantics of the embedded `SQLiteSearchMonitor`: searches, feedback, calls to embedding
/// and chat providers, and evaluation runs, each newest first when listed.
public final class PostgresSearchMonitor: SearchMonitor, PlannerCallLog {
    public let database: PostgresDatabase
    private var location: String { database.location.description }

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func logSearch(_ entry: SearchLogEntry) async throws -> Int64 {
        let logger = database.logger
        return try await run { [self] in
            try await database.withConnection { connection in
                let rows = try await connection.query("""
                    INSERT INTO rag_monitor.search_log (asked_at, question, requester, role, answerable, document)
                    VALUES (\(entry.askedAt), \(entry.question), \(entry.requester), \(entry.role), \(entry.answerable),
                            \(try JSONDocument.encode(entry))::jsonb)
                    RETURNING search_id
                    """, logger: logger)
                return try await Self.single(rows)
            }
        }
    }

    public func recentSearches(limit: Int) async throws -> [LoggedSearch] {
        try checked(limit)
        return try await documents("SELECT search_id, document::text FROM rag_monitor.search_log ORDER BY asked_at DESC, search_id DESC LIMIT \(limit)",
                                   as: SearchLogEntry.self, what: "rag_monitor.search_log").map { LoggedSearch(id: $0.id, entry: $0.value) }
    }

    @discardableResult
    public func logFeedback(_ entry: FeedbackEntry) async throws -> Int64 {
        let logger = database.logger
        return try await run { [self] in
            try await database.withTransaction { connection in
                let found = try await connection.query("SELECT count(*) FROM rag_monitor.search_log WHERE search_id = \(entry.searchID)", logger: logger)
                guard try await Self.single(found) > 0 else { throw SearchMonitorError.unknownSearch(entry.searchID) }
                let rows = try await connection.query("""
                    INSERT INTO rag_monitor.feedback_log (search_id, document) VALUES (\(entry.searchID), \(try JSONDocument.encode(entry))::jsonb)
                    RETURNING feedback_id
                    """, logger: logger)
                return try await Self.single(rows)
            }
        }
    }

    public func feedback(forSearch id: Int64) async throws -> [FeedbackEntry] {
        try await documents("SELECT feedback_id, document::text FROM rag_monitor.feedback_log WHERE search_id = \(id) ORDER BY feedback_id",
                            as: FeedbackEntry.self, what: "rag_monitor.feedback_log").map(\.value)
    }

    public func logEmbeddingCall(_ record: EmbeddingCallRecord) async throws {
        try await insert(into: "embedding_calls", at: record.calledAt, document: record)
    }

    public func recentEmbeddingCalls(limit: Int) async throws -> [EmbeddingCallRecord] {
        try checked(limit)
        return try await documents("SELECT call_id, document::text FROM rag_monitor.embedding_calls ORDER BY called_at DESC, call_id DESC LIMIT \(limit)",
                                   as: EmbeddingCallRecord.self, what: "rag_monitor.embedding_calls").map(\.value)
    }

    public func logPlannerCall(_ record: PlannerCallRecord) async throws {
        try await insert(into: "planner_calls", at: record.calledAt, document: record)
    }

    public func plannerCalls(limit: Int?) async throws -> [PlannerCallRecord] {
        if let limit { try checked(limit) }
        return try await documents("SELECT call_id, document::text FROM rag_monitor.planner_calls ORDER BY called_at DESC, call_id DESC"
                                   + (limit.map { " LIMIT \($0)" } ?? ""), as: PlannerCallRecord.self, what: "rag_monitor.planner_calls").map(\.value)
    }

    public func saveEvaluationRun(_ run: EvaluationRunRecord) async throws -> Int64 {
        if let metric = run.metrics.first(where: { !$0.value.isFinite }) ?? run.queries.lazy.flatMap(\.metrics).first(where: { !$0.value.isFinite }) {
            throw SearchMonitorError.store(location: location, reason: "evaluation run metric \(metric.key) is \(metric.value); only finite values are stored")
        }
        if let judgment = run.judgments.first(where: { !(0...3).contains($0.grade) }) {
            throw SearchMonitorError.store(location: location, reason: "judgment of \(judgment.itemKey) for \(judgment.queryID) has grade \(judgment.grade), not 0…3")
        }
        let ids = run.queries.map(\.queryID)
        if let duplicate = ids.first(where: { id in ids.filter { $0 == id }.count > 1 }) {
            throw SearchMonitorError.store(location: location, reason: "evaluation run lists query \(duplicate) twice")
        }
        var stored = run
        stored.id = nil
        let logger = database.logger
        return try await self.run { [self] in
            try await database.withConnection { connection in
                let rows = try await connection.query("""
                    INSERT INTO rag_monitor.evaluation_runs (started_at, document) VALUES (\(run.startedAt), \(try JSONDocument.encode(stored))::jsonb)
                    RETURNING run_id
                    """, logger: logger)
                return try await Self.single(rows)
            }
        }
    }

    public func evaluationRuns(limit: Int?) async throws -> [EvaluationRunRecord] {
        if let limit { try checked(limit) }
        return try await documents("SELECT run_id, document::text FROM rag_monitor.evaluation_runs ORDER BY started_at DESC, run_id DESC"
                                   + (limit.map { " LIMIT \($0)" } ?? ""), as: EvaluationRunRecord.self, what: "rag_monitor.evaluation_runs")
            .map { row in
                var record = row.value
                record.id = row.id
                return record
            }
    }

    // MARK: Rows

    private func insert(into table: String, at time: Date, document: some Encodable & Sendable) async throws {
        let logger = database.logger
        let json = try JSONDocument.encode(document)
        try await run { [self] in
            try await database.withConnection { connection in
                try await connection.query(PostgresQuery(unsafeSQL: "INSERT INTO rag_monitor.\(table) (called_at, document) VALUES ($1, $2::jsonb)",
                                                         binds: PostgresSQL.binds(time, json)), logger: logger)
            }
        }
    }

    private func documents<T: Decodable & Sendable>(_ sql: String, as type: T.Type, what: String) async throws -> [(id: Int64, value: T)] {
        let logger = database.logger, location = location
        return try await run { [self] in
            try await database.withConnection { connection in
                var result: [(id: Int64, value: T)] = []
                let rows = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
                for try await (id, text) in rows.decode((Int64, String).self) {
                    result.append((id, try JSONDocument.decode(type, text, what: "\(what) row \(id)", location: location)))
                }
                return result
            }
        }
    }

    private static func single(_ rows: PostgresRowSequence) async throws -> Int64 {
        var value: Int64 = 0
        for try await number in rows.decode(Int64.self) { value = number }
        return value
    }

    private func checked(_ limit: Int) throws {
        guard limit >= 0 else { throw SearchMonitorError.store(location: location, reason: "a limit of \(limit); give 0 or more") }
    }

    /// Monitor errors pass through; the database's become ``SluiceSearch/SearchMonitorError/store(location:reason:)``.
    private func run<T: Sendable>(_ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as SearchMonitorError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw SearchMonitorError.store(location: location, reason: "\(error)")
        }
    }
}
