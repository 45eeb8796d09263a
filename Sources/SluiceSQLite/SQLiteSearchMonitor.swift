import GRDB
import SluiceProvision
import SluiceSearch

/// The search monitor of the embedded backend: the `rag_monitor` schema
/// (``DatabaseSchema/ragMonitor``) in `rag_monitor.sqlite` of a ``SluiceDatabase`` state folder.
///
/// ```swift
/// let database = try SluiceDatabase(directory: ".sluice", schemas: [.catalog, .ragMonitor])
/// let monitor = try SQLiteSearchMonitor(database: database)
/// let id = try await monitor.logSearch(entry)
/// try await monitor.logFeedback(FeedbackEntry(searchID: id, item: .table("orders"), rating: .up, …))
/// ```
///
/// Every call is one transaction: an evaluation run is saved with all its query rows and
/// judgments or not at all. Lists come back newest first (by their instant, then by id for
/// rows of the same millisecond). Failures are ``SluiceSearch/SearchMonitorError`` values:
/// ``SluiceSearch/SearchMonitorError/unknownSearch(_:)`` for feedback on a search the log
/// does not have, else ``SluiceSearch/SearchMonitorError/store(location:reason:)`` naming
/// this file and the record, row and field at fault.
public final class SQLiteSearchMonitor: SearchMonitor, PlannerCallLog {
    /// The state folder; other schemas can share it.
    public let database: SluiceDatabase
    /// The path of `rag_monitor.sqlite`.
    public let location: String

    /// Uses the `rag_monitor` schema of an open state folder.
    ///
    /// - Throws: ``SluiceDatabaseError/invalidSchema(name:reason:)`` when `database` was opened without ``DatabaseSchema/ragMonitor``.
    public init(database: SluiceDatabase) throws {
        guard database.schemas.contains(.ragMonitor) else {
            throw SluiceDatabaseError.invalidSchema(name: DatabaseSchema.ragMonitor.name,
                                                    reason: "the database at \(database.directory) was opened without it")
        }
        self.database = database
        location = database.path(of: .ragMonitor)
    }

    public func logSearch(_ entry: SearchLogEntry) async throws -> Int64 {
        let location = location
        return try await writing { db in try SearchLogRows(db: db, location: location).insert(entry) }
    }

    public func recentSearches(limit: Int) async throws -> [LoggedSearch] {
        let location = location, limit = try checked(limit)
        return try await reading { db in try SearchLogRows(db: db, location: location).recent(limit: limit) }
    }

    /// Records feedback on a logged search; returns the new feedback id.
    ///
    /// - Throws: ``SluiceSearch/SearchMonitorError/unknownSearch(_:)`` when no search has `entry.searchID`.
    @discardableResult
    public func logFeedback(_ entry: FeedbackEntry) async throws -> Int64 {
        let location = location
        return try await writing { db in try SearchLogRows(db: db, location: location).insert(entry) }
    }

    /// The feedback on search `id`, in the order it was given.
    ///
    /// - Throws: ``SluiceSearch/SearchMonitorError/unknownSearch(_:)`` when no search has the id
    ///   (a search nobody rated returns an empty list).
    public func feedback(forSearch id: Int64) async throws -> [FeedbackEntry] {
        let location = location
        return try await reading { db in try SearchLogRows(db: db, location: location).feedback(forSearch: id) }
    }

    public func logEmbeddingCall(_ record: EmbeddingCallRecord) async throws {
        let location = location
        try await writing { db in try SearchLogRows(db: db, location: location).insert(record) }
    }

    public func recentEmbeddingCalls(limit: Int) async throws -> [EmbeddingCallRecord] {
        let location = location, limit = try checked(limit)
        return try await reading { db in try SearchLogRows(db: db, location: location).recentCalls(limit: limit) }
    }

    /// Records one call to a chat model that was asked for a mart spec; give it as a
    /// ``SluiceProvision/ChatModelPlanner``'s call log:
    ///
    /// ```swift
    /// let planner = ChatModelPlanner(configuration: chat, callLog: { record in
    ///     do { try await monitor.logPlannerCall(record) } catch { print("warning: \(error)") }
    /// })
    /// ```
    public func logPlannerCall(_ record: PlannerCallRecord) async throws {
        let location = location
        try await writing { db in try PlannerCallRows(db: db, location: location).insert(record) }
    }

    /// The logged chat model calls, newest first (by `called_at`, then by id); the `limit`
    /// most recent, or all of them when it is `nil`.
    public func plannerCalls(limit: Int? = nil) async throws -> [PlannerCallRecord] {
        let location = location, limit = try limit.map(checked)
        return try await reading { db in try PlannerCallRows(db: db, location: location).recent(limit: limit) }
    }

    /// Saves `run` as a new run, with its query results and judgments in their given order,
    /// in one transaction; returns its id. A NaN metric, a grade outside 0…3 or a query id
    /// listed twice refuses the whole run, naming it.
    public func saveEvaluationRun(_ run: EvaluationRunRecord) async throws -> Int64 {
        let location = location
        return try await writing { db in try EvaluationRunRows(db: db, location: location).insert(run) }
    }

    /// Runs newest first (by `started_at`, then by id), each with its queries and judgments in saved order.
    public func evaluationRuns(limit: Int?) async throws -> [EvaluationRunRecord] {
        let location = location, limit = try limit.map(checked)
        return try await reading { db in try EvaluationRunRows(db: db, location: location).runs(limit: limit) }
    }

    /// `limit` itself when it is 0 or more; SQLite would read a negative one as "no limit".
    private func checked(_ limit: Int) throws -> Int {
        guard limit >= 0 else { throw SearchMonitorError.store(location: location, reason: "limit \(limit): the number of rows to return cannot be negative") }
        return limit
    }

    /// Runs `work` in one read transaction (a consistent snapshot), reporting failures as ``SluiceSearch/SearchMonitorError``.
    private func reading<T: Sendable>(_ work: @Sendable (Database) throws -> T) async throws -> T {
        try await database.read(work, translatingErrors: translated)
    }

    /// Runs `work` in one write transaction, rolled back when it throws, reporting failures as ``SluiceSearch/SearchMonitorError``.
    private func writing<T: Sendable>(_ work: @Sendable (Database) throws -> T) async throws -> T {
        try await database.write(work, translatingErrors: translated)
    }

    /// Monitor errors pass through; SQLite's become ``SluiceSearch/SearchMonitorError/store(location:reason:)`` with this file.
    private func translated(_ error: any Error) -> SearchMonitorError {
        switch error {
        case let error as SearchMonitorError: error
        case let error as DatabaseError: .store(location: location, reason: error.message ?? "\(error)")
        default: .store(location: location, reason: "\(error)")
        }
    }
}
